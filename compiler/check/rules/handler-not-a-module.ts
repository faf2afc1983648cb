import { HANDLER_EXTENSIONS } from '../../../runtime/manifest/handler-path.js';
import { handlerSetting, type PathSetting } from '../handler-paths.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL2017: a `handler` whose file is not a JavaScript or TypeScript module (`.json`, `.flow`,
 * no extension). esbuild bundles by extension: a `.json` entry becomes a module that exports
 * the data (so `flowc package` zipped a JSON file as if it were code, and Lambda then finds no
 * `handler`), a file without a known extension is refused, and `flowc build` would write a
 * TypeScript stub under a name no tool reads as TypeScript.
 */
export const handlerNotAModule: Rule = {
  code: 'FL2017',
  visit: {
    fn: (fn, context) => check(context, handlerSetting(fn, context), fn.name),
  },
};

function check(context: CheckContext, path: PathSetting | undefined, fnName: string): void {
  if (path === undefined || path.segments === undefined) return;
  const file = path.segments[path.segments.length - 1] ?? '';
  const dot = file.lastIndexOf('.');
  const extension = dot > 0 ? file.slice(dot).toLowerCase() : '';
  if (HANDLER_EXTENSIONS.includes(extension)) return;
  const stem = dot > 0 ? path.value.value.slice(0, path.value.value.length - (file.length - dot)) : path.value.value;
  context.report(path.value.span, `the handler of \`${fnName}\` is not a JavaScript or TypeScript file`, {
    label: extension === '' ? 'no file extension' : `a \`${extension}\` file`,
    why: `The handler is the module Lambda runs: \`flowc package\` bundles it with esbuild, which reads a file by its extension (${HANDLER_EXTENSIONS.map((e) => `\`${e}\``).join(', ')}), and \`flowc build\` creates a TypeScript stub there.${extension === '.json' ? ' A `.json` file would be bundled as data, with no `handler` function for Lambda to call; import the data from the handler instead.' : ''}`,
    help: `name the handler's source file, e.g. \`handler = "${stem}.ts"\``,
  });
}
