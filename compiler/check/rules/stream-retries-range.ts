import { checkRegisteredRanges } from '../ranges.js';
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
      checkRegisteredRanges(context, context.edge(edge), 'edge', 'FL4014');
    },
  },
};
