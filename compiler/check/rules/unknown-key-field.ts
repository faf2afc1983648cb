import { didYouMean, listWords } from '../../diagnostics/suggest.js';
import type { DeclarationSymbol } from '../../resolve/program.js';
import type { CheckContext } from '../context.js';
import { keyFieldSettings, keyRoles, lookupField, shownType } from '../key-fields.js';
import type { Rule } from '../rule.js';

/**
 * FL3006: a FIFO `group` or `dedupe`, a stream `partition`, a table `key` or `sort` that names
 * a field the message type does not have (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html, https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html). flowc takes the
 * MessageGroupId, MessageDeduplicationId, PartitionKey or DynamoDB key from that field of every
 * message; a field that does not exist would make every send fail. Skipped when the message
 * type is unknown (no declared type and nothing to infer it from).
 */
export const unknownKeyField: Rule = {
  code: 'FL3006',
  visit: {
    queue: check,
    topic: check,
    stream: check,
    table: check,
  },
};

function check(symbol: DeclarationSymbol, context: CheckContext): void {
  const messageType = context.typed.typeOf(symbol.name);
  if (messageType.kind === 'unknown') return;
  for (const { role, path } of keyFieldSettings(symbol, context)) {
    const segments = path.segments.map((s) => s.text);
    const lookup = lookupField(messageType, segments, context);
    if (lookup.found !== false) continue;
    const segment = path.segments[lookup.index];
    if (!segment) continue;
    const owner = shownType(lookup.owner);
    // `Click`, or for a nested path "`customer` (of type `Customer`)".
    const subject = lookup.index === 0 ? owner : `\`${segments.slice(0, lookup.index).join('.')}\` (of type ${owner})`;
    const typeNote = context.typed.isDeclared(symbol.name) ? 'declared' : 'inferred';
    const declaredType = symbol.decl.kind === 'ResourceDecl' ? symbol.decl.type : undefined;
    const secondary = declaredType ? [{ span: declaredType.span, message: `the message type of \`${symbol.name}\`` }] : [];
    if (!lookup.isRecord) {
      context.report(segment.span, `${subject} has no fields, so it has no field \`${segment.text}\``, {
        label: `\`${role}\` must name a field of the message`,
        secondary,
        why: keyRoles[role].why,
        help:
          lookup.index === 0
            ? `give \`${symbol.name}\` a record type with the key field, e.g. \`${symbol.kind} ${symbol.name}: { ${segment.text}: string, … }\``
            : `name a field of a record, or remove \`.${segments.slice(lookup.index).join('.')}\``,
      });
      continue;
    }
    const suggestion = didYouMean(segment.text, lookup.fields);
    const fields = lookup.fields.length === 0 ? `${owner} has no fields` : `the fields of ${owner} are ${listWords(lookup.fields.map((f) => `\`${f}\``), 'and')}`;
    context.report(segment.span, `${subject} has no field \`${segment.text}\``, {
      label: `not a field of the ${typeNote} message type of \`${symbol.name}\``,
      secondary,
      why: keyRoles[role].why,
      help: suggestion ? `${suggestion} (${fields})` : fields,
    });
  }
}
