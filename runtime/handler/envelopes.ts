/**
 * The AWS event shapes a function receives, generic over the payload flowc typed for the edge.
 * Each one extends its @types/aws-lambda counterpart and only narrows the field that carries the
 * payload, so an `SqsEvent<Order>` is still an `SQSEvent` to any code written for Lambda.
 *
 * Encoded payloads (an SQS body, a Kinesis record's data, a DynamoDB image) stay what AWS sends,
 * a string or an attribute map, and carry the decoded type as a phantom brand: `decodeJson`,
 * `decodeBase64Json` and `decodeImage` read it back. A plain string is assignable to a brand,
 * so events built by hand or by the simulator type-check; two different brands are not.
 */
import type {
  AttributeValue,
  Context,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  EventBridgeEvent,
  KinesisStreamEvent,
  KinesisStreamRecord,
  KinesisStreamRecordPayload,
  SNSEvent,
  SNSEventRecord,
  SNSMessage,
  SQSEvent,
  SQSRecord,
  StreamRecord,
} from 'aws-lambda';

declare const jsonOf: unique symbol;
declare const base64JsonOf: unique symbol;
declare const imageOf: unique symbol;

/** A JSON text that encodes a `T`. */
export type Json<T> = string & { readonly [jsonOf]?: T };

/** The base64 of a JSON text that encodes a `T` (a Kinesis record's `data`). */
export type Base64Json<T> = string & { readonly [base64JsonOf]?: T };

/** A DynamoDB item in the attribute-value form of a stream record, whose plain form is a `T`. */
export type DynamoDbImage<T> = { [attribute: string]: AttributeValue } & { readonly [imageOf]?: T };

/** A Lambda handler as nodejs24.x runs it: async, no callback. */
export type AsyncHandler<Event, Result> = (event: Event, context: Context) => Promise<Result>;

/** An SQS message whose body is the JSON of a `T`. */
export interface SqsRecord<T> extends SQSRecord {
  body: Json<T>;
}

/** A batch of SQS messages from an event source mapping. */
export interface SqsEvent<T> extends SQSEvent {
  Records: SqsRecord<T>[];
}

export interface SnsMessage<T> extends SNSMessage {
  Message: Json<T>;
}

export interface SnsRecord<T> extends SNSEventRecord {
  Sns: SnsMessage<T>;
}

/** An SNS notification as a subscribed function receives it: one record, `Message` the JSON of a `T`. */
export interface SnsEvent<T> extends SNSEvent {
  Records: SnsRecord<T>[];
}

/**
 * An SNS notification as a subscribed queue holds it when raw message delivery is off: the JSON
 * document SNS sends, with `Message` the JSON of a `T`. (SQS spells the URLs `…URL`, Lambda `…Url`.)
 */
export interface SnsNotification<T> {
  Type: 'Notification';
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: Json<T>;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  UnsubscribeURL: string;
  MessageAttributes?: { [name: string]: { Type: string; Value: string } };
  /** FIFO topics only. */
  SequenceNumber?: string;
}

export interface KinesisPayload<T> extends KinesisStreamRecordPayload {
  data: Base64Json<T>;
}

export interface KinesisRecord<T> extends KinesisStreamRecord {
  kinesis: KinesisPayload<T>;
}

/** A batch of Kinesis records from one shard; each record's data is the base64 JSON of a `T`. */
export interface KinesisEvent<T> extends KinesisStreamEvent {
  Records: KinesisRecord<T>[];
}

export interface DynamoDbStreamRecord<T> extends StreamRecord {
  NewImage?: DynamoDbImage<T> | undefined;
  OldImage?: DynamoDbImage<T> | undefined;
}

export interface DynamoDbRecord<T> extends DynamoDBRecord {
  dynamodb?: DynamoDbStreamRecord<T> | undefined;
}

/** A batch of item changes from a DynamoDB stream; the images are `T` items in attribute-value form. */
export interface DynamoDbEvent<T> extends DynamoDBStreamEvent {
  Records: DynamoDbRecord<T>[];
}

/**
 * An EventBridge event whose `detail` is a `T`, with its `source` where the flow knows it:
 * `lambda` for a destination's records, the app's name for the events of its own code.
 */
export interface BusEvent<DetailType extends string, T, Source extends string = string> extends EventBridgeEvent<DetailType, T> {
  source: Source;
}

export type { Context, DynamoDBBatchResponse, KinesisStreamBatchResponse, SQSBatchResponse } from 'aws-lambda';
