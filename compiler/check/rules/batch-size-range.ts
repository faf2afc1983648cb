import { eventSourceMapping } from '../../../runtime/aws/limits.js';
import { checkRegisteredRanges } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4010: `batch` outside 1–10,000 on a trigger edge: a queue, stream or table event source
 * mapping (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html). A FIFO queue trigger over 10 is FL4007's (its bound is 10).
 * `batch` on other edges is FL4006's.
 */
export const batchSizeRange: Rule = {
  code: 'FL4010',
  visit: {
    edge(edge, context) {
      const item = context.edge(edge);
      // A FIFO trigger's batch above 10 is FL4007's.
      if (edge.kind === 'queue-trigger' && context.isFifo(edge.source) && item.batchSize !== null && item.batchSize > eventSourceMapping.sqsFifoBatchSizeMax) return;
      checkRegisteredRanges(context, item, 'edge', 'FL4010');
    },
  },
};
