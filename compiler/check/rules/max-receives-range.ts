import { checkRegisteredRanges } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4019: `max_receives` outside 1–1,000 (RedrivePolicy.maxReceiveCount; https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html). Without a `dlq` there is no redrive policy and the setting is FL4026's.
 */
export const maxReceivesRange: Rule = {
  code: 'FL4019',
  visit: {
    queue(queue, context) {
      const item = context.queue(queue);
      if (item.deadLetterQueue === null) return;
      checkRegisteredRanges(context, item, 'queue', 'FL4019');
    },
  },
};
