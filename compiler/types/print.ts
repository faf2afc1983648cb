import type { PayloadType } from '../../runtime/manifest/types.js';
import type { TypeExpr } from '../syntax/ast.js';

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
      return type.members.map((m) => printType(m, depth)).join(' | ');
    case 'array': {
      const element = printType(type.element, depth);
      return type.element.kind === 'union' ? `(${element})[]` : `${element}[]`;
    }
    case 'record':
      if (depth > 1) return '{ … }';
      if (type.fields.length === 0) return '{}';
      return `{ ${type.fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${printType(f.type, depth + 1)}`).join(', ')} }`;
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
  }
}

export function printTypeExpr(type: TypeExpr): string {
  switch (type.kind) {
    case 'NamedType':
      return type.name.text;
    case 'ArrayType':
      return `${printTypeExpr(type.element)}[]`;
    case 'RecordType':
      return `{ ${type.fields.map((f) => `${f.name.text}${f.optional ? '?' : ''}: ${printTypeExpr(f.type)}`).join(', ')} }`;
    case 'UnionType':
      return type.members.map(printTypeExpr).join(' | ');
    case 'StringLiteralType':
      return JSON.stringify(type.value);
    case 'InvocationRecordType':
      return `${type.condition}<${type.function.text}>`;
  }
}

/** A type for a sentence: code in backticks, the fixed AWS shapes as words. */
export function quoteType(type: PayloadType): string {
  const text = printType(type);
  return type.kind === 'streamFailure' || type.kind === 'snsEnvelope' || type.kind === 'eventBridgeEvent' ? text : `\`${text}\``;
}
