import { checkRegisteredRanges } from '../ranges.js';
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
      checkRegisteredRanges(context, context.fn(fn), 'fn', 'FL4002');
    },
  },
};
