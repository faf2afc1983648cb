import { checkRegisteredRanges } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4016: `concurrency` outside 2–1,000 on a queue trigger (ScalingConfig.MaximumConcurrency;
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html, https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html). `concurrency` on a stream or table edge is FL4006's.
 */
export const maximumConcurrencyRange: Rule = {
  code: 'FL4016',
  visit: {
    edge(edge, context) {
      checkRegisteredRanges(context, context.edge(edge), 'edge', 'FL4016');
    },
  },
};
