import { checkRegisteredRanges } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4035: function memory outside 128–10,240 MB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), on a function or as
 * the app's default.
 */
export const functionMemoryRange: Rule = {
  code: 'FL4035',
  visit: {
    fn(fn, context) {
      checkRegisteredRanges(context, context.fn(fn), 'fn', 'FL4035');
    },
    program(context) {
      checkRegisteredRanges(context, context.app, 'app', 'FL4035');
    },
  },
};
