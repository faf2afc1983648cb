import type { PayloadType } from '../../../runtime/manifest/types.js';
import type { DeclarationSymbol } from '../../resolve/program.js';
import { printType } from '../../types/print.js';
import { structureOf } from '../../types/structure.js';
import type { CheckContext } from '../context.js';
import { acceptedKinds, type KeyRole, keyFieldSettings, keyKind, keyRoles, lookupField } from '../key-fields.js';
import type { Rule } from '../rule.js';

/**
 * FL3007: a key field that exists (FL3006 checks that) but cannot be the key AWS needs
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html, https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html): FIFO `group`/`dedupe` and stream `partition` must be a
 * required string-like or int field (AWS takes a string; an int prints as one); table
 * `key`/`sort` must be a required top-level string-like, int or number field (DynamoDB key
 * attributes are top-level S or N attributes that every item has).
 */
export const keyFieldType: Rule = {
  code: 'FL3007',
  visit: {
    queue: check,
    topic: check,
    stream: check,
    table: check,
  },
};

const allowed: Record<KeyRole, string> = {
  group: 'a MessageGroupId must be a string or an int',
  dedupe: 'a MessageDeduplicationId must be a string or an int',
  partition: 'a Kinesis partition key must be a string or an int',
  key: 'a DynamoDB partition key must be a string or a number',
  sort: 'a DynamoDB sort key must be a string or a number',
};

function check(symbol: DeclarationSymbol, context: CheckContext): void {
  const messageType = context.typed.typeOf(symbol.name);
  if (messageType.kind === 'unknown') return;
  for (const { role, path } of keyFieldSettings(symbol, context)) {
    const segments = path.segments.map((s) => s.text);
    const lookup = lookupField(messageType, segments, context);
    if (lookup.found !== true) continue;
    const kind = keyKind(lookup.type, context);
    if (kind === 'unknown') continue;
    const { property, why } = keyRoles[role];
    const alternatives = candidates(messageType, role, context).filter((c) => c !== path.text);
    const instead = alternatives[0] ? `, e.g. \`${role} = ${alternatives[0]}\`` : '';
    const isTable = role === 'key' || role === 'sort';
    if (isTable && segments.length > 1) {
      context.report(path.span, `\`${role}\` names \`${path.text}\`, a nested field: a DynamoDB key must be a top-level attribute`, {
        label: 'not a top-level field',
        why,
        help: alternatives[0]
          ? `name a top-level field${instead}, or add one to the item type`
          : `add a top-level field to the item type, e.g. \`${segments.join('_')}: string\`, and name it: \`${role} = ${segments.join('_')}\``,
      });
      continue;
    }
    if (lookup.optional) {
      context.report(path.span, `\`${role}\` names \`${path.text}\`, ${segments.length > 1 ? 'which may be missing (a field on the way is optional)' : 'an optional field'}: every ${isTable ? 'item' : 'message'} needs its ${property}`, {
        label: 'optional',
        why,
        help: `make the field required (drop the \`?\`), or name a required field${instead}`,
      });
      continue;
    }
    if (acceptedKinds(role).includes(kind)) continue;
    context.report(path.span, `\`${role}\` names \`${path.text}\`, of type \`${printType(lookup.type)}\`: ${allowed[role]}`, {
      label: `\`${printType(lookup.type)}\` cannot be a ${property}`,
      why,
      help: alternatives.length > 0 ? `name a field of a key type${instead}` : `add a ${isTable ? 'string or number' : 'string'} field to the message type and name it in \`${role}\``,
    });
  }
}

/** Required top-level fields of the message type that could be the key, in declaration order. */
function candidates(messageType: PayloadType, role: KeyRole, context: CheckContext): string[] {
  const structure = structureOf(messageType, context.typed);
  if (structure.kind !== 'record') return [];
  return structure.fields.filter((f) => !f.optional && acceptedKinds(role).includes(keyKind(f.type, context))).map((f) => f.name);
}

