import type { PayloadType } from '../../runtime/manifest/types.js';
import type { DeclarationSymbol } from '../resolve/program.js';
import type { PathValue, Setting } from '../syntax/ast.js';
import { printType } from '../types/print.js';
import { structureOf } from '../types/structure.js';
import type { CheckContext } from './context.js';

/**
 * The settings that name a field of a declaration's message type and become an AWS key
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html, https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html): shared by FL3006 (the field exists) and FL3007 (it can be
 * a key). Not a rule itself.
 */
export type KeyRole = 'group' | 'dedupe' | 'partition' | 'key' | 'sort';

export interface KeyFieldSetting {
  readonly role: KeyRole;
  readonly setting: Setting;
  readonly path: PathValue;
}

/** The key settings of a declaration that name fields: FIFO `group`/`dedupe`, `partition`, `key`/`sort`. */
export function keyFieldSettings(symbol: DeclarationSymbol, context: CheckContext): KeyFieldSetting[] {
  const item = context.declaration(symbol);
  const written: [KeyRole, Setting | undefined][] =
    item.kind === 'queue' || item.kind === 'topic'
      ? item.fifo
        ? [
            ['group', context.writtenOf(item, 'groupBy')],
            // `dedupe = content` names no field.
            ['dedupe', item.deduplication?.kind === 'field' ? context.writtenOf(item, 'deduplication') : undefined],
          ]
        : []
      : item.kind === 'stream'
        ? [['partition', context.writtenOf(item, 'partitionKey')]]
        : item.kind === 'table'
          ? [
              ['key', context.writtenOf(item, 'partitionKey')],
              ['sort', context.writtenOf(item, 'sortKey')],
            ]
          : [];
  const out: KeyFieldSetting[] = [];
  for (const [role, setting] of written) {
    if (setting?.value.kind === 'PathValue') out.push({ role, setting, path: setting.value });
  }
  return out;
}

export type FieldLookup =
  /** The field exists: its type, whether it or a field on the way to it is optional. */
  | { readonly found: true; readonly type: PayloadType; readonly optional: boolean }
  /**
   * Segment `index` is not a field of `owner` (the type as written, for messages); `fields` are
   * the fields `owner` has (empty when it is not a record).
   */
  | { readonly found: false; readonly index: number; readonly owner: PayloadType; readonly isRecord: boolean; readonly fields: readonly string[] }
  /** The type is unknown somewhere along the path: nothing can be said. */
  | { readonly found: 'unknown' };

/** Follows a field path through a message type, expanding references and the fixed AWS shapes. */
export function lookupField(messageType: PayloadType, segments: readonly string[], context: CheckContext): FieldLookup {
  let written = messageType;
  let optional = false;
  for (const [index, segment] of segments.entries()) {
    const structure = structureOf(written, context.typed);
    if (structure.kind === 'unknown') return { found: 'unknown' };
    if (structure.kind !== 'record') return { found: false, index, owner: written, isRecord: false, fields: [] };
    const field = structure.fields.find((f) => f.name === segment);
    if (!field) return { found: false, index, owner: written, isRecord: true, fields: structure.fields.map((f) => f.name) };
    optional ||= field.optional;
    written = field.type;
  }
  return { found: true, type: written, optional };
}

/** What a key field's type is, for the key rules. */
export type KeyKind = 'string' | 'int' | 'number' | 'unknown' | 'other';

export function keyKind(type: PayloadType, context: CheckContext): KeyKind {
  const structure = structureOf(type, context.typed);
  switch (structure.kind) {
    case 'string':
    case 'timestamp':
    case 'literal':
      return 'string';
    case 'union':
      return structure.members.every((m) => structureOf(m, context.typed).kind === 'literal') ? 'string' : 'other';
    case 'int':
      return 'int';
    case 'number':
      return 'number';
    case 'unknown':
      return 'unknown';
    default:
      return 'other';
  }
}

/** The key kinds each role takes: AWS keys are strings; DynamoDB also takes numbers (N). */
export function acceptedKinds(role: KeyRole): readonly KeyKind[] {
  return role === 'key' || role === 'sort' ? ['string', 'int', 'number'] : ['string', 'int'];
}

/** The AWS property each role becomes, and why flowc needs the field (for `why`). */
export const keyRoles: Record<KeyRole, { readonly property: string; readonly why: string }> = {
  group: {
    property: 'MessageGroupId',
    why: 'flowc takes the MessageGroupId of each message from this field. Every message sent to a FIFO queue or topic must carry a MessageGroupId, a string of up to 128 characters: a send without one fails.',
  },
  dedupe: {
    property: 'MessageDeduplicationId',
    why: 'flowc takes the MessageDeduplicationId of each message from this field. Without content-based deduplication every message sent to a FIFO queue or topic must carry one, a string of up to 128 characters: a send without one fails.',
  },
  partition: {
    property: 'partition key',
    why: 'flowc takes the partition key of each record from this field. Every Kinesis record needs one, a string of 1–256 characters whose MD5 hash picks the shard: PutRecord without it fails.',
  },
  key: {
    property: 'partition key',
    why: 'This field becomes the partition key (KeySchema HASH) of the table. DynamoDB key attributes are top-level attributes of type string (S), number (N) or binary (B) that every item has: PutItem refuses an item without its key.',
  },
  sort: {
    property: 'sort key',
    why: 'This field becomes the sort key (KeySchema RANGE) of the table. DynamoDB key attributes are top-level attributes of type string (S), number (N) or binary (B) that every item has: PutItem refuses an item without its key.',
  },
};

/** A type for a message: `` `Order` ``, or a phrase for the fixed AWS shapes ("the Kinesis on-failure record"). */
export function shownType(type: PayloadType): string {
  const printed = printType(type);
  return type.kind === 'streamFailure' || type.kind === 'snsEnvelope' || type.kind === 'eventBridgeEvent' || type.kind === 's3Notification' ? printed : `\`${printed}\``;
}
