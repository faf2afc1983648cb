import type { TextEdit } from '../../diagnostics/diagnostic.js';
import type { DeclarationSymbol } from '../../resolve/program.js';
import { addSettingEdit } from '../../syntax/edits.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/** `fifo = true` on `queue`: its `fifo = false` turned, or the setting added. */
function fifoEdit(queue: DeclarationSymbol, context: CheckContext): TextEdit {
  const fifo = context.fifoSetting(queue);
  return fifo ? { span: fifo.value.span, replacement: 'true' } : addSettingEdit(context.source, queue.decl, 'fifo = true');
}

/**
 * FL4021: the dead-letter queue of a FIFO queue must be FIFO, and that of a standard queue
 * standard (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html). SQS refuses the redrive policy: "Dead-letter queue must
 * be same type of queue as the source." (byu-oit/handel#253). A queue that is its own DLQ is
 * FL4026's.
 */
export const dlqKind: Rule = {
  code: 'FL4021',
  visit: {
    queue(queue, context) {
      const written = context.deadLetterQueueOf(queue);
      if (!written) return;
      const { setting: dlqSetting, dlq } = written;
      const sourceFifo = context.isFifo(queue);
      if (sourceFifo === context.isFifo(dlq)) return;
      const kind = (fifo: boolean) => (fifo ? 'FIFO' : 'standard');
      const fifoSetting = sourceFifo ? context.fifoSetting(queue) : context.fifoSetting(dlq);
      context.report(dlqSetting.value.span, `the dead-letter queue of the ${kind(sourceFifo)} queue \`${queue.name}\` must be ${kind(sourceFifo)}, and \`${dlq.name}\` is ${kind(!sourceFifo)}`, {
        label: `a ${kind(!sourceFifo)} queue`,
        secondary: [
          fifoSetting
            ? { span: fifoSetting.span, message: `\`${sourceFifo ? queue.name : dlq.name}\` is FIFO` }
            : { span: dlq.decl.name.span, message: `\`${dlq.name}\` is declared here` },
        ],
        why: 'SQS moves messages only between queues of the same type, and refuses the redrive policy otherwise: "Dead-letter queue must be same type of queue as the source." The stack fails.',
        suggestions: sourceFifo
          ? [{ title: `make \`${dlq.name}\` FIFO`, edits: [fifoEdit(dlq, context)], applicability: 'machine-applicable' }]
          : [],
        help: sourceFifo
          ? `make \`${dlq.name}\` FIFO (\`fifo = true\`), or give \`${queue.name}\` a FIFO dead-letter queue`
          : `make \`${dlq.name}\` a standard queue (remove \`fifo = true\`), or give \`${queue.name}\` a standard dead-letter queue`,
      });
    },
  },
};
