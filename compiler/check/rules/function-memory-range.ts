import { lambda } from '../../../runtime/aws/limits.js';
import { checkRange } from '../ranges.js';
import type { Rule } from '../rule.js';

const why =
  'A Lambda function has 128 MB to 10,240 MB of memory (MemorySize), in 1-MB steps; CPU grows with it. CreateFunction refuses other values for standard functions (only Lambda Managed Instances go up to 32,768 MB, and flowc does not deploy those), so CloudFormation fails the stack.';

/**
 * FL4035: function memory outside 128–10,240 MB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), on a function or as
 * the app's default.
 */
export const functionMemoryRange: Rule = {
  code: 'FL4035',
  visit: {
    fn(fn, context) {
      checkRange(context, fn, { setting: 'memory', range: lambda.memoryMb, as: 'number', property: 'MemorySize', why });
    },
    program(context) {
      checkRange(context, context.program.appSettings, { setting: 'memory', range: lambda.memoryMb, as: 'number', property: 'MemorySize', why });
    },
  },
};
