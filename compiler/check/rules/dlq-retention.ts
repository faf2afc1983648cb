import { sqs } from '../../../runtime/aws/limits.js';
import type { Label } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';
import { formatSeconds } from '../ranges.js';

/**
 * FL4022 (warning): a dead-letter queue that keeps messages for less time than a queue that
 * sends it its failures (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html). A message's expiry counts from when it was
 * first sent to the source, also in the DLQ, so a moved message expires early, silently.
 * Reported once per dead-letter queue, at its retention, with every source that keeps longer.
 * Sources of the other kind (FIFO and standard) are FL4021's.
 */
export const dlqRetention: Rule = {
  code: 'FL4022',
  visit: {
    queue(dlq, context) {
      const item = context.queue(dlq);
      const retention = item.messageRetentionSeconds;
      const longer = context.typed
        .dlqSourcesOf(dlq.name)
        .filter((source) => source !== dlq && !context.isDamaged(source.name) && context.isFifo(source) === context.isFifo(dlq))
        .map((source) => context.queue(source))
        .filter((source) => source.messageRetentionSeconds > retention);
      const first = longer[0];
      if (!first) return;
      const longest = Math.max(...longer.map((source) => source.messageRetentionSeconds));
      const setting = context.writtenOf(item, 'messageRetentionSeconds');
      const secondary: Label[] = longer.map((source) => {
        const own = context.writtenOf(source, 'messageRetentionSeconds');
        const seconds = formatSeconds(source.messageRetentionSeconds);
        return own
          ? { span: own.value.span, message: `\`${source.name}\` keeps messages ${seconds}` }
          : { span: context.writtenOf(source, 'deadLetterQueue')?.value.span ?? source.symbol.decl.name.span, message: `\`${source.name}\` keeps messages ${seconds} (the default) and moves failures here` };
      });
      const sources = longer.length === 1 ? `\`${first.name}\`` : `the queues it takes failures from`;
      context.report(setting?.value.span ?? dlq.decl.name.span, `the dead-letter queue \`${dlq.name}\` keeps messages ${formatSeconds(retention)}, less than ${sources} (${formatSeconds(longest)})`, {
        label: setting ? 'message retention' : `message retention ${formatSeconds(retention)} (the default)`,
        secondary,
        why: 'SQS counts a message\'s age from when it was first sent, also after it moves to the dead-letter queue. A message that fails late in its life expires from the dead-letter queue soon after it arrives, before anyone can look at it or redrive it, and nothing reports it.',
        help: `set \`retention = ${formatSeconds(sqs.messageRetentionSeconds.max)}\` on \`${dlq.name}\` (at least ${formatSeconds(longest)}); AWS recommends a dead-letter queue that keeps messages longer than its sources`,
      });
    },
  },
};
