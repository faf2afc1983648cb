import type { FlowManifest, S3EventType } from '../manifest/schema.js';
import type { Addresses } from './addresses.js';
import type { Clock } from './clock.js';
import type { Action, Priority } from './event-queue.js';
import type { InvocationObservation } from './invocation.js';
import type { ResolvedOptions } from './options.js';
import type { Rng } from './rng.js';
import type { Stats } from './stats.js';
import type { TraceRecorder } from './trace.js';

/**
 * What every service sees: the clock, the agenda, the seed's PRNG, the trace, and the Router —
 * the AWS API surface of the other services. A service never reaches into another one: it
 * calls the Router (which accepts or refuses at once, as the AWS API does) and everything that
 * follows is scheduled on the agenda.
 */
export interface World {
  readonly manifest: FlowManifest;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly trace: TraceRecorder;
  /** Who hears of invocations, their outcomes and what follows them (`Simulator.observeInvocations`). */
  readonly observation: InvocationObservation;
  readonly options: ResolvedOptions;
  readonly addresses: Addresses;
  readonly stats: Stats;
  readonly router: Router;
  schedule(atMs: number, priority: Priority, action: Action): void;
  /**
   * Counts one step toward the event limit (an agenda event, or an invocation — a poller may
   * run many in one event); throws SimulationLimitError past it.
   */
  step(): void;
  /** Unix milliseconds of virtual time `ms` (default: now). */
  epochMs(ms?: number): number;
}

export interface MessageAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: Uint8Array;
}

export interface QueueSendInput {
  /** The body, already serialised. */
  readonly body: string;
  readonly groupId?: string | undefined;
  readonly deduplicationId?: string | undefined;
  /** Per-message delay (standard queues only). */
  readonly delaySeconds?: number | undefined;
  readonly attributes?: Readonly<Record<string, MessageAttributeValue>> | undefined;
  /** Who sent it, for the trace: `charge.success`, `handler watch`, `events.json`. */
  readonly from: string;
  /** What the trace says it is, instead of a preview of the body (for records AWS makes). */
  readonly label?: string | undefined;
}

export interface QueueSendResult {
  readonly messageId: string;
  /** MD5 of the body (`MD5OfMessageBody`). */
  readonly md5OfBody: string;
  /** FIFO queues only. */
  readonly sequenceNumber?: string;
  /** True when a FIFO queue dropped it as a duplicate (the send still succeeds, as on AWS). */
  readonly duplicate: boolean;
}

export interface PublishInput {
  readonly message: string;
  readonly subject?: string | undefined;
  readonly groupId?: string | undefined;
  readonly deduplicationId?: string | undefined;
  readonly attributes?: Readonly<Record<string, MessageAttributeValue>> | undefined;
  readonly from: string;
  readonly label?: string | undefined;
}

export interface PublishResult {
  readonly messageId: string;
  readonly sequenceNumber?: string;
  readonly duplicate: boolean;
}

export interface BusEntry {
  readonly source: string;
  readonly detailType: string;
  readonly detail: unknown;
  readonly resources?: readonly string[];
  readonly from: string;
  readonly label?: string | undefined;
}

export interface RecordPutInput {
  /** The record data: bytes (base64 in the Lambda event). */
  readonly data: Uint8Array;
  readonly partitionKey: string;
  readonly explicitHashKey?: string | undefined;
  readonly from: string;
}

export interface RecordPutResult {
  readonly shardId: string;
  readonly sequenceNumber: string;
}

export type TableWrite =
  | { readonly kind: 'put'; readonly item: Readonly<Record<string, unknown>> }
  | { readonly kind: 'delete'; readonly key: Readonly<Record<string, unknown>> };

export interface TableWriteResult {
  /** The item before the write, if there was one. */
  readonly old: Readonly<Record<string, unknown>> | undefined;
}

export interface ObjectPutInput {
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType?: string | undefined;
  readonly metadata?: Readonly<Record<string, string>> | undefined;
  /** The event it notifies (default `s3:ObjectCreated:Put`; events.json may say `copy`, `post`, `multipart`). */
  readonly eventType?: S3EventType | undefined;
  readonly from: string;
  readonly label?: string | undefined;
}

export interface ObjectPutResult {
  readonly etag: string;
  readonly versionId?: string;
}

/** An object of a simulated bucket. */
export interface StoredObject {
  readonly key: string;
  readonly body: Uint8Array;
  /** Quoted, as S3 returns it. */
  readonly etag: string;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly versionId: string | undefined;
  readonly lastModifiedMs: number;
}

/** The AWS API of the simulated resources, by manifest name. Throws AwsServiceError like AWS. */
/** An HTTP request to an api: its method, path and query string, headers, and body text. */
export interface HttpRequestInput {
  readonly method: string;
  readonly path: string;
  /** Without the `?`; empty for none. */
  readonly query: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
}

/** An HTTP response: header names in lower case, the body parsed when it is JSON. */
export interface HttpResponseOutput {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The body as sent. */
  readonly rawBody: string | undefined;
}

export interface Router {
  sendMessage(queue: string, input: QueueSendInput): QueueSendResult;
  publish(topic: string, input: PublishInput): PublishResult;
  putEvent(bus: string, entry: BusEntry): string;
  putRecord(stream: string, input: RecordPutInput): RecordPutResult;
  writeItem(table: string, write: TableWrite, from: string): TableWriteResult;
  getItem(table: string, key: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> | undefined;
  /** Every item of a table (for Query), in no particular order; callers must not change them. */
  tableItems(table: string): readonly Readonly<Record<string, unknown>>[];
  putObject(bucket: string, input: ObjectPutInput): ObjectPutResult;
  getObject(bucket: string, key: string): StoredObject | undefined;
  deleteObject(bucket: string, key: string, from: string): void;
  /** ListObjectsV2: `next` is the key to list after for the next page. */
  listObjects(bucket: string, options: { readonly prefix: string; readonly after: string | undefined; readonly max: number }): { readonly objects: readonly StoredObject[]; readonly next: string | undefined };
  /** Asynchronous invocation (`InvocationType: Event`): queued, retried, destinations apply. */
  invokeAsync(fn: string, event: unknown, from: string, mode?: AsyncMode): string;
  /** An HTTP request to an api, answered (`answered`) when its function's synchronous invocation ends. */
  request(api: string, input: HttpRequestInput, from: string, answered?: (response: HttpResponseOutput) => void): void;
}

/** `once`: a single attempt and no destinations (a destination function under `destinationFunctionInvocation: sync`). */
export type AsyncMode = 'async' | 'once';
