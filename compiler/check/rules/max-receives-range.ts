import { sqs } from '../../../runtime/aws/limits.js';
import type { Rule } from '../rule.js';
import { checkRange } from '../ranges.js';

/**
 * FL4019: `max_receives` outside 1–1,000 (RedrivePolicy.maxReceiveCount; https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html). Without a `dlq` there is no redrive policy and the setting is FL4026's.
 */
export const maxReceivesRange: Rule = {
  code: 'FL4019',
  visit: {
    queue(queue, context) {
      if (!context.setting(queue, 'dlq')) return;
      checkRange(context, queue, {
        setting: 'max_receives',
        range: sqs.maxReceiveCount,
        as: 'number',
        property: 'maxReceiveCount',
        why: 'The redrive policy of a queue moves a message to its dead-letter queue after 1 to 1,000 receives (maxReceiveCount); SQS refuses any other value and the stack fails.',
      });
    },
  },
};
