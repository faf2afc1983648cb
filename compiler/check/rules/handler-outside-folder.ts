import { handlerSetting, handlersFolderSetting, type PathSetting } from '../handler-paths.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL2014: a `handler` or app `handlers` path that leaves the folder of the .flow file: an
 * absolute path (`/etc/x`, `C:/x`) or one whose `..` climbs above the folder (`../../x`).
 * `flowc build` would create the stub there and `flowc package` would bundle whatever file is
 * there into the function's zip, so a .flow file could write or read anything its user can.
 */
export const handlerOutsideFolder: Rule = {
  code: 'FL2014',
  visit: {
    fn: (fn, context) => check(context, handlerSetting(fn, context), `the handler of \`${fn.name}\``),
    program: (context) => check(context, handlersFolderSetting(context), "the app's `handlers` folder"),
  },
};

function check(context: CheckContext, path: PathSetting | undefined, subject: string): void {
  const kind = path?.problem?.kind;
  if (path === undefined || (kind !== 'absolute' && kind !== 'outside')) return;
  const text = path.value.value;
  context.report(path.value.span, `${subject} is outside the folder of the .flow file`, {
    label: kind === 'absolute' ? 'an absolute path' : 'climbs out of the folder with `..`',
    why: `Handler paths are relative to the folder of the .flow file and stay inside it: \`flowc build\` creates a missing handler there, and \`flowc package\` and \`flowc deploy\` bundle that file into the function's code. A path outside the folder would let the .flow file write a stub, or ship a file, anywhere on the machine (\`${text}\`).`,
    help: `move the ${path.expect === 'file' ? 'handler' : 'handlers'} into the folder of the .flow file (or the .flow file up to a folder that holds ${path.expect === 'file' ? 'it' : 'them'}) and write the path from there, e.g. \`${suggestion(text, path.expect)}\`; a handler can still \`import\` shared code from anywhere`,
  });
}

/** The path's last part inside a `src/` folder: `../../lib/charge.ts` → `src/charge.ts`. */
function suggestion(text: string, expect: 'file' | 'folder'): string {
  const name = text.split('/').filter((part) => part !== '' && part !== '.' && part !== '..' && !/^[A-Za-z]:$/.test(part)).pop();
  if (expect === 'folder') return `handlers = "${name ?? 'handlers'}"`;
  return `handler = "handlers/${name ?? 'handler.ts'}"`;
}
