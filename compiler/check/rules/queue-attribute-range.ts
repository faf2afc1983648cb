import { checkRegisteredRanges } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4023: a queue attribute outside its AWS range: `visibility` 0s–12h, `retention` 1m–14d,
 * `delay` 0s–15m, `max_size` 1,024–1,048,576 bytes, `wait` 0s–20s (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html).
 * Durations that are not whole seconds are FL4003's.
 */
export const queueAttributeRange: Rule = {
  code: 'FL4023',
  visit: {
    queue(queue, context) {
      checkRegisteredRanges(context, context.queue(queue), 'queue', 'FL4023');
    },
  },
};
