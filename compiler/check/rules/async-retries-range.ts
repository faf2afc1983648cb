import { checkRegisteredRanges } from '../ranges.js';
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
      checkRegisteredRanges(context, context.fn(fn), 'fn', 'FL4001');
    },
  },
};
