import type { Rule } from '../rule.js';

/**
 * FL4026: `max_receives` on a queue without a `dlq`, or a queue whose `dlq` is itself
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html). `max_receives` is half of a redrive policy
 * (maxReceiveCount with deadLetterTargetArn): without a dead-letter queue there is no policy
 * and the setting would be dropped, so failing messages are retried until their retention
 * ends. A queue that is its own dead-letter queue would put a failing message back where it
 * failed, which is no dead-letter queue at all.
 */
export const dlqWithoutConsumerLimit: Rule = {
  code: 'FL4026',
  visit: {
    queue(queue, context) {
      const item = context.queue(queue);
      const maxReceives = context.writtenOf(item, 'maxReceiveCount');
      // A `dlq` that did not resolve is a poisoned field (FL2001/FL2005 say why): reading it
      // silences this visit, no follow-on.
      const dlqSetting = context.writtenOf(item, 'deadLetterQueue');
      if (maxReceives && item.deadLetterQueue === null) {
        context.report(maxReceives.span, `\`max_receives\` does nothing on \`${queue.name}\`, which has no \`dlq\``, {
          label: 'maxReceiveCount without a dead-letter queue',
          why: 'SQS counts receives only for a redrive policy, which names the dead-letter queue a message moves to after `max_receives` receives. Without `dlq` there is no policy: a message that keeps failing is received again and again until its retention runs out, then deleted, and nothing keeps it.',
          help: `add \`dlq = ${queue.name}_dead\` to \`${queue.name}\` and declare \`queue ${queue.name}_dead\` for the failures, or remove \`max_receives\``,
        });
      }
      if (dlqSetting && item.deadLetterQueue === queue.name) {
        context.report(dlqSetting.value.span, `\`${queue.name}\` is its own dead-letter queue`, {
          label: 'the queue itself',
          why: 'A dead-letter queue takes messages out of the loop after `max_receives` failed receives, so they can be inspected and redriven. A queue that is its own dead-letter queue would put a failing message back where it failed: it would be retried until its retention runs out, and lost.',
          help: `declare a separate queue, e.g. \`queue ${queue.name}_dead\`, and set \`dlq = ${queue.name}_dead\``,
        });
      }
    },
  },
};
