/**
 * Reading payloads out of their AWS encodings, and writing them (for tests and simulations).
 * Decoding only parses: the types are promises flowc checked at the producers, so a value is
 * not validated field by field. What cannot be parsed fails with a `PayloadDecodeError` that
 * says which message it was and shows the start of the text.
 */
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import type { Base64Json, DynamoDbImage, Json } from './envelopes.js';

/** A payload that is not in the encoding its edge promises. */
export class PayloadDecodeError extends Error {
  override readonly name = 'PayloadDecodeError';
  /** Which payload, e.g. `SQS message 1f2e… from arn:aws:sqs:…:orders`. */
  readonly where: string;

  constructor(where: string, problem: string, cause?: unknown) {
    super(`${where}: ${problem}`, cause === undefined ? undefined : { cause });
    this.where = where;
  }
}

const PREVIEW_CHARS = 60;

function preview(text: string): string {
  const shown = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  return JSON.stringify(shown);
}

/** Parses the JSON of a `T`. */
export function decodeJson<T>(text: Json<T>, where = 'payload'): T {
  if (typeof text !== 'string') throw new PayloadDecodeError(where, `expected a JSON string, got ${typeof text}`);
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PayloadDecodeError(where, `is not JSON (${reason}): ${preview(text)}`, error);
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Parses a Kinesis record's data: base64, then UTF-8 JSON of a `T`. */
export function decodeBase64Json<T>(data: Base64Json<T>, where = 'payload'): T {
  if (typeof data !== 'string') throw new PayloadDecodeError(where, `expected base64 data, got ${typeof data}`);
  // Buffer.from skips characters outside the alphabet silently; say so instead of parsing garbage.
  if (data.length % 4 !== 0 || !BASE64.test(data)) throw new PayloadDecodeError(where, `is not base64: ${preview(data)}`);
  const text = Buffer.from(data, 'base64').toString('utf8');
  return decodeJson<T>(text, where);
}

/**
 * Turns a stream record's image (attribute values) into the plain item, a `T`, in the types a
 * flow declares: every number a `number` (the SDK's `unmarshall` makes a `bigint` of one beyond
 * 2^53, which JSON payloads would have rounded too) and every set (SS, NS, BS) a list, as the
 * flow's `T[]` says; sets have no order, so the list keeps DynamoDB's.
 */
export function decodeImage<T>(image: DynamoDbImage<T>, where = 'image'): T {
  if (image === null || typeof image !== 'object') throw new PayloadDecodeError(where, `expected an attribute map, got ${image === null ? 'null' : typeof image}`);
  try {
    // @types/aws-lambda and the SDK describe the same attribute values with two declarations.
    const item = unmarshall(image as unknown as Record<string, SdkAttributeValue>, { wrapNumbers: (text) => Number(text) });
    return setsAsLists(item) as T;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PayloadDecodeError(where, `is not a DynamoDB attribute map (${reason})`, error);
  }
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
