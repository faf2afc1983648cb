/**
 * Handlers for the batch triggers (SQS, Kinesis, DynamoDB streams): user code handles one
 * decoded payload at a time; the runtime decodes, runs and answers Lambda.
 *
 * Without `reportFailures` the first error fails the whole invocation, so Lambda retries the
 * whole batch (what the event source mapping is configured for). With it, failed items are
 * reported by identifier, and what else is reported depends on the order the source keeps:
 * - a standard queue: exactly the failed messages;
 * - a FIFO queue: the failed message and every later one (AWS's advice: a later message of the
 *   group must not overtake it), or with `skipGroupOnError` only the failed message and the
 *   later messages of its own group, while the other groups go on;
 * - a stream: the failed record and every later one (Lambda checkpoints before the first
 *   reported record and redelivers the rest).
 *
 * `concurrency` runs several items at once where the order allows: any messages of a standard
 * queue; the message groups of a FIFO queue side by side with `skipGroupOnError`, each in
 * order; a stream's partition keys side by side, each key's records in order, and nothing new
 * started after a failure (batch-schedule.ts).
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Context, DynamoDBBatchResponse, KinesisStreamBatchResponse, SQSBatchResponse } from 'aws-lambda';
import { batchItemFailures, type BatchItemFailures } from './batch-failures.js';
import { runSchedule } from './batch-schedule.js';
import { secretsReady } from './secrets.js';
import { decodeBase64Json, decodeImage, decodeJson, PayloadDecodeError } from './decode.js';
import type { AsyncHandler, DynamoDbEvent, DynamoDbImage, DynamoDbRecord, KinesisEvent, KinesisRecord, SqsEvent, SqsRecord } from './envelopes.js';

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

/** Called for each failed item, with what failed and where (`SQS message … from …`); it may be async. */
export type ItemErrorHook<Event = unknown, BatchRecord = unknown> = (error: unknown, description: string, item: BatchItem<Event, BatchRecord>) => void | Promise<void>;

export interface BatchOptions {
  /** The mapping has `ReportBatchItemFailures`: answer with the failed items instead of throwing. */
  readonly reportFailures: boolean;
  /** Called for each failed item (default, when failures are reported: `console.error`). */
  readonly onItemError?: ItemErrorHook<never, never>;
  /**
   * Checks each decoded payload (the generated helpers pass the edge's, unless the function says
   * `validate = false`): an item that fails it fails like an item whose code throws.
   */
  readonly schema?: StandardSchemaV1<unknown, unknown>;
}

/** How one handler runs its batches: `eachMessage(handle, options)`, `eachRecord(…)`, `eachChange(…)`. */
export interface EachOptions<Event, BatchRecord> {
  /** Items running at once (default 1: one at a time, in batch order); see the module comment for where order allows more. */
  readonly concurrency?: number;
  /** Called for each failed item (default: the trigger's, else `console.error`). */
  readonly onItemError?: ItemErrorHook<Event, BatchRecord>;
}

export interface SqsEachOptions<T> extends EachOptions<SqsEvent<T>, SqsRecord<T>> {
  /**
   * FIFO queues: a failed message stops only its own message group (its later messages are
   * reported as failed without running); the other groups go on (Powertools' `skipGroupOnError`).
   */
  readonly skipGroupOnError?: boolean;
}

