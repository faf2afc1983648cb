/**
 * Handlers for the batch triggers (SQS, Kinesis, DynamoDB streams): user code handles one
 * decoded payload at a time, in batch order; the runtime decodes, runs and answers Lambda.
 *
 * Without `reportFailures` the first error fails the whole invocation, so Lambda retries the
 * whole batch (what the event source mapping is configured for). With it, failed items are
 * reported by identifier, following the ordering rule of `batchItemFailures`: in an ordered
 * batch processing stops at the first failure.
 */
import type { Context, DynamoDBBatchResponse, KinesisStreamBatchResponse, SQSBatchResponse } from 'aws-lambda';
import { batchItemFailures, type BatchItemFailures } from './batch-failures.js';
import { decodeBase64Json, decodeImage, decodeJson } from './decode.js';
import type { AsyncHandler, DynamoDbEvent, DynamoDbRecord, KinesisEvent, KinesisRecord, SqsEvent, SqsRecord } from './envelopes.js';

/** What user code gets with each payload besides the payload itself. */
export interface BatchItem<Event, BatchRecord> {
  /** The record as AWS sent it (ids, attributes, the encoded payload). */
  readonly record: BatchRecord;
  /** Its position in the batch, from 0. */
  readonly index: number;
  readonly event: Event;
  readonly context: Context;
}

export type ItemHandler<T, Event, BatchRecord> = (payload: T, item: BatchItem<Event, BatchRecord>) => Promise<unknown>;

export interface BatchOptions {
  /** The mapping has `ReportBatchItemFailures`: answer with the failed items instead of throwing. */
  readonly reportFailures: boolean;
  /** Called for each failed item when failures are reported (default: `console.error`). */
  readonly onItemError?: (error: unknown, description: string) => void;
}

interface BatchRun<Event, BatchRecord> {
  readonly records: readonly BatchRecord[];
  readonly ordered: boolean;
  readonly idOf: (record: BatchRecord) => string;
  readonly describe: (record: BatchRecord) => string;
  readonly handleOne: (record: BatchRecord, item: BatchItem<Event, BatchRecord>) => Promise<unknown>;
}

function logItemError(error: unknown, description: string): void {
  // eslint-disable-next-line no-console -- a Lambda function's log is its console
  console.error(`${description} failed; reporting it to Lambda for another attempt:`, error);
}

async function runBatch<Event, BatchRecord>(
  run: BatchRun<Event, BatchRecord>,
  event: Event,
  context: Context,
  options: BatchOptions,
): Promise<BatchItemFailures | undefined> {
  const failed: number[] = [];
  for (const [index, record] of run.records.entries()) {
    const item: BatchItem<Event, BatchRecord> = { record, index, event, context };
    if (!options.reportFailures) {
      await run.handleOne(record, item);
      continue;
    }
    if (run.ordered && failed.length > 0) break;
    try {
      await run.handleOne(record, item);
    } catch (error) {
      (options.onItemError ?? logItemError)(error, run.describe(record));
      failed.push(index);
    }
  }
  return options.reportFailures ? batchItemFailures(run.records.map(run.idOf), failed, run.ordered) : undefined;
}

export interface SqsTriggerOptions extends BatchOptions {
  /** The queue is FIFO: failures are reported in order (a `.fifo` source ARN counts too). */
  readonly fifo: boolean;
}

export interface SqsTrigger<T, Result> {
  /** A handler that decodes each message body and passes it to `handle`, one at a time, in order. */
  eachMessage(handle: ItemHandler<T, SqsEvent<T>, SqsRecord<T>>): AsyncHandler<SqsEvent<T>, Result>;
  /** The decoded body of one message. */
  decode(record: SqsRecord<T>): T;
}

function describeSqs(record: SqsRecord<unknown>): string {
  return `SQS message ${record.messageId} from ${record.eventSourceARN}`;
}

