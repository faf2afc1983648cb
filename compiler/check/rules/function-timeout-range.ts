import { checkRegisteredRanges } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4034: a function timeout outside 1–900 seconds (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), on a function or
 * as the app's default.
 */
export const functionTimeoutRange: Rule = {
  code: 'FL4034',
  visit: {
    fn(fn, context) {
      checkRegisteredRanges(context, context.fn(fn), 'fn', 'FL4034');
    },
    program(context) {
      checkRegisteredRanges(context, context.app, 'app', 'FL4034');
    },
  },
};
