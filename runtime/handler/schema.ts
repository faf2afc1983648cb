/**
 * Runtime validators of the flow's payload types, as Standard Schema v1 objects
 * (https://standardschema.dev), so the generated decoders check what they decode and the same
 * schema plugs into Powertools' parser or any other library that takes one.
 *
 * The generated module does not print a validator per type: it carries the manifest's type
 * descriptors (plain JSON) and `payloadSchema` compiles one into closures, once, at load time.
 * What a value must be is exactly what the generated TypeScript type says, plus what the flow
 * knows and TypeScript cannot say (an `int` is an integer, a `timestamp` is ISO-8601). As in
 * TypeScript, a record may carry fields its type does not name.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { PayloadType } from '../manifest/types.js';

/** The declared types of a flow by name, as the manifest (and the generated module) holds them. */
export type PayloadTypes = Readonly<Record<string, PayloadType>>;

/** Where in a value a problem is: field names and list indexes, from the top. */
export type PayloadPath = readonly (string | number)[];

export interface PayloadIssue extends StandardSchemaV1.Issue {
  readonly path: PayloadPath;
}

/** A Standard Schema of one payload type; `check` is the same test without the wrapping. */
export interface PayloadSchema<T> extends StandardSchemaV1<unknown, T> {
  /** The type in the flow's words: `Order`, `string[]`, `"EUR" | "USD"`. */
  readonly expected: string;
  /** The problems of `value` (at most `MAX_ISSUES`), empty when it has the type. */
  check(value: unknown): readonly PayloadIssue[];
}

/** A value can be wrong in many places; the first few say enough and keep a bad batch cheap. */
const MAX_ISSUES = 10;

/** Checks a value at `path` (a stack the checks push to and pop, copied only into an issue). */
type Check = (value: unknown, path: (string | number)[], issues: PayloadIssue[]) => void;

/**
 * The schema of `type` (a descriptor, or the name of a declared type) over the flow's declared
 * `types`. `T` is the TypeScript type the generated module declares for it.
 */
export function payloadSchema<T>(type: PayloadType | string, types: PayloadTypes): PayloadSchema<T> {
  const descriptor: PayloadType = typeof type === 'string' ? { kind: 'ref', name: type } : type;
  const compiler = new SchemaCompiler(types);
  const run = compiler.compile(descriptor);
  const check = (value: unknown): readonly PayloadIssue[] => {
    const issues: PayloadIssue[] = [];
    run(value, [], issues);
    return issues;
  };
  return {
    expected: typeName(descriptor),
    check,
    '~standard': {
      version: 1,
      vendor: 'flowc',
      validate: (value) => {
        const issues = check(value);
        return issues.length === 0 ? { value: value as T } : { issues };
      },
    },
  };
}

