import type { Rule } from '../rule.js';

/**
 * FL4068: a schedule into a FIFO queue that does not deduplicate by content, or into a FIFO
 * topic. Scheduler's SQS target sets only MessageGroupId (SqsParameters,
 * https://docs.aws.amazon.com/scheduler/latest/APIReference/API_SqsParameters.html), never a
 * MessageDeduplicationId, so SQS refuses every send to a FIFO queue without
 * ContentBasedDeduplication; its SNS target has no parameters at all, and a FIFO topic refuses
 * a publish without a MessageGroupId. Each invocation fails, is retried, and ends in the DLQ.
 */
export const scheduleFifoTarget: Rule = {
  code: 'FL4068',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'schedule-target') return;
      const target = edge.target;
      if (target.kind === 'queue') {
        const queue = context.queue(target);
        if (!queue.fifo || queue.deduplication?.kind === 'content') return;
        context.report(edge.span, `\`${edge.source.name}\` sends to the FIFO queue \`${target.name}\`, which does not deduplicate by content`, {
          label: 'every send of this schedule fails',
          secondary: [{ span: target.decl.name.span, message: 'a FIFO queue without `dedupe = content`' }],
          why: 'Scheduler sends to an SQS target with a MessageGroupId (flowc gives the queue\'s `group` field of the input, else the schedule\'s name) but no MessageDeduplicationId, and SQS refuses such a message on a FIFO queue without ContentBasedDeduplication: "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly".',
          help: `set \`dedupe = content\` on \`${target.name}\`, or send to a standard queue`,
        });
      } else if (target.kind === 'topic' && context.topic(target).fifo) {
        context.report(edge.span, `\`${edge.source.name}\` publishes to the FIFO topic \`${target.name}\``, {
          label: 'every publish of this schedule fails',
          secondary: [{ span: target.decl.name.span, message: 'a FIFO topic' }],
          why: 'Scheduler publishes to an SNS target without a MessageGroupId (its SNS target takes no parameters), and a FIFO topic refuses a publish without one.',
          help: `schedule into a FIFO queue with \`dedupe = content\` instead, or publish to a standard topic`,
        });
      }
    },
  },
};
