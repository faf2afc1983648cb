/**
 * Payload types as the manifest carries them: plain JSON, structural, resolved. Declared types
 * stay named (`ref`) so that generated TypeScript keeps the user's names; everything else is
 * spelled out. `invocation`, `streamFailure`, `snsEnvelope`, `eventBridgeEvent` and
 * `s3Notification` are the fixed AWS shapes that wrap a payload on some edges.
 */
export type PayloadType =
  | ScalarType
  | LiteralType
  | UnionType
  | ArrayType
  | RecordType
  | RefType
  | InvocationRecordType
  | StreamFailureType
  | SnsEnvelopeType
  | EventBridgeEventType
  | S3NotificationType;

export type ScalarKind = 'string' | 'number' | 'int' | 'boolean' | 'timestamp' | 'unknown';

/** `unknown` is a payload flowc cannot know (a function nothing triggers and that declares no input). */
export interface ScalarType {
  readonly kind: ScalarKind;
}

/** A string literal, such as `"EUR"`. */
export interface LiteralType {
  readonly kind: 'literal';
  readonly value: string;
}

/** A union of string literals. */
export interface UnionType {
  readonly kind: 'union';
  readonly members: readonly PayloadType[];
}

export interface ArrayType {
  readonly kind: 'array';
  readonly element: PayloadType;
}

export interface FieldType {
  readonly name: string;
  readonly type: PayloadType;
  readonly optional: boolean;
}

export interface RecordType {
  readonly kind: 'record';
  readonly fields: readonly FieldType[];
}

/** A declared type, by name: `FlowManifest.types[name]`. */
export interface RefType {
  readonly kind: 'ref';
  readonly name: string;
}

/**
 * The invocation record Lambda sends to a destination of `function`: `requestPayload` is the
 * function's input, `responsePayload` its output (success) or the error object (failure).
 */
export interface InvocationRecordType {
  readonly kind: 'invocation';
  readonly condition: 'success' | 'failure';
  readonly function: string;
}

/** The record an event source mapping sends to its on-failure target: batch metadata, not the records. */
export interface StreamFailureType {
  readonly kind: 'streamFailure';
  readonly source: 'kinesis' | 'dynamodb';
}

/** An SNS notification as a queue receives it without raw message delivery; `Message` is the JSON of `message`. */
export interface SnsEnvelopeType {
  readonly kind: 'snsEnvelope';
  readonly message: PayloadType;
}

/** An EventBridge event as a queue target receives it: the whole event, `detail` typed. */
export interface EventBridgeEventType {
  readonly kind: 'eventBridgeEvent';
  readonly detailType: string | null;
  readonly detail: PayloadType;
}

/**
 * What a bucket's notification delivers: S3's event message, `{ Records: [...] }` (`S3Event` of
 * @types/aws-lambda, https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).
 * `testEvent`: through a queue or topic the message can also be the `s3:TestEvent` S3 sends when
 * the notification is configured; a function is never invoked with it.
 */
export interface S3NotificationType {
  readonly kind: 's3Notification';
  readonly testEvent: boolean;
}

export const unknownType: ScalarType = { kind: 'unknown' };