/** `$.items[0].qty`: a path as the messages print it. */
export function pathText(path: readonly (PropertyKey | StandardSchemaV1.PathSegment)[]): string {
  let text = '$';
  for (const segment of path) {
    const key = typeof segment === 'object' ? segment.key : segment;
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) text += `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** One issue per line-worthy sentence: `$.items[0].qty: expected an integer (int), got "2"`. */
export function issueText(issue: StandardSchemaV1.Issue): string {
  return `${pathText(issue.path ?? [])}: ${issue.message}`;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class SchemaCompiler {
  /** Declared types compile once, lazily, so a type that refers to itself compiles too. */
  readonly #declared = new Map<string, Check>();

  constructor(readonly types: PayloadTypes) {}

  compile(type: PayloadType): Check {
    switch (type.kind) {
      case 'unknown':
        return () => undefined;
      case 'string':
        return expect((v) => typeof v === 'string', 'a string');
      case 'number':
        return expect((v) => typeof v === 'number' && Number.isFinite(v), 'a number');
      case 'int':
        return expect((v) => Number.isInteger(v), 'an integer (int)');
      case 'boolean':
        return expect((v) => typeof v === 'boolean', 'true or false');
      case 'timestamp':
        return expect((v) => typeof v === 'string' && TIMESTAMP.test(v), 'an ISO-8601 timestamp');
      case 'literal':
        return expect((v) => v === type.value, JSON.stringify(type.value));
      case 'union':
        return this.union(type.members);
      case 'array':
        return this.array(type.element);
      case 'record':
        return this.record(type.fields, 'an object');
      case 'ref':
        return this.ref(type.name);
      case 'invocation':
        // The record Lambda makes (runtime/handler/records.ts): its payloads are the function's own.
        return this.record(
          [
            { name: 'requestContext', type: { kind: 'record', fields: [{ name: 'condition', type: { kind: 'string' }, optional: false }] }, optional: false },
            { name: 'requestPayload', type: { kind: 'unknown' }, optional: false },
          ],
          `a Lambda ${type.condition} record of \`${type.function}\``,
        );
      case 'streamFailure':
        return this.record(
          [{ name: type.source === 'kinesis' ? 'KinesisBatchInfo' : 'DDBStreamBatchInfo', type: { kind: 'record', fields: [] }, optional: false }],
          `a ${type.source === 'kinesis' ? 'Kinesis' : 'DynamoDB stream'} on-failure record`,
        );
      case 'snsEnvelope':
        return this.snsEnvelope(type.message);
      case 'eventBridgeEvent':
        return this.record(
          [
            { name: 'detail-type', type: type.detailType === null ? { kind: 'string' } : { kind: 'literal', value: type.detailType }, optional: false },
            { name: 'source', type: { kind: 'string' }, optional: false },
            { name: 'detail', type: type.detail, optional: false },
          ],
          'an EventBridge event',
        );
      case 's3Notification':
        // S3's own message: its `Records`, or (through a queue or topic) the `s3:TestEvent`.
        return expect(
          (v) => isObject(v) && (Array.isArray(v.Records) || (type.testEvent && v.Event === 's3:TestEvent')),
          type.testEvent ? 'an S3 event notification or S3\'s test event' : 'an S3 event notification',
        );
    }
  }

  ref(name: string): Check {
    const known = this.#declared.get(name);
    if (known !== undefined) return known;
    const target = this.types[name];
    // A name the flow does not declare cannot be checked (the compiler reported it).
    if (target === undefined) return () => undefined;
    let compiled: Check | undefined;
    const check: Check = (value, path, issues) => (compiled ??= target.kind === 'record' ? this.record(target.fields, `an object (${name})`) : this.compile(target))(value, path, issues);
    this.#declared.set(name, check);
    return check;
  }

  union(members: readonly PayloadType[]): Check {
    const checks = members.map((member) => this.compile(member));
    const expected = members.map(typeName).join(' | ');
    return (value, path, issues) => {
      for (const check of checks) {
        const trial: PayloadIssue[] = [];
        check(value, path, trial);
        if (trial.length === 0) return;
      }
      report(issues, path, expected, value);
    };
  }

  array(element: PayloadType): Check {
    const check = this.compile(element);
    return (value, path, issues) => {
      if (!Array.isArray(value)) return report(issues, path, `a list (${typeName(element)}[])`, value);
      for (let i = 0; i < value.length && issues.length < MAX_ISSUES; i++) {
        path.push(i);
        check(value[i], path, issues);
        path.pop();
      }
    };
  }

  record(fields: readonly { readonly name: string; readonly type: PayloadType; readonly optional: boolean }[], expected: string): Check {
    const checks = fields.map((field) => ({ ...field, check: this.compile(field.type) }));
    return (value, path, issues) => {
      if (!isObject(value)) return report(issues, path, expected, value);
      for (const field of checks) {
        if (issues.length >= MAX_ISSUES) return;
        const fieldValue = Object.hasOwn(value, field.name) ? value[field.name] : undefined;
        if (fieldValue === undefined) {
          if (!field.optional) issues.push({ path: [...path, field.name], message: `missing (required ${typeName(field.type)})` });
          continue;
        }
        path.push(field.name);
        field.check(fieldValue, path, issues);
        path.pop();
      }
    };
  }

  /** A notification a queue holds: `Message` is the JSON text of the topic's message. */
  snsEnvelope(message: PayloadType): Check {
    const envelope = this.record(
      [
        { name: 'Type', type: { kind: 'literal', value: 'Notification' }, optional: false },
        { name: 'Message', type: { kind: 'string' }, optional: false },
      ],
      'an SNS notification',
    );
    const inner = this.compile(message);
    return (value, path, issues) => {
      const before = issues.length;
      envelope(value, path, issues);
      if (issues.length > before) return;
      const text = (value as { Message: string }).Message;
      let parsed: unknown;
      path.push('Message');
      try {
        parsed = JSON.parse(text);
      } catch {
        report(issues, path, `the JSON of ${typeName(message)}`, text);
        path.pop();
        return;
      }
      inner(parsed, path, issues);
      path.pop();
    };
  }
}

function expect(test: (value: unknown) => boolean, expected: string): Check {
  return (value, path, issues) => {
    if (!test(value)) report(issues, path, expected, value);
  };
}

const PREVIEW_CHARS = 40;

function report(issues: PayloadIssue[], path: PayloadPath, expected: string, value: unknown): void {
  issues.push({ path: [...path], message: `expected ${expected}, got ${preview(value)}` });
}

function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}

/** A type in the flow's words, for messages. */
function typeName(type: PayloadType): string {
  switch (type.kind) {
    case 'literal':
      return JSON.stringify(type.value);
    case 'union':
      return type.members.map(typeName).join(' | ');
    case 'array':
      return type.element.kind === 'union' ? `(${typeName(type.element)})[]` : `${typeName(type.element)}[]`;
    case 'record':
      return type.fields.length === 0 ? '{}' : `{ ${type.fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${typeName(f.type)}`).join(', ')} }`;
    case 'ref':
      return type.name;
    case 'invocation':
      return `${type.condition}<${type.function}>`;
    case 'streamFailure':
      return `${type.source} failure record`;
    case 'snsEnvelope':
      return `SNS notification of ${typeName(type.message)}`;
    case 'eventBridgeEvent':
      return `EventBridge event of ${typeName(type.detail)}`;
    default:
      return type.kind;
  }
}
