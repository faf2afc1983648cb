import { DEFAULT_GENERATED_DIR } from '../../../runtime/manifest/handler-path.js';
import { handlerSetting, handlersFolderSetting, type PathSetting } from '../handler-paths.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL2015: a handler inside `generated/`, the folder beside the .flow file that `flowc build`
 * rewrites (`generated/flow.ts`). `handlers = "generated"` with `fn flow` makes the handler
 * and the generated module one file: every build overwrote the handler. Any other handler
 * there is one `rm -r generated` or one `.gitignore` line away from being lost, so the folder
 * is flowc's alone. Compared without case: on macOS and Windows `Generated` is the same folder.
 * (`flowc build --generated DIR` moves the module; the build then refuses a handler in DIR too, FL9003.)
 */
export const handlerInGeneratedFolder: Rule = {
  code: 'FL2015',
  visit: {
    fn: (fn, context) => check(context, handlerSetting(fn, context), `the handler of \`${fn.name}\``),
    program: (context) => check(context, handlersFolderSetting(context), "the app's `handlers` folder"),
  },
};

function check(context: CheckContext, path: PathSetting | undefined, subject: string): void {
  const first = path?.segments?.[0];
  if (path === undefined || first === undefined || first.toLowerCase() !== DEFAULT_GENERATED_DIR) return;
  const rest = path.segments?.slice(1) ?? [];
  const alone = path.segments?.length === 1;
  context.report(path.value.span, `${subject} is inside \`${DEFAULT_GENERATED_DIR}/\`, the folder flowc regenerates`, {
    label: alone && path.expect === 'file' ? `a file where flowc makes the folder \`${DEFAULT_GENERATED_DIR}/\`` : `\`flowc build\` rewrites \`${DEFAULT_GENERATED_DIR}/\``,
    why: `\`flowc build\` rewrites \`${DEFAULT_GENERATED_DIR}/flow.ts\` beside the .flow file on every build; a handler there is overwritten when its name is \`flow.ts\`, and lost with the folder otherwise (it is what one deletes, or leaves out of version control, to start afresh). Handlers are yours, so they live elsewhere.`,
    help: `keep handlers out of \`${DEFAULT_GENERATED_DIR}/\`, e.g. \`${path.expect === 'file' ? 'handler' : 'handlers'} = "${['handlers', ...rest].join('/') || 'handlers'}"\``,
  });
}
