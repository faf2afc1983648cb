import { eventSourceMapping } from '../../../runtime/aws/limits.js';
import type { Rule } from '../rule.js';
import { checkRange } from '../ranges.js';

/**
 * FL4016: `concurrency` outside 2–1,000 on a queue trigger (ScalingConfig.MaximumConcurrency;
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html, https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html). `concurrency` on a stream or table edge is FL4006's.
 */
export const maximumConcurrencyRange: Rule = {
  code: 'FL4016',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'queue-trigger') return;
      checkRange(context, edge, {
        setting: 'concurrency',
        range: eventSourceMapping.maximumConcurrency,
        as: 'number',
        property: 'MaximumConcurrency',
        why: 'ScalingConfig.MaximumConcurrency caps the concurrent invocations of one SQS trigger between 2 and 1,000; Lambda refuses any other value at deploy. To stop the trigger, remove the edge; to limit the function everywhere, use its reserved `concurrency`.',
      });
    },
  },
};
