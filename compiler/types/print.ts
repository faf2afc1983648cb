import type { PayloadType } from '../../runtime/manifest/types.js';
import type { TypeExpr } from '../syntax/ast.js';

/** Members of a union and fields of a record printed at most; a message stays readable and its size bounded. */
const MAX_PRINTED_PARTS = 12;

/** The first parts, each printed, then how many more: `"a" | "b" | … (38 more members)`. */
function bounded<T>(items: readonly T[], print: (item: T) => string, separator: string, noun: string): string {
  const shown = items.slice(0, MAX_PRINTED_PARTS).map(print).join(separator);
  const more = items.length - MAX_PRINTED_PARTS;
  return more > 0 ? `${shown}${separator}… (${more.toLocaleString('en-US')} more ${noun})` : shown;
}

/** A type as the user would write it, for messages: `{ order: string, charged: number }`. */
export function printType(type: PayloadType, depth = 0): string {
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'int':
    case 'boolean':
    case 'timestamp':
    case 'unknown':
      return type.kind;
    case 'literal':
      return JSON.stringify(type.value);
    case 'union':
      return bounded(type.members, (m) => printType(m, depth), ' | ', 'members');
    case 'array': {
      const element = printType(type.element, depth);
      return type.element.kind === 'union' ? `(${element})[]` : `${element}[]`;
    }
    case 'record':
      if (depth > 1) return '{ … }';
      if (type.fields.length === 0) return '{}';
      return `{ ${bounded(type.fields, (f) => `${f.name}${f.optional ? '?' : ''}: ${printType(f.type, depth + 1)}`, ', ', 'fields')} }`;
    case 'ref':
      return type.name;
    case 'invocation':
      return `${type.condition}<${type.function}>`;
    case 'streamFailure':
      return type.source === 'kinesis' ? 'the Kinesis on-failure record' : 'the DynamoDB stream on-failure record';
    case 'snsEnvelope':
      return `an SNS notification of ${printType(type.message, depth)}`;
    case 'eventBridgeEvent':
      return `an EventBridge event of ${printType(type.detail, depth)}`;
    case 's3Notification':
      return 'an S3 event notification';
  }
}

export function printTypeExpr(type: TypeExpr): string {
  switch (type.kind) {
    case 'NamedType':
      return type.name.text;
    case 'ArrayType':
      return `${printTypeExpr(type.element)}[]`;
    case 'RecordType':
      return `{ ${bounded(type.fields, (f) => `${f.name.text}${f.optional ? '?' : ''}: ${printTypeExpr(f.type)}`, ', ', 'fields')} }`;
    case 'UnionType':
      return bounded(type.members, printTypeExpr, ' | ', 'members');
    case 'StringLiteralType':
      return JSON.stringify(type.value);
    case 'InvocationRecordType':
      return `${type.condition}<${type.function.text}>`;
  }
}

/** A type for a sentence: code in backticks, the fixed AWS shapes as words. */
export function quoteType(type: PayloadType): string {
  const text = printType(type);
  return type.kind === 'streamFailure' || type.kind === 'snsEnvelope' || type.kind === 'eventBridgeEvent' || type.kind === 's3Notification' ? text : `\`${text}\``;
}
