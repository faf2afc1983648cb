/**
 * Payload types as TypeScript source text. Declared types are referred to by name; the fixed
 * AWS shapes by the generic types of `flowc/runtime`, instantiated with the function's aliases
 * (`SuccessRecord<ChargeInput, ChargeOutput>`), which also keeps records of records finite.
 */
import { eventBridge } from '../../../runtime/aws/limits.js';
import type { PayloadType } from '../../../runtime/manifest/types.js';

export interface TypeNames {
  /** The namespace `flowc/runtime` is imported as. */
  readonly runtime: string;
  /** The identifier of a declared type. */
  declared(name: string): string;
  /** The alias of a function's input type. */
  functionInput(fn: string): string;
  /**
   * What an invocation record's requestPayload holds: the alias of the events a function is
   * invoked with asynchronously (`never` when only pollers invoke it).
   */
  functionEvent(fn: string): string;
  /** The alias of a function's output type; null when it declares none. */
  functionOutput(fn: string): string | null;
  /** Whether a function's records of this outcome go to an SNS topic or an EventBridge bus, which drop large payloads. */
  recordSizeLimited(fn: string, condition: 'success' | 'failure'): boolean;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function propertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

/** A single-quoted TypeScript string literal. */
export function quote(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${escaped}'`;
}

export function typeText(type: PayloadType, names: TypeNames): string {
  const rt = names.runtime;
  switch (type.kind) {
    case 'string':
    case 'timestamp':
      return 'string';
    case 'number':
    case 'int':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'unknown':
      return 'unknown';
    case 'literal':
      return quote(type.value);
    case 'union':
      return unique(type.members.map((member) => typeText(member, names))).join(' | ');
    case 'array': {
      // Readonly: handlers read payloads, and `as const` test fixtures are then accepted.
      const element = typeText(type.element, names);
      return type.element.kind === 'union' ? `readonly (${element})[]` : `readonly ${element}[]`;
    }
    case 'record':
      return type.fields.length === 0
        ? 'Record<string, never>'
        : `{ ${type.fields.map((f) => `${propertyName(f.name)}${f.optional ? '?' : ''}: ${typeText(f.type, names)}`).join('; ')} }`;
    case 'ref':
      return names.declared(type.name);
    case 'invocation':
      // requestPayload is the event the function was invoked with (an SNS event for a function
      // behind a topic), not its decoded payload.
      // Through SNS or EventBridge, Lambda drops the payloads of a record above 256 KB.
      if (type.condition === 'success') {
        const record = names.recordSizeLimited(type.function, 'success') ? 'SizeLimitedSuccessRecord' : 'SuccessRecord';
        return `${rt}.${record}<${names.functionEvent(type.function)}, ${names.functionOutput(type.function) ?? 'unknown'}>`;
      }
      return `${rt}.${names.recordSizeLimited(type.function, 'failure') ? 'SizeLimitedFailureRecord' : 'FailureRecord'}<${names.functionEvent(type.function)}>`;
    case 'streamFailure':
      return type.source === 'kinesis' ? `${rt}.KinesisFailureRecord` : `${rt}.DynamoDbFailureRecord`;
    case 'snsEnvelope':
      return `${rt}.SnsNotification<${typeText(type.message, names)}>`;
    case 'eventBridgeEvent': {
      // A destination's records are the only events whose source the flow knows here.
      const fromLambda = type.detailType === eventBridge.successDetailType || type.detailType === eventBridge.failureDetailType;
      const source = fromLambda ? `, ${quote(eventBridge.destinationSource)}` : '';
      return `${rt}.BusEvent<${type.detailType === null ? 'string' : quote(type.detailType)}, ${typeText(type.detail, names)}${source}>`;
    }
    case 's3Notification':
      return type.testEvent ? `${rt}.S3Notification` : `${rt}.S3Event`;
    default:
      return assertNever(type);
  }
}

/** A union of alternatives, each once, in order; `never` when there are none. */
export function unionText(alternatives: readonly string[]): string {
  const distinct = unique(alternatives);
  return distinct.length === 0 ? 'never' : distinct.join(' | ');
}

export function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function assertNever(value: never): never {
  throw new Error(`unexpected payload type ${JSON.stringify(value)}`);
}
