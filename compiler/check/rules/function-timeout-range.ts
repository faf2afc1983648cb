import { lambda } from '../../../runtime/aws/limits.js';
import { checkRange } from '../ranges.js';
import type { Rule } from '../rule.js';

const why =
  'A Lambda function runs for 1 second to 15 minutes (Timeout 1–900). CreateFunction refuses any other value, so CloudFormation fails the stack with a "failed to satisfy constraint" validation error. Work that takes longer than 15 minutes has to be split into steps.';

/**
 * FL4034: a function timeout outside 1–900 seconds (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), on a function or
 * as the app's default.
 */
export const functionTimeoutRange: Rule = {
  code: 'FL4034',
  visit: {
    fn(fn, context) {
      checkRange(context, fn, { setting: 'timeout', range: lambda.timeoutSeconds, as: 'seconds', property: 'Timeout', why });
    },
    program(context) {
      checkRange(context, context.program.appSettings, { setting: 'timeout', range: lambda.timeoutSeconds, as: 'seconds', property: 'Timeout', why });
    },
  },
};
