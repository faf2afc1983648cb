import type { DeclarationSymbol } from '../../resolve/program.js';
import { blockHolding, removeSettingEdit } from '../../syntax/edits.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL4090: `fifo = …` on an existing queue or topic that its ARN contradicts. AWS names every FIFO
 * queue and topic with the `.fifo` suffix and no standard one with it
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues.html,
 * https://docs.aws.amazon.com/sns/latest/dg/fifo-topic-code-examples.html), so the ARN says
 * which it is. The model holds the derived value (elaborate), so every other rule judges the
 * queue as it is and this is the one diagnostic.
 */
export const existingFifoSuffix: Rule = {
  code: 'FL4090',
  visit: {
    queue: check,
    topic: check,
  },
};

function check(symbol: DeclarationSymbol, context: CheckContext): void {
  const item = symbol.kind === 'queue' ? context.queue(symbol) : context.topic(symbol);
  if (item.existing === null) return;
  const written = context.writtenOf(item, 'fifo');
  if (written === undefined || written.value.kind !== 'BooleanValue' || written.value.value === item.fifo) return;
  const noun = symbol.kind;
  const block = blockHolding(written, [symbol.decl.settings, symbol.override]);
  const name = item.existing.name;
  context.report(written.value.span, item.fifo ? `the existing ${noun} \`${name}\` is FIFO: its name ends in \`.fifo\`` : `the existing ${noun} \`${name}\` is a standard ${noun}: its name does not end in \`.fifo\``, {
    label: `\`fifo = ${String(written.value.value)}\` disagrees with the ARN`,
    why: `AWS gives every FIFO ${noun} a name ending in \`.fifo\` and no standard ${noun} such a name, so the ARN decides what the ${noun} is. Messages sent as the other kind fail: a FIFO ${noun} refuses a message without a MessageGroupId, and a standard one refuses one with it.`,
    help: 'remove `fifo`: an existing queue or topic is FIFO exactly when its name ends in `.fifo`',
    suggestions: block === undefined ? [] : [{ title: 'remove `fifo`', edits: [removeSettingEdit(context.source, block, written)], applicability: 'machine-applicable' }],
  });
}
