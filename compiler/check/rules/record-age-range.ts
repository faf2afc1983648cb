import { eventSourceMapping } from '../../../runtime/aws/limits.js';
import { checkRange } from '../ranges.js';
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
      if (edge.kind !== 'stream-trigger' && edge.kind !== 'table-trigger') return;
      checkRange(context, edge, {
        setting: 'max_age',
        range: eventSourceMapping.maximumRecordAgeSeconds,
        as: 'seconds',
        property: 'MaximumRecordAgeInSeconds',
        why: 'MaximumRecordAgeInSeconds is 60 to 604,800 seconds (1 minute to 7 days), or -1 for no limit (leave `max_age` out). AWS: "The minimum valid value … is 60s. Although values less than 60 and greater than -1 fall within the parameter\'s absolute range, they are not allowed". CloudFormation refuses the mapping.',
      });
    },
  },
};
