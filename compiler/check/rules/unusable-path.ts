import type { PathProblem } from '../../../runtime/manifest/handler-path.js';
import { isUnusable } from '../../../runtime/manifest/handler-path.js';
import { handlerSetting, handlersFolderSetting, type PathSetting } from '../handler-paths.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL2016: a `handler` or app `handlers` path that cannot name a file the same way everywhere:
 * a NUL byte (no file system takes one; Node refuses the path), another control character, a
 * backslash (a folder separator on Windows, a plain character on Linux and macOS), an empty
 * path, or for `handler` a path that names a folder (`src/`, `.`).
 */
export const unusablePath: Rule = {
  code: 'FL2016',
  visit: {
    fn: (fn, context) => check(context, handlerSetting(fn, context)),
    program: (context) => check(context, handlersFolderSetting(context)),
  },
};

function check(context: CheckContext, path: PathSetting | undefined): void {
  const problem = path?.problem;
  if (path === undefined || problem === undefined || !isUnusable(problem)) return;
  const { message, label, help } = describe(problem, path);
  context.report(path.value.span, message, {
    label,
    why: 'A handler path names one file, relative to the folder of the .flow file, on every machine that builds the flow: `flowc build` creates it, `flowc package` bundles it and `flowc sim` loads it.',
    help,
  });
}

function describe(problem: PathProblem, path: PathSetting): { message: string; label: string; help: string } {
  const text = path.value.value;
  const setting = path.expect === 'file' ? '`handler`' : '`handlers`';
  switch (problem.kind) {
    case 'nul':
      return { message: `${setting} contains a NUL character`, label: 'no file name can hold `\\u{0}`', help: `remove it: ${fixed(path, text.replaceAll('\0', ''))}` };
    case 'control': {
      const code = problem.char.codePointAt(0)?.toString(16).toUpperCase() ?? '?';
      return { message: `${setting} contains a control character (U+${code.padStart(4, '0')})`, label: 'not a character for a file name', help: `remove it: ${fixed(path, text.replace(/[\u0001-\u001f\u007f]/g, ''))}` };
    }
    case 'backslash':
      return { message: `${setting} uses \`\\\` between folders`, label: 'a separator on Windows, a character elsewhere', help: `write \`/\`, which means a folder everywhere: ${fixed(path, text.replaceAll('\\', '/'))}` };
    case 'empty':
      return path.expect === 'file'
        ? { message: '`handler` is empty', label: 'names no file', help: 'give the handler file, e.g. `handler = "handlers/charge.ts"`, or leave `handler` out for the default' }
        : { message: '`handlers` is empty', label: 'names no folder', help: 'write `handlers = "."` for the folder of the .flow file, or leave `handlers` out for the default `handlers`' };
    case 'not-a-file':
      return { message: '`handler` names a folder, not a file', label: 'a handler is one source file', help: `name the file, e.g. ${fixed(path, `${text.replace(/\/+$/, '') || 'handlers'}/index.ts`)}` };
    default:
      return { message: `${setting} cannot be used`, label: problem.kind, help: 'write a relative path with `/` between folders' };
  }
}

function fixed(path: PathSetting, text: string): string {
  return `\`${path.expect === 'file' ? 'handler' : 'handlers'} = ${JSON.stringify(text)}\``;
}
