import { eventSourceMapping } from '../../../runtime/aws/limits.js';
import { checkRange } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4014: `retries` (MaximumRetryAttempts) of a Kinesis or DynamoDB stream trigger outside
 * -1 (infinite) or 0–10,000 (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html). CloudFormation refuses the mapping.
 * Queue triggers have no retries (FL4006); rule targets have their own range (FL4039).
 */
export const streamRetriesRange: Rule = {
  code: 'FL4014',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'stream-trigger' && edge.kind !== 'table-trigger') return;
      checkRange(context, edge, {
        setting: 'retries',
        range: { min: 0, max: eventSourceMapping.maximumRetryAttempts.max },
        also: [eventSourceMapping.maximumRetryAttempts.min],
        as: 'number',
        property: 'MaximumRetryAttempts',
        why: 'MaximumRetryAttempts of a stream event source mapping is -1 (retry until the record expires, the AWS default) or 0 to 10,000; CloudFormation refuses the mapping outside that range.',
      });
    },
  },
};
