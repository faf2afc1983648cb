import { eventSourceMapping } from '../../../runtime/aws/limits.js';
import type { Rule } from '../rule.js';

/**
 * FL4007: a trigger from a FIFO queue with `batch` over 10 (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html). Lambda
 * reads at most 10 messages at a time from a FIFO queue (BatchSize 1–10, against 1–10,000 for
 * a standard queue) and refuses the event source mapping at deploy. A batch over 10,000 is
 * reported here too, not by FL4010: 10 is the bound that applies.
 */
export const fifoBatchSize: Rule = {
  code: 'FL4007',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'queue-trigger' || !context.isFifo(edge.source)) return;
      const item = context.edge(edge);
      const batch = item.batchSize;
      const setting = context.writtenOf(item, 'batchSize');
      const max = eventSourceMapping.sqsFifoBatchSizeMax;
      if (batch === null || setting === undefined || batch <= max) return;
      const fifo = context.fifoSetting(edge.source);
      context.report(setting.value.span, `a trigger from the FIFO queue \`${edge.source.name}\` takes at most ${max} messages per batch`, {
        label: `BatchSize ${batch.toLocaleString('en-US')} is above the FIFO maximum of ${max}`,
        secondary: fifo ? [{ span: fifo.span, message: `\`${edge.source.name}\` is FIFO` }] : [],
        why: `Lambda reads at most ${max} messages at a time from a FIFO queue (BatchSize 1–${max}; only standard queues go up to 10,000) and refuses the event source mapping at deploy.`,
        help: `use \`batch = ${max}\` or less; for larger batches the queue must be a standard queue, which gives up the order per message group`,
      });
    },
  },
};
