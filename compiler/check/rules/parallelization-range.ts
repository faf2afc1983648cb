import { checkRegisteredRanges } from '../ranges.js';
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
      checkRegisteredRanges(context, context.edge(edge), 'edge', 'FL4013');
    },
  },
};
