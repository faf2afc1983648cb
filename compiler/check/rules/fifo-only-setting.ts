import type { Suggestion } from '../../diagnostics/diagnostic.js';
import type { Setting } from '../../syntax/ast.js';
import type { DeclarationSymbol } from '../../resolve/program.js';
import { addSettingEdit, blockHolding, removeSettingEdit } from '../../syntax/edits.js';
import type { QueueModel, TopicModel } from '../../elaborate/model.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/** What each FIFO-only setting becomes, and what AWS does with it on a standard queue or topic. */
function consequence(name: string, symbol: DeclarationSymbol, context: CheckContext): string {
  const queue = symbol.kind === 'queue';
  switch (name) {
    case 'group':
      return queue
        ? 'A standard queue keeps no order: SQS takes a MessageGroupId there only to share throughput fairly between groups (fair queues), so `group` promises an order that no message gets.'
        : 'A standard topic keeps no order: SNS passes a MessageGroupId on only to standard queues, for fair sharing, so `group` promises an order that no message gets.';
    case 'dedupe':
      if (model(symbol, context).deduplication?.kind === 'content') {
        return queue
          ? 'Content-based deduplication exists only on FIFO queues: SQS refuses ContentBasedDeduplication on a standard queue ("Unknown Attribute ContentBasedDeduplication.") and the stack fails.'
          : 'Content-based deduplication exists only on FIFO topics: ContentBasedDeduplication on a standard topic makes its creation fail.';
      }
      return `A standard ${symbol.kind} does not deduplicate: a MessageDeduplicationId is taken only by FIFO ${symbol.kind}s, so duplicates would be delivered.`;
    case 'dedupe_scope':
      return 'DeduplicationScope is a FIFO queue attribute: SQS refuses it on a standard queue and the stack fails.';
    default:
      return 'FifoThroughputLimit is a FIFO queue attribute: SQS refuses it on a standard queue and the stack fails.';
  }
}

/** The FIFO-only fields of a queue (a topic has only the first two), with the setting each is written as. */
const fifoOnly = [
  ['groupBy', 'group'],
  ['deduplication', 'dedupe'],
  ['deduplicationScope', 'dedupe_scope'],
  ['throughputLimit', 'throughput'],
] as const;

function model(symbol: DeclarationSymbol, context: CheckContext): QueueModel | TopicModel {
  return symbol.kind === 'queue' ? context.queue(symbol) : context.topic(symbol);
}

function visit(symbol: DeclarationSymbol, context: CheckContext): void {
  const item = model(symbol, context);
  if (item.fifo) return;
  const fifo = context.writtenOf(item, 'fifo');
  for (const [field, name] of fifoOnly) {
    const setting = item.kind === 'queue' ? context.writtenOf(item, field) : field === 'groupBy' || field === 'deduplication' ? context.writtenOf(item, field) : undefined;
    if (!setting) continue;
    context.report(setting.span, `\`${name}\` applies only to a FIFO ${symbol.kind}, and \`${symbol.name}\` is a standard ${symbol.kind}`, {
      label: 'FIFO only',
      secondary: fifo ? [{ span: fifo.span, message: `\`${symbol.name}\` is not FIFO` }] : [],
      why: consequence(name, symbol, context),
      help: `make \`${symbol.name}\` FIFO with \`fifo = true\`, or remove \`${name}\``,
      // Two fixes, and only a person knows which: neither is applied by `check --fix`.
      suggestions: [
        fifo
          ? { title: `make \`${symbol.name}\` FIFO`, edits: [{ span: fifo.value.span, replacement: 'true' }], applicability: 'maybe-incorrect' }
          : { title: `make \`${symbol.name}\` FIFO`, edits: [addSettingEdit(context.source, symbol.decl, 'fifo = true')], applicability: 'maybe-incorrect' },
        ...removal(context, symbol, setting, name),
      ],
    });
  }
}

/** Removing the setting where it is written: the declaration's block, or a stage's override of it. */
function removal(context: CheckContext, symbol: DeclarationSymbol, setting: Setting, name: string): Suggestion[] {
  const block = blockHolding(setting, [symbol.decl.settings, symbol.override]);
  return block === undefined ? [] : [{ title: `remove \`${name}\``, edits: [removeSettingEdit(context.source, block, setting)], applicability: 'maybe-incorrect' }];
}

/**
 * FL4024: `group`, `dedupe`, `dedupe_scope` or `throughput` on a standard queue or topic
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html, https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html). The attributes they become fail on a standard queue or
 * topic, or promise an order and a deduplication that a standard one does not give.
 * `dedupe_scope` and `throughput` are not settings of a topic at all (FL2008).
 */
export const fifoOnlySetting: Rule = {
  code: 'FL4024',
  visit: { queue: visit, topic: visit },
};
