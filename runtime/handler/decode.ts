/**
 * Reading payloads out of their AWS encodings, and writing them (for tests and simulations).
 * What cannot be parsed fails with a `PayloadDecodeError` that says which message it was and
 * shows the start of the text. Given a schema (the generated helpers pass their payload's,
 * schema.ts), a decoder also checks the value: a message from another producer, or from an
 * older version of the app, fails with a `PayloadValidationError` naming the path and the
 * expected type instead of reaching the handler as a lie.
 */
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Base64Json, DynamoDbImage, Json } from './envelopes.js';
import { issueText } from './schema.js';

/** A payload that is not in the encoding its edge promises. */
export class PayloadDecodeError extends Error {
  override readonly name: string = 'PayloadDecodeError';
  /** Which payload, e.g. `SQS message 1f2e… from arn:aws:sqs:…:orders`. */
  readonly where: string;

  constructor(where: string, problem: string, cause?: unknown) {
    super(`${where}: ${problem}`, cause === undefined ? undefined : { cause });
    this.where = where;
  }
}

/** A decoded payload that does not have the type of its edge. */
export class PayloadValidationError extends PayloadDecodeError {
  override readonly name = 'PayloadValidationError';
  readonly issues: readonly StandardSchemaV1.Issue[];

  constructor(where: string, expected: string | undefined, issues: readonly StandardSchemaV1.Issue[]) {
    const [first] = issues;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    super(where, `does not have the type ${expected ?? 'of its schema'}: ${first === undefined ? 'invalid' : issueText(first)}${more}`);
    this.issues = issues;
  }
}

/**
 * `value` when it passes `schema`, else a `PayloadValidationError`. Any synchronous Standard
 * Schema will do (a flowc one names the expected type in the message); without one, `value`.
 */
export function validatePayload<T>(value: unknown, schema: StandardSchemaV1<unknown, T> | undefined, where = 'payload'): T {
  if (schema === undefined) return value as T;
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new TypeError(`${where}: the schema validates asynchronously; decoding needs a synchronous one`);
  if (result.issues !== undefined) throw new PayloadValidationError(where, (schema as { expected?: string }).expected, result.issues);
  return result.value;
}

const PREVIEW_CHARS = 60;

function preview(text: string): string {
  const shown = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  return JSON.stringify(shown);
}

/** Parses the JSON of a `T`, and checks it against `schema` when given. */
export function decodeJson<T>(text: Json<T>, where = 'payload', schema?: StandardSchemaV1<unknown, T>): T {
  if (typeof text !== 'string') throw new PayloadDecodeError(where, `expected a JSON string, got ${typeof text}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PayloadDecodeError(where, `is not JSON (${reason}): ${preview(text)}`, error);
  }
  return validatePayload(value, schema, where);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Parses a Kinesis record's data: base64, then UTF-8 JSON of a `T` (checked against `schema` when given). */
export function decodeBase64Json<T>(data: Base64Json<T>, where = 'payload', schema?: StandardSchemaV1<unknown, T>): T {
  if (typeof data !== 'string') throw new PayloadDecodeError(where, `expected base64 data, got ${typeof data}`);
  // Buffer.from skips characters outside the alphabet silently; say so instead of parsing garbage.
  if (data.length % 4 !== 0 || !BASE64.test(data)) throw new PayloadDecodeError(where, `is not base64: ${preview(data)}`);
  const text = Buffer.from(data, 'base64').toString('utf8');
  return decodeJson<T>(text, where, schema);
}

/**
 * Turns a stream record's image (attribute values) into the plain item, a `T`, in the types a
 * flow declares: every number a `number` (the SDK's `unmarshall` makes a `bigint` of one beyond
 * 2^53, which JSON payloads would have rounded too) and every set (SS, NS, BS) a list, as the
 * flow's `T[]` says; sets have no order, so the list keeps DynamoDB's. Checked against `schema`
 * when given.
 */
export function decodeImage<T>(image: DynamoDbImage<T>, where = 'image', schema?: StandardSchemaV1<unknown, T>): T {
  if (image === null || typeof image !== 'object') throw new PayloadDecodeError(where, `expected an attribute map, got ${image === null ? 'null' : typeof image}`);
  let item: unknown;
  try {
    // @types/aws-lambda and the SDK describe the same attribute values with two declarations.
    item = setsAsLists(unmarshall(image as unknown as Record<string, SdkAttributeValue>, { wrapNumbers: (text) => Number(text) }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PayloadDecodeError(where, `is not a DynamoDB attribute map (${reason})`, error);
  }
  return validatePayload(item, schema, where);
}

/** A copy of an unmarshalled value with each `Set` replaced by an array of its members. */
function setsAsLists(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(setsAsLists);
  if (Array.isArray(value)) return value.map(setsAsLists);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, setsAsLists(member)]));
  }
  return value;
}

export function encodeJson<T>(value: T): Json<T> {
  return JSON.stringify(value);
}

export function encodeBase64Json<T>(value: T): Base64Json<T> {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

export function encodeImage<T>(value: T): DynamoDbImage<T> {
  return marshall(value as Record<string, unknown>, { removeUndefinedValues: true }) as unknown as DynamoDbImage<T>;
}