interface BatchRun<Event, BatchRecord> {
  readonly records: readonly BatchRecord[];
  readonly idOf: (record: BatchRecord) => string;
  readonly describe: (record: BatchRecord) => string;
  readonly handleOne: (record: BatchRecord, item: BatchItem<Event, BatchRecord>) => Promise<unknown>;
  /** Items of one lane run in order, one at a time (batch-schedule.ts). */
  readonly laneOf: (record: BatchRecord, index: number) => string;
  /** After a failure, start no other item. */
  readonly stopAllOnError: boolean;
  /** Report the first failure and everything after it, rather than exactly what failed. */
  readonly reportFromFirstFailure: boolean;
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
  each: EachOptions<Event, BatchRecord> | undefined,
): Promise<BatchItemFailures | undefined> {
  // Before any record: a secret that cannot be read fails the whole invocation, not each item.
  await secretsReady();
  // Without reported failures the error fails the invocation, and Lambda logs it: no default log.
  const onItemError = (each?.onItemError ?? options.onItemError ?? (options.reportFailures ? logItemError : () => undefined)) as ItemErrorHook<Event, BatchRecord>;
  const errors = new Map<number, unknown>();
  const outcome = await runSchedule(
    {
      count: run.records.length,
      laneOf: (index) => run.laneOf(run.records[index] as BatchRecord, index),
      concurrency: each?.concurrency ?? 1,
      // Without reported failures the first error fails the batch: nothing else needs to run.
      stopAllOnError: run.stopAllOnError || !options.reportFailures,
    },
    async (index) => {
      const record = run.records[index] as BatchRecord;
      const item: BatchItem<Event, BatchRecord> = { record, index, event, context };
      try {
        await run.handleOne(record, item);
        return true;
      } catch (error) {
        errors.set(index, error);
        try {
          await onItemError(error, run.describe(record), item);
        } catch (hookError) {
          logItemError(hookError, `the onItemError hook for ${run.describe(record)}`);
        }
        return false;
      }
    },
  );
  if (!options.reportFailures) {
    const first = outcome.failed[0];
    if (first !== undefined) throw errors.get(first);
    return undefined;
  }
  return batchItemFailures(run.records.map(run.idOf), [...outcome.failed, ...outcome.skipped], run.reportFromFirstFailure);
}

export interface SqsTriggerOptions extends BatchOptions {
  /** The queue is FIFO: failures are reported in order (a `.fifo` source ARN counts too). */
  readonly fifo: boolean;
}

export interface SqsTrigger<T, Result> {
  /** A handler that decodes each message body and passes it to `handle`, one at a time in order unless `options` say otherwise. */
  eachMessage(handle: ItemHandler<T, SqsEvent<T>, SqsRecord<T>>, options?: SqsEachOptions<T>): AsyncHandler<SqsEvent<T>, Result>;
  /** The decoded body of one message. */
  decode(record: SqsRecord<T>): T;
}

function describeSqs(record: SqsRecord<unknown>): string {
  return `SQS message ${record.messageId} from ${record.eventSourceARN}`;
}

export function sqsTrigger<T>(options: SqsTriggerOptions & { readonly reportFailures: true }): SqsTrigger<T, SQSBatchResponse>;
export function sqsTrigger<T>(options: SqsTriggerOptions & { readonly reportFailures: false }): SqsTrigger<T, void>;
export function sqsTrigger<T>(options: SqsTriggerOptions): SqsTrigger<T, SQSBatchResponse | void> {
  const schema = options.schema as StandardSchemaV1<unknown, T> | undefined;
  const decode = (record: SqsRecord<T>): T => decodeJson(record.body, describeSqs(record), schema);
  return {
    decode,
    eachMessage: (handle, each) => {
      const skipGroups = each?.skipGroupOnError === true;
      return async (event, context) => {
        const fifo = options.fifo || (event.Records[0]?.eventSourceARN ?? '').endsWith('.fifo');
        if (fifo && !skipGroups && (each?.concurrency ?? 1) > 1) {
          throw new TypeError('concurrency on a FIFO queue needs skipGroupOnError: without it a failure stops the whole batch, so messages of other groups would run and then be delivered again');
        }
        return runBatch(
          {
            records: event.Records,
            idOf: (record) => record.messageId,
            describe: describeSqs,
            handleOne: (record, item) => handle(decode(record), item),
            // FIFO: a group's messages in order; without skipGroupOnError one lane for the whole batch.
            laneOf: (record, index) => (fifo ? (skipGroups ? `group:${record.attributes.MessageGroupId ?? ''}` : 'batch') : `message:${index}`),
            stopAllOnError: fifo && !skipGroups,
            reportFromFirstFailure: fifo && !skipGroups,
          },
          event,
          context,
          options,
          each,
        );
      };
    },
  };
}

export interface KinesisTrigger<T, Result> {
  /** A handler that decodes each record's data and passes it to `handle`, in shard order (with `concurrency`, in order per partition key). */
  eachRecord(handle: ItemHandler<T, KinesisEvent<T>, KinesisRecord<T>>, options?: EachOptions<KinesisEvent<T>, KinesisRecord<T>>): AsyncHandler<KinesisEvent<T>, Result>;
  decode(record: KinesisRecord<T>): T;
}

