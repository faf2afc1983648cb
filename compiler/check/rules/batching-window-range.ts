import { eventSourceMapping } from '../../../runtime/aws/limits.js';
import type { Rule } from '../rule.js';
import { checkRange } from '../ranges.js';

/**
 * FL4011: `window` over 5 minutes on a trigger edge (MaximumBatchingWindowInSeconds 0–300;
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html). A window on a FIFO queue trigger is FL4008's whatever its length.
 */
export const batchingWindowRange: Rule = {
  code: 'FL4011',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'queue-trigger' && edge.kind !== 'stream-trigger' && edge.kind !== 'table-trigger') return;
      if (edge.kind === 'queue-trigger' && context.isFifo(edge.source)) return;
      checkRange(context, edge, {
        setting: 'window',
        range: eventSourceMapping.batchingWindowSeconds,
        as: 'seconds',
        property: 'MaximumBatchingWindowInSeconds',
        why: 'Lambda waits at most 300 seconds to fill a batch (MaximumBatchingWindowInSeconds 0–300) and refuses a longer window at deploy.',
      });
    },
  },
};
