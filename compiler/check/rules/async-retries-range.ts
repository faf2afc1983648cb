import { lambda } from '../../../runtime/aws/limits.js';
import { checkRange } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4001: a function's `retries` (EventInvokeConfig `MaximumRetryAttempts`) outside 0–2
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html). Lambda retries a failed asynchronous invocation at most twice;
 * CloudFormation fails the stack with "Value '5' at 'maximumRetryAttempts' failed to satisfy
 * constraint: Member must have value less than or equal to 2".
 */
export const asyncRetriesRange: Rule = {
  code: 'FL4001',
  visit: {
    fn(fn, context) {
      const value = context.number(fn, 'retries');
      if (value === undefined) return;
      const { min, max } = lambda.asyncRetryAttempts;
      const bound = value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`;
      checkRange(context, fn, {
        setting: 'retries',
        range: lambda.asyncRetryAttempts,
        as: 'number',
        property: 'MaximumRetryAttempts',
        why: `Lambda retries a failed asynchronous invocation at most twice (3 attempts in all). CloudFormation fails the stack: "Value '${value}' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value ${bound}".`,
      });
    },
  },
};
