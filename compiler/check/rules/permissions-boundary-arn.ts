import { boundaryProblem } from '../iam-names.js';
import type { Rule } from '../rule.js';

const EXAMPLE = 'arn:aws:iam::123456789012:policy/Boundary';

/**
 * FL4044: the app's `permissions_boundary` is not the ARN of an IAM managed policy,
 * `arn:<partition>:iam::<account id or aws>:policy/<path><name>` (runtime/aws/iam.ts `iamNames`).
 * CloudFormation would fail every role of the app ("Invalid ARN" or "Policy … does not exist or
 * is not attachable"), so the whole stack rolls back. What is reported is the first part of the
 * ARN that is wrong; whether the policy exists, and what it allows, only IAM can say.
 */
export const permissionsBoundaryArn: Rule = {
  code: 'FL4044',
  visit: {
    program(context) {
      const setting = context.writtenOf(context.app, 'permissionsBoundary');
      if (setting?.value.kind !== 'StringValue') return;
      const problem = boundaryProblem(setting.value.value);
      if (!problem) return;
      context.report(setting.value.span, `\`permissions_boundary\` is not the ARN of an IAM managed policy`, {
        label: problem.label,
        why: `A permissions boundary is a managed policy, given by its ARN: \`arn:<partition>:iam::<account id>:policy/<path><name>\` (\`aws\` instead of the account for an AWS managed policy). flowc sets it as the PermissionsBoundary of every role of the app; CloudFormation refuses a value that is not such an ARN, and every role, so the whole stack, fails to create.`,
        help: problem.help ?? `write the policy's ARN, as IAM shows it: \`permissions_boundary = "${EXAMPLE}"\``,
      });
    },
  },
};
