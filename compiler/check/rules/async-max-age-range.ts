import { lambda } from '../../../runtime/aws/limits.js';
import { checkRange } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4002: a function's `max_age` (EventInvokeConfig `MaximumEventAgeInSeconds`) outside
 * 60–21600 seconds (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html): an asynchronous event waits at most 6 hours, and
 * the API refuses less than a minute, so the stack fails.
 */
export const asyncMaxAgeRange: Rule = {
  code: 'FL4002',
  visit: {
    fn(fn, context) {
      checkRange(context, fn, {
        setting: 'max_age',
        range: lambda.asyncMaxEventAgeSeconds,
        as: 'seconds',
        property: 'MaximumEventAgeInSeconds',
        why: 'Lambda keeps an asynchronous event in its queue for 1 minute to 6 hours (MaximumEventAgeInSeconds 60–21600). PutFunctionEventInvokeConfig refuses any other value, so CloudFormation fails the stack with a "failed to satisfy constraint" validation error.',
      });
    },
  },
};
