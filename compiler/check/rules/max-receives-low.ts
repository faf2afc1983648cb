import { sqs } from '../../../runtime/aws/limits.js';
import type { Rule } from '../rule.js';

/**
 * FL4020 (warning): `max_receives` under 5 on a queue that triggers a function (
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html). Every receive counts, including those of batches Lambda could not invoke
 * because the function was throttled, so a message can reach the dead-letter queue without
 * ever failing. AWS recommends at least 5 with a Lambda consumer.
 */
export const maxReceivesLow: Rule = {
  code: 'FL4020',
  visit: {
    queue(queue, context) {
      const item = context.queue(queue);
      const setting = context.writtenOf(item, 'maxReceiveCount');
      const value = item.maxReceiveCount;
      const min = sqs.maxReceiveCountRecommendedMin;
      if (!setting || item.deadLetterQueue === null) return;
      if (value < sqs.maxReceiveCount.min || value >= min) return; // out of range: FL4019
      const trigger = context.typed.edgesFrom(queue.name).find((e) => e.kind === 'queue-trigger');
      if (!trigger) return;
      context.report(setting.value.span, `\`max_receives = ${value}\` on \`${queue.name}\` can send messages to the dead-letter queue that never failed`, {
        label: `under the ${min} receives AWS recommends with a Lambda consumer`,
        secondary: [{ span: trigger.link.target.span, message: `\`${queue.name}\` triggers \`${trigger.target.name}\`` }],
        why: `SQS counts every receive toward maxReceiveCount, and Lambda's pollers receive messages they cannot deliver while the function is throttled. With ${value === 1 ? 'a single receive' : `${value} receives`}, a burst of traffic moves good messages to the dead-letter queue. AWS recommends a maxReceiveCount of at least ${min} for a queue that triggers Lambda.`,
        help: `set \`max_receives = ${min}\` or more on \`${queue.name}\``,
      });
    },
  },
};
