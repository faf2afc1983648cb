import type { PayloadType } from '../../../runtime/manifest/types.js';
import type { Label } from '../../diagnostics/diagnostic.js';
import type { DeclarationSymbol } from '../../resolve/program.js';
import { structureOf } from '../../types/structure.js';
import type { CheckContext } from '../context.js';
import { acceptedKinds, keyKind } from '../key-fields.js';
import type { Rule } from '../rule.js';

/**
 * FL4025: a FIFO queue or topic without `group` or `dedupe` that something in the flow writes
 * to (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html, https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html). Every send to a FIFO queue or topic needs a
 * MessageGroupId, and a MessageDeduplicationId unless content-based deduplication is on; SQS
 * refuses the send otherwise: "The request must contain the parameter MessageGroupId." (SNS:
 * "Invalid parameter: The MessageGroupId parameter is required for FIFO topics"). The flow
 * deploys, then fails on its first message.
 *
 * Producers that need the keys are functions that `sends` to it, which need both, and bus rules
 * that deliver to it, which need only the deduplication: flowc gives a rule's deliveries a
 * message group itself (FL4042), and EventBridge needs content-based deduplication (FL4051 when
 * `dedupe` is a field). A FIFO topic subscription passes its own group and deduplication ids on, and a redrive
 * keeps them, so a queue fed only that way needs neither. Producers that are errors of their
 * own (a destination, FL4004; a standard topic, FL4030; a stream's on_failure, FL4038) are left
 * to those codes. A FIFO queue or topic that nothing in the flow writes to is fed from outside,
 * where the sender sets the ids; it is not reported.
 */
export const fifoMissingKey: Rule = {
  code: 'FL4025',
  visit: { queue: visit, topic: visit },
};

function visit(symbol: DeclarationSymbol, context: CheckContext): void {
  if (!context.isFifo(symbol)) return;
  const item = context.declaration(symbol);
  if (item.kind !== 'queue' && item.kind !== 'topic') return;
  const hasGroup = item.groupBy !== null;
  const hasDedupe = item.deduplication !== null;
  if (hasGroup && hasDedupe) return;
  const { senders, rules } = producersNeedingKeys(symbol, context);
  // A rule gives its own group (SqsParameters.MessageGroupId, FL4042) and needs content-based
  // deduplication; a function's send needs both ids.
  const needsGroup = !hasGroup && senders.length > 0;
  const needsDedupe = !hasDedupe && (senders.length > 0 || rules.length > 0);
  if (!needsGroup && !needsDedupe) return;
  const producers = [...senders, ...(needsDedupe ? rules : [])].sort((a, b) => a.span.start - b.span.start);

  const missing = needsGroup && needsDedupe ? 'neither a message group key nor a deduplication key' : needsGroup ? 'no message group key' : 'no deduplication key';
  const parameters = [...(needsGroup ? ['a MessageGroupId'] : []), ...(needsDedupe ? ['a MessageDeduplicationId'] : [])].join(' and ');
  const candidates = keyFields(context.typed.typeOf(symbol.name), context);
  const group = `\`group = ${candidates[0] ?? 'field'}\` (messages that share a group are delivered in order, one at a time)`;
  const dedupe =
    rules.length > 0
      ? '`dedupe = content` (EventBridge needs content-based deduplication on a FIFO queue it delivers to)'
      : '`dedupe = content` (a copy of a body sent in the last 5 minutes is dropped; or `dedupe = field` with a field unique per message)';
  const edits = [...(needsGroup ? [group] : []), ...(needsDedupe ? [dedupe] : [])];
  const refusal =
    symbol.kind === 'queue'
      ? 'SQS refuses every SendMessage to a FIFO queue without a MessageGroupId ("The request must contain the parameter MessageGroupId.")'
      : 'SNS refuses every Publish to a FIFO topic without a MessageGroupId ("Invalid parameter: The MessageGroupId parameter is required for FIFO topics")';
  const why =
    senders.length > 0
      ? `${refusal}, and without a MessageDeduplicationId unless content-based deduplication is on. The flow would deploy, then fail on its first message.`
      : 'EventBridge gives a FIFO queue target a message group but no deduplication id, and requires content-based deduplication on the queue. The flow would deploy, then fail on every event the rule delivers.';
  context.report(symbol.decl.name.span, `the FIFO ${symbol.kind} \`${symbol.name}\` has ${missing}`, {
    label: `every message sent here needs ${parameters}`,
    secondary: producers,
    why,
    help: `add ${edits.join(' and ')} to \`${symbol.name}\``,
    notes: senders.length > 0 && candidates.length > 0 ? [`fields of ${messageTypeName(symbol)} that can be a key: ${candidates.join(', ')}`] : [],
  });
}

/** The producers that must give the keys: functions that send here, and bus rules. */
function producersNeedingKeys(symbol: DeclarationSymbol, context: CheckContext): { senders: Label[]; rules: Label[] } {
  const rules: Label[] = [];
  for (const edge of context.typed.edgesInto(symbol.name)) {
    if (context.isDamaged(edge.source.name)) continue;
    if (edge.kind === 'rule') {
      rules.push({ span: edge.span, message: `a rule on \`${edge.source.name}\` delivers events here` });
    }
  }
  const senders: Label[] = [];
  for (const fn of context.sendersTo(symbol.name)) {
    if (context.isDamaged(fn.name)) continue;
    const sends = context.writtenOf(context.fn(fn), 'sends')?.value;
    const items = sends?.kind === 'ListValue' ? sends.items : sends ? [sends] : [];
    const item = items.find((i) => i.kind === 'PathValue' && i.text === symbol.name);
    senders.push({ span: item?.span ?? fn.decl.name.span, message: `\`${fn.name}\` sends messages here` });
  }
  return { senders, rules };
}

function messageTypeName(symbol: DeclarationSymbol): string {
  const decl = symbol.decl;
  if (decl.kind === 'ResourceDecl' && decl.type?.kind === 'NamedType') return `\`${decl.type.name.text}\``;
  return `the messages of \`${symbol.name}\``;
}

/** Required fields that can be a group or deduplication key (as FL3007 decides), nested records as `a.b`. */
function keyFields(type: PayloadType, context: CheckContext, prefix = '', depth = 0): string[] {
  const structure = structureOf(type, context.typed);
  if (structure.kind !== 'record' || depth > 3) return [];
  const accepted = acceptedKinds('group');
  const out: string[] = [];
  for (const field of structure.fields) {
    if (field.optional) continue;
    const path = `${prefix}${field.name}`;
    const fieldType = structureOf(field.type, context.typed);
    if (fieldType.kind === 'record') out.push(...keyFields(fieldType, context, `${path}.`, depth + 1));
    else if (accepted.includes(keyKind(fieldType, context))) out.push(path);
  }
  return out;
}
