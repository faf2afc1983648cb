import { iamPathProblem } from '../iam-names.js';
import type { Rule } from '../rule.js';

/**
 * FL4045: the app's `role_path` is not an IAM path: `/`, or `/…/` of 1–512 characters from `!`
 * to `~` (CreateRole `Path`, runtime/aws/iam.ts `iamNames`). CloudFormation would fail every
 * role of the app ("Member must satisfy regular expression pattern").
 */
export const rolePath: Rule = {
  code: 'FL4045',
  visit: {
    program(context) {
      const setting = context.writtenOf(context.app, 'rolePath');
      if (setting?.value.kind !== 'StringValue') return;
      const path = setting.value.value;
      const problem = iamPathProblem(path);
      if (!problem) return;
      const trimmed = path.trim().replace(/^\/+|\/+$/g, '');
      const fixed = `/${trimmed}/`;
      const suggestion = trimmed.length > 0 && iamPathProblem(fixed) === undefined && fixed !== path ? fixed : undefined;
      context.report(setting.value.span, `\`role_path\` is not an IAM path`, {
        label: problem,
        why: 'flowc gives every role of the app this Path. IAM takes `/` or a path that starts and ends with `/`, 1–512 characters from `!` to `~` (no spaces), such as `/apps/shop/`; CloudFormation refuses any other, and every role, so the whole stack, fails to create.',
        help: suggestion ? `write \`role_path = "${suggestion}"\`` : 'write a path such as `role_path = "/apps/"`, or leave `role_path` out (IAM\'s default is `/`)',
      });
    },
  },
};
