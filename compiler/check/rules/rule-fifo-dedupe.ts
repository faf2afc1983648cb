import type { Rule } from '../rule.js';

/**
 * FL4051: a bus rule delivers to a FIFO queue whose deduplication is a field (`dedupe = id`).
 * EventBridge sends to a FIFO queue target with a message group only; "if you specify an SQS
 * FIFO queue as a target, the queue must have content-based deduplication enabled"
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_SqsParameters.html). flowc
 * turns content-based deduplication on only for `dedupe = content`, so every delivery of the
 * rule would fail. A queue without any `dedupe` is FL4025's.
 */
export const ruleFifoDedupe: Rule = {
  code: 'FL4051',
  visit: {
    queue(queue, context) {
      const item = context.queue(queue);
      if (!item.fifo || item.deduplication?.kind !== 'field') return;
      const dedupe = context.writtenOf(item, 'deduplication');
      if (dedupe === undefined) return;
      const rules = context.typed.edgesInto(queue.name).filter((e) => e.kind === 'rule' && !context.isDamaged(e.source.name));
      const first = rules[0];
      if (first === undefined) return;
      context.report(dedupe.value.span, `the FIFO queue \`${queue.name}\` deduplicates by a field, but \`${first.source.name}\` delivers events to it`, {
        label: 'EventBridge cannot give a deduplication id',
        secondary: rules.map((rule) => ({ span: rule.span, message: `a rule on \`${rule.source.name}\` delivers here` })),
        why: 'EventBridge sends to a FIFO queue with a message group only, and requires content-based deduplication on the queue; without it every delivery of the rule fails.',
        help: `write \`dedupe = content\` on \`${queue.name}\` (SQS drops a copy of a body sent in the last 5 minutes; each event has its own id, so only EventBridge's retries are dropped), or deliver the events to a function that sends them to \`${queue.name}\``,
      });
    },
  },
};