function describeKinesis(record: KinesisRecord<unknown>): string {
  return `Kinesis record ${record.kinesis.sequenceNumber} from ${record.eventSourceARN}`;
}

export function kinesisTrigger<T>(options: BatchOptions & { readonly reportFailures: true }): KinesisTrigger<T, KinesisStreamBatchResponse>;
export function kinesisTrigger<T>(options: BatchOptions & { readonly reportFailures: false }): KinesisTrigger<T, void>;
export function kinesisTrigger<T>(options: BatchOptions): KinesisTrigger<T, KinesisStreamBatchResponse | void> {
  const schema = options.schema as StandardSchemaV1<unknown, T> | undefined;
  const decode = (record: KinesisRecord<T>): T => decodeBase64Json(record.kinesis.data, describeKinesis(record), schema);
  return {
    decode,
    eachRecord: (handle, each) => async (event, context) =>
      runBatch(
        {
          records: event.Records,
          idOf: (record) => record.kinesis.sequenceNumber,
          describe: describeKinesis,
          handleOne: (record, item) => handle(decode(record), item),
          laneOf: (record) => record.kinesis.partitionKey,
          stopAllOnError: true,
          reportFromFirstFailure: true,
        },
        event,
        context,
        options,
        each,
      ),
  };
}

/**
 * A table's `stream =` (StreamViewType): which images each change record carries
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_StreamSpecification.html).
 */
export type StreamView = 'keys' | 'new' | 'old' | 'new_and_old';

export type ChangeName = 'INSERT' | 'MODIFY' | 'REMOVE';

/** The images of one kind of change under a view: an image the view leaves out is no property at all. */
type ImagesOf<T, Name extends ChangeName, View extends StreamView> = (View extends 'new' | 'new_and_old'
  ? { readonly newImage: Name extends 'REMOVE' ? undefined : T }
  : unknown) &
  (View extends 'old' | 'new_and_old' ? { readonly oldImage: Name extends 'INSERT' ? undefined : T } : unknown);

type ChangeOf<T, Key extends keyof T, View extends StreamView, Name extends ChangeName> = {
  readonly eventName: Name;
  /** The key attributes of the item: exactly the table's key fields. */
  readonly keys: Pick<T, Key>;
} & ImagesOf<T, Name, View>;

/**
 * One item change from a DynamoDB stream, with the images decoded, as the stream view sends
 * them: `keys` has no image, `new` no old image, `old` no new image; an insert has no old image
 * and a removal no new one. Check `eventName` to narrow the images.
 */
export type TableChange<T, Key extends keyof T = keyof T, View extends StreamView = 'new_and_old'> =
  | ChangeOf<T, Key, View, 'INSERT'>
  | ChangeOf<T, Key, View, 'MODIFY'>
  | ChangeOf<T, Key, View, 'REMOVE'>;

export interface DynamoDbTriggerOptions<View extends StreamView> extends BatchOptions {
  /**
   * The stream views of the tables that trigger the function (one per table): a record is
   * decoded by its own `StreamViewType`, which must be one of them.
   */
  readonly views: readonly View[];
}

const viewTypes: Readonly<Record<string, StreamView>> = { KEYS_ONLY: 'keys', NEW_IMAGE: 'new', OLD_IMAGE: 'old', NEW_AND_OLD_IMAGES: 'new_and_old' };

export interface DynamoDbTrigger<T, Key extends keyof T, View extends StreamView, Result> {
  /** A handler that decodes each change and passes it to `handle`, in stream order (with `concurrency`, in order per item). */
  eachChange(
    handle: ItemHandler<TableChange<T, Key, View>, DynamoDbEvent<T>, DynamoDbRecord<T>>,
    options?: EachOptions<DynamoDbEvent<T>, DynamoDbRecord<T>>,
  ): AsyncHandler<DynamoDbEvent<T>, Result>;
  decode(record: DynamoDbRecord<T>): TableChange<T, Key, View>;
}

function describeDynamoDb(record: DynamoDbRecord<unknown>): string {
  return `DynamoDB stream record ${record.dynamodb?.SequenceNumber ?? '(no sequence number)'} from ${record.eventSourceARN ?? '(unknown table)'}`;
}

