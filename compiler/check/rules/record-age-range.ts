import { checkRegisteredRanges } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4015: `max_age` (MaximumRecordAgeInSeconds) of a Kinesis or DynamoDB stream trigger outside
 * 1 minute – 7 days (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html). The API's range is -1–604800, but 0–59 are
 * refused; -1 (infinite) is what leaving `max_age` out means. Rule targets: FL4039.
 */
export const recordAgeRange: Rule = {
  code: 'FL4015',
  visit: {
    edge(edge, context) {
      checkRegisteredRanges(context, context.edge(edge), 'edge', 'FL4015');
    },
  },
};
