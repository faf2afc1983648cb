import { checkRegisteredRanges } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4011: `window` over 5 minutes on a trigger edge (MaximumBatchingWindowInSeconds 0–300;
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html). A window on a FIFO queue trigger is FL4008's whatever its length.
 */
export const batchingWindowRange: Rule = {
  code: 'FL4011',
  visit: {
    edge(edge, context) {
      // A FIFO trigger takes no window at all: FL4008's.
      if (edge.kind === 'queue-trigger' && context.isFifo(edge.source)) return;
      checkRegisteredRanges(context, context.edge(edge), 'edge', 'FL4011');
    },
  },
};
