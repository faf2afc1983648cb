import type { Rule } from '../rule.js';

/**
 * FL4041: `throughput = per_group` on a FIFO queue without `dedupe_scope = group` (
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html). FifoThroughputLimit perMessageGroupId is allowed only with
 * DeduplicationScope messageGroup (together, high-throughput FIFO); SQS refuses the queue
 * otherwise. On a standard queue both settings are FL4024's.
 */
export const fifoThroughputScope: Rule = {
  code: 'FL4041',
  visit: {
    queue(queue, context) {
      const item = context.queue(queue);
      if (!item.fifo || item.throughputLimit !== 'per_group' || item.deduplicationScope === 'group') return;
      const throughput = context.writtenOf(item, 'throughputLimit');
      const scope = context.writtenOf(item, 'deduplicationScope');
      if (!throughput) return;
      context.report(throughput.value.span, `\`throughput = per_group\` on \`${queue.name}\` needs \`dedupe_scope = group\``, {
        label: 'FifoThroughputLimit perMessageGroupId',
        secondary: scope ? [{ span: scope.value.span, message: 'DeduplicationScope queue' }] : [],
        why: 'SQS counts throughput per message group only when it also deduplicates per message group: FifoThroughputLimit perMessageGroupId requires DeduplicationScope messageGroup (the two together are high-throughput FIFO). SQS refuses the queue otherwise, and the stack fails.',
        help: scope ? 'use `dedupe_scope = group`, or `throughput = per_queue`' : `add \`dedupe_scope = group\` to \`${queue.name}\`, or use \`throughput = per_queue\``,
      });
    },
  },
};
