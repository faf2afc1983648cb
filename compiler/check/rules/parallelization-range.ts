import { eventSourceMapping } from '../../../runtime/aws/limits.js';
import { checkRange } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4013: `parallel` (ParallelizationFactor) of a Kinesis or DynamoDB stream trigger outside
 * 1–10 (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html). CloudFormation refuses the mapping. On other edges `parallel`
 * is FL4006.
 */
export const parallelizationRange: Rule = {
  code: 'FL4013',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'stream-trigger' && edge.kind !== 'table-trigger') return;
      checkRange(context, edge, {
        setting: 'parallel',
        range: eventSourceMapping.parallelizationFactor,
        as: 'number',
        property: 'ParallelizationFactor',
        why: 'ParallelizationFactor is the number of batches of one shard that Lambda processes at once, 1 to 10; CloudFormation refuses the event source mapping outside that range. Records with the same partition key are still processed in order.',
      });
    },
  },
};