export function sqsTrigger<T>(options: SqsTriggerOptions & { readonly reportFailures: true }): SqsTrigger<T, SQSBatchResponse>;
export function sqsTrigger<T>(options: SqsTriggerOptions & { readonly reportFailures: false }): SqsTrigger<T, void>;
export function sqsTrigger<T>(options: SqsTriggerOptions): SqsTrigger<T, SQSBatchResponse | void> {
  const decode = (record: SqsRecord<T>): T => decodeJson(record.body, describeSqs(record));
  return {
    decode,
    eachMessage: (handle) => async (event, context) =>
      runBatch(
        {
          records: event.Records,
          ordered: options.fifo || (event.Records[0]?.eventSourceARN ?? '').endsWith('.fifo'),
          idOf: (record) => record.messageId,
          describe: describeSqs,
          handleOne: (record, item) => handle(decode(record), item),
        },
        event,
        context,
        options,
      ),
  };
}

export interface KinesisTrigger<T, Result> {
  /** A handler that decodes each record's data and passes it to `handle`, one at a time, in shard order. */
  eachRecord(handle: ItemHandler<T, KinesisEvent<T>, KinesisRecord<T>>): AsyncHandler<KinesisEvent<T>, Result>;
  decode(record: KinesisRecord<T>): T;
}

function describeKinesis(record: KinesisRecord<unknown>): string {
  return `Kinesis record ${record.kinesis.sequenceNumber} from ${record.eventSourceARN}`;
}

export function kinesisTrigger<T>(options: BatchOptions & { readonly reportFailures: true }): KinesisTrigger<T, KinesisStreamBatchResponse>;
export function kinesisTrigger<T>(options: BatchOptions & { readonly reportFailures: false }): KinesisTrigger<T, void>;
export function kinesisTrigger<T>(options: BatchOptions): KinesisTrigger<T, KinesisStreamBatchResponse | void> {
  const decode = (record: KinesisRecord<T>): T => decodeBase64Json(record.kinesis.data, describeKinesis(record));
  return {
    decode,
    eachRecord: (handle) => async (event, context) =>
      runBatch(
        {
          records: event.Records,
          ordered: true,
          idOf: (record) => record.kinesis.sequenceNumber,
          describe: describeKinesis,
          handleOne: (record, item) => handle(decode(record), item),
        },
        event,
        context,
        options,
      ),
  };
}

/** One item change from a DynamoDB stream, with the images decoded (present as the stream view type allows). */
export interface TableChange<T> {
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly newImage: T | undefined;
  readonly oldImage: T | undefined;
  /** The key attributes of the item. */
  readonly keys: Partial<T>;
}

export interface DynamoDbTrigger<T, Result> {
  /** A handler that decodes each change and passes it to `handle`, one at a time, in stream order. */
  eachChange(handle: ItemHandler<TableChange<T>, DynamoDbEvent<T>, DynamoDbRecord<T>>): AsyncHandler<DynamoDbEvent<T>, Result>;
  decode(record: DynamoDbRecord<T>): TableChange<T>;
}

function describeDynamoDb(record: DynamoDbRecord<unknown>): string {
  return `DynamoDB stream record ${record.dynamodb?.SequenceNumber ?? '(no sequence number)'} from ${record.eventSourceARN ?? '(unknown table)'}`;
}

export function dynamodbTrigger<T>(options: BatchOptions & { readonly reportFailures: true }): DynamoDbTrigger<T, DynamoDBBatchResponse>;
export function dynamodbTrigger<T>(options: BatchOptions & { readonly reportFailures: false }): DynamoDbTrigger<T, void>;
export function dynamodbTrigger<T>(options: BatchOptions): DynamoDbTrigger<T, DynamoDBBatchResponse | void> {
  const decode = (record: DynamoDbRecord<T>): TableChange<T> => {
    const where = describeDynamoDb(record);
    const change = record.dynamodb;
    return {
      eventName: record.eventName ?? 'MODIFY',
      newImage: change?.NewImage === undefined ? undefined : decodeImage(change.NewImage, `${where}, NewImage`),
      oldImage: change?.OldImage === undefined ? undefined : decodeImage(change.OldImage, `${where}, OldImage`),
      keys: change?.Keys === undefined ? {} : (decodeImage(change.Keys, `${where}, Keys`) as Partial<T>),
    };
  };
  return {
    decode,
    eachChange: (handle) => async (event, context) =>
      runBatch(
        {
          records: event.Records,
          ordered: true,
          idOf: (record) => record.dynamodb?.SequenceNumber ?? '',
          describe: describeDynamoDb,
          handleOne: (record, item) => handle(decode(record), item),
        },
        event,
        context,
        options,
      ),
  };
}
