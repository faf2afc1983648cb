import { eventSourceMapping } from '../../../runtime/aws/limits.js';
import type { Rule } from '../rule.js';
import { checkRange } from '../ranges.js';

/**
 * FL4010: `batch` outside 1–10,000 on a trigger edge: a queue, stream or table event source
 * mapping (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html). A FIFO queue trigger over 10 is FL4007's (its bound is 10).
 * `batch` on other edges is FL4006's.
 */
export const batchSizeRange: Rule = {
  code: 'FL4010',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'queue-trigger' && edge.kind !== 'stream-trigger' && edge.kind !== 'table-trigger') return;
      const batch = context.number(edge, 'batch');
      if (edge.kind === 'queue-trigger' && context.isFifo(edge.source) && batch !== undefined && batch > eventSourceMapping.sqsFifoBatchSizeMax) return;
      checkRange(context, edge, {
        setting: 'batch',
        range: eventSourceMapping.batchSize,
        as: 'number',
        property: 'BatchSize',
        why: 'An event source mapping takes 1 to 10,000 records per invocation (BatchSize); Lambda refuses any other value at deploy. A batch is also cut short at 6 MB, the limit of a synchronous invocation.',
      });
    },
  },
};
