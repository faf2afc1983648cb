/**
 * Typed clients for the buses and streams a function `sends` to (tables: table.ts). Batch puts
 * (PutEvents with several entries, PutRecords) split the entries into requests AWS accepts and
 * throw a `BatchSendError` naming every entry that was not put (batches.ts).
 */
import { eventBridge, kinesis } from '../aws/limits.js';
import { appName, targetAddress } from './address.js';
import { sendInBatches, utf8Bytes } from './batches.js';
import { idFromField } from './field-path.js';
import { eventBridgeSdk, kinesisSdk } from './sdk.js';

export interface BusEntryOptions {
  /** The event's `detail-type` (default: the bus's). */
  readonly detailType?: string;
  readonly resources?: readonly string[];
}

export interface BusBatchEntry<T> extends BusEntryOptions {
  readonly detail: T;
}

export interface BusClient<T> {
  /**
   * PutEvents with `detail` as the event's detail and the app name as its `source` (what the
   * flow's rules for the app's own events match). `detailType` defaults to the bus's.
   */
  put(detail: T, options?: BusEntryOptions): Promise<{ readonly eventId: string }>;
  /** PutEvents with 10 entries per request; throws `BatchSendError` for the entries EventBridge refused. */
  putBatch(entries: readonly BusBatchEntry<T>[]): Promise<{ readonly eventId: string }[]>;
}

interface BusEntry {
  readonly EventBusName: string;
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly Resources?: string[];
}

/** An entry's size as EventBridge counts it: Source, DetailType, Detail and each resource, in UTF-8 bytes. */
function busEntryBytes(entry: BusEntry): number {
  return utf8Bytes(entry.Source) + utf8Bytes(entry.DetailType) + utf8Bytes(entry.Detail) + (entry.Resources ?? []).reduce((sum, r) => sum + utf8Bytes(r), 0);
}

/** `detailType`: the default `detail-type` of the events (the flow type of the bus, or its name). */
export function busClient<T>(target: { readonly name: string; readonly detailType: string }): BusClient<T> {
  const entryOf = (detail: T, options: BusEntryOptions | undefined): BusEntry => ({
    EventBusName: targetAddress('bus', target.name),
    Source: appName(),
    DetailType: options?.detailType ?? target.detailType,
    Detail: JSON.stringify(detail),
    ...(options?.resources === undefined ? {} : { Resources: [...options.resources] }),
  });
  const putEntries = async (entries: readonly BusEntry[]) => {
    const { client, module } = await eventBridgeSdk();
    const output = await client.send(new module.PutEventsCommand({ Entries: [...entries] }));
    // PutEvents answers 200 even when entries were rejected; each one's reason is in its result.
    return entries.map((_, i) => {
      const result = output.Entries?.[i];
      return result?.EventId !== undefined
        ? { ok: { eventId: result.EventId } }
        : { code: result?.ErrorCode ?? 'NoResult', message: result?.ErrorMessage ?? 'EventBridge returned no event id', senderFault: result?.ErrorCode !== 'InternalFailure' && result?.ErrorCode !== 'ThrottlingException' };
    });
  };
  return {
    put: async (detail, options) => {
      const [outcome] = await putEntries([entryOf(detail, options)]);
      if (outcome === undefined || !('ok' in outcome)) {
        throw new Error(`EventBridge rejected the event for bus \`${target.name}\`: ${outcome?.code ?? 'no event id'} ${outcome?.message ?? ''}`.trim());
      }
      return outcome.ok;
    },
    putBatch: async (entries) =>
      sendInBatches(
        entries,
        (e) => entryOf(e.detail, e),
        { target: `bus \`${target.name}\``, maxEntries: eventBridge.putEventsEntriesMax, maxBytes: eventBridge.eventBytesMax, sizeOf: busEntryBytes, ordered: false },
        putEntries,
      ),
  };
}

export type StreamPutArgs<NeedsKey extends boolean> = NeedsKey extends true
  ? [options: { readonly partitionKey: string }]
  : [options?: { readonly partitionKey?: string }];

/** One record of a batch put, with its partition key when the stream declares no `partition = …`. */
export type StreamBatchEntry<T, NeedsKey extends boolean> = { readonly record: T } & (NeedsKey extends true ? { readonly partitionKey: string } : { readonly partitionKey?: string });

export interface PutRecordResult {
  readonly shardId: string;
  readonly sequenceNumber: string;
}

export interface StreamClient<T, NeedsKey extends boolean> {
  /** PutRecord with the JSON of `record`; the partition key comes from the field the stream declares (`partition = …`) unless given. */
  put(record: T, ...options: StreamPutArgs<NeedsKey>): Promise<PutRecordResult>;
  /**
   * PutRecords, 500 records (and at most 5 MiB) per request; throws `BatchSendError` for the
   * records Kinesis refused. PutRecords does not keep the order of records: use `put` where
   * the order of one partition key's records matters.
   */
  putBatch(entries: readonly StreamBatchEntry<T, NeedsKey>[]): Promise<PutRecordResult[]>;
}

export function streamClient<T, NeedsKey extends boolean>(target: { readonly name: string; readonly partitionKey: readonly string[] | null }): StreamClient<T, NeedsKey> {
  const keyOf = (record: T, given: string | undefined): string => {
    const key = given ?? (target.partitionKey === null ? undefined : idFromField(record, target.partitionKey, 'partition key'));
    if (key === undefined) throw new TypeError(`stream \`${target.name}\` declares no partition field: pass \`partitionKey\``);
    return key;
  };
  return {
    put: async (record, ...[options]) => {
      const key = keyOf(record, options?.partitionKey);
      const { client, module } = await kinesisSdk();
      const output = await client.send(
        new module.PutRecordCommand({ StreamName: targetAddress('stream', target.name), Data: new TextEncoder().encode(JSON.stringify(record)), PartitionKey: key }),
      );
      return { shardId: output.ShardId ?? '', sequenceNumber: output.SequenceNumber ?? '' };
    },
    putBatch: async (entries) =>
      sendInBatches(
        entries,
        (e) => ({ Data: new TextEncoder().encode(JSON.stringify(e.record)), PartitionKey: keyOf(e.record, e.partitionKey) }),
        { target: `stream \`${target.name}\``, maxEntries: kinesis.putRecordsMax, maxBytes: kinesis.putRecordsBytesMax, sizeOf: (r) => r.Data.length + utf8Bytes(r.PartitionKey), ordered: false },
        async (chunk) => {
          const { client, module } = await kinesisSdk();
          const output = await client.send(new module.PutRecordsCommand({ StreamName: targetAddress('stream', target.name), Records: [...chunk] }));
          return chunk.map((_, i) => {
            const result = output.Records?.[i];
            return result?.SequenceNumber !== undefined
              ? { ok: { shardId: result.ShardId ?? '', sequenceNumber: result.SequenceNumber } }
              : { code: result?.ErrorCode ?? 'NoResult', message: result?.ErrorMessage ?? 'Kinesis returned no sequence number', senderFault: false };
          });
        },
      ),
  };
}