const changeNames: readonly string[] = ['INSERT', 'MODIFY', 'REMOVE'] satisfies ChangeName[];

/** An image the view and the kind of change promise, decoded; a missing one is a decoding error, never `undefined` in disguise. */
function requiredImage<T>(image: DynamoDbImage<T> | undefined, where: string, which: 'NewImage' | 'OldImage', name: ChangeName, schema: StandardSchemaV1<unknown, T> | undefined): T {
  if (image === undefined) throw new PayloadDecodeError(where, `a ${name} record of this stream view must have ${which}, and it has none`);
  return decodeImage(image, `${where}, ${which}`, schema);
}

/**
 * Decodes one change record as its stream view sends it (see `TableChange`): the record's own
 * `StreamViewType`, which must be one of `views`; a record built without one (by hand) is read
 * by the only view there is. The images are whole items, checked against `schema`; the keys
 * are only part of one, so they are not.
 */
function decodeChange<T, Key extends keyof T, View extends StreamView>(
  record: DynamoDbRecord<T>,
  views: readonly View[],
  schema: StandardSchemaV1<unknown, T> | undefined,
): TableChange<T, Key, View> {
  const where = describeDynamoDb(record);
  const written = record.dynamodb?.StreamViewType;
  const view = written === undefined ? (views.length === 1 ? views[0] : undefined) : viewTypes[written];
  if (view === undefined || !(views as readonly StreamView[]).includes(view)) {
    throw new PayloadDecodeError(where, `expected a record of the stream view ${views.join(' or ')}, got ${written ?? 'none'}`);
  }
  const name = record.eventName;
  if (name === undefined || !changeNames.includes(name)) {
    throw new PayloadDecodeError(where, `expected eventName INSERT, MODIFY or REMOVE, got ${name === undefined ? 'none' : JSON.stringify(name)}`);
  }
  const change = record.dynamodb;
  if (change?.Keys === undefined) throw new PayloadDecodeError(where, 'the record has no Keys');
  const decoded: { eventName: ChangeName; keys: unknown; newImage?: T | undefined; oldImage?: T | undefined } = {
    eventName: name,
    keys: decodeImage(change.Keys as DynamoDbImage<unknown>, `${where}, Keys`),
  };
  if (view === 'new' || view === 'new_and_old') decoded.newImage = name === 'REMOVE' ? undefined : requiredImage(change.NewImage, where, 'NewImage', name, schema);
  if (view === 'old' || view === 'new_and_old') decoded.oldImage = name === 'INSERT' ? undefined : requiredImage(change.OldImage, where, 'OldImage', name, schema);
  return decoded as TableChange<T, Key, View>;
}

export function dynamodbTrigger<T, Key extends keyof T = keyof T, View extends StreamView = 'new_and_old'>(
  options: DynamoDbTriggerOptions<View> & { readonly reportFailures: true },
): DynamoDbTrigger<T, Key, View, DynamoDBBatchResponse>;
export function dynamodbTrigger<T, Key extends keyof T = keyof T, View extends StreamView = 'new_and_old'>(
  options: DynamoDbTriggerOptions<View> & { readonly reportFailures: false },
): DynamoDbTrigger<T, Key, View, void>;
export function dynamodbTrigger<T, Key extends keyof T = keyof T, View extends StreamView = 'new_and_old'>(
  options: DynamoDbTriggerOptions<View>,
): DynamoDbTrigger<T, Key, View, DynamoDBBatchResponse | void> {
  const schema = options.schema as StandardSchemaV1<unknown, T> | undefined;
  const decode = (record: DynamoDbRecord<T>): TableChange<T, Key, View> => decodeChange<T, Key, View>(record, options.views, schema);
  return {
    decode,
    eachChange: (handle, each) => async (event, context) =>
      runBatch(
        {
          records: event.Records,
          idOf: (record) => record.dynamodb?.SequenceNumber ?? '',
          describe: describeDynamoDb,
          handleOne: (record, item) => handle(decode(record), item),
          // The changes of one item (its key) stay in order; DynamoDB keeps them on one shard.
          laneOf: (record) => JSON.stringify(record.dynamodb?.Keys ?? null),
          stopAllOnError: true,
          reportFromFirstFailure: true,
        },
        event,
        context,
        options,
        each,
      ),
  };
}
