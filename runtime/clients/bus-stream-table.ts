/**
 * Typed clients for the buses, streams and tables a function `sends` to.
 */
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { appName, targetAddress } from './address.js';
import { idFromField } from './field-path.js';
import { dynamoDbSdk, eventBridgeSdk, kinesisSdk } from './sdk.js';

export interface BusClient<T> {
  /**
   * PutEvents with `detail` as the event's detail and the app name as its `source` (what the
   * flow's rules for the app's own events match). `detailType` defaults to the bus's.
   */
  put(detail: T, options?: { readonly detailType?: string; readonly resources?: readonly string[] }): Promise<{ readonly eventId: string }>;
}

/** `detailType`: the default `detail-type` of the events (the flow type of the bus, or its name). */
export function busClient<T>(target: { readonly name: string; readonly detailType: string }): BusClient<T> {
  return {
    put: async (detail, options) => {
      const { client, module } = await eventBridgeSdk();
      const entry = {
        EventBusName: targetAddress('bus', target.name),
        Source: appName(),
        DetailType: options?.detailType ?? target.detailType,
        Detail: JSON.stringify(detail),
        ...(options?.resources === undefined ? {} : { Resources: [...options.resources] }),
      };
      const output = await client.send(new module.PutEventsCommand({ Entries: [entry] }));
      const result = output.Entries?.[0];
      // PutEvents answers 200 even when the entry was rejected; the reason is in the entry.
      if ((output.FailedEntryCount ?? 0) > 0 || result?.EventId === undefined) {
        throw new Error(`EventBridge rejected the event for bus \`${target.name}\`: ${result?.ErrorCode ?? 'no event id'} ${result?.ErrorMessage ?? ''}`.trim());
      }
      return { eventId: result.EventId };
    },
  };
}

export type StreamPutArgs<NeedsKey extends boolean> = NeedsKey extends true
  ? [options: { readonly partitionKey: string }]
  : [options?: { readonly partitionKey?: string }];

export interface StreamClient<T, NeedsKey extends boolean> {
  /** PutRecord with the JSON of `record`; the partition key comes from the field the stream declares (`partition = …`) unless given. */
  put(record: T, ...options: StreamPutArgs<NeedsKey>): Promise<{ readonly shardId: string; readonly sequenceNumber: string }>;
}

export function streamClient<T, NeedsKey extends boolean>(target: { readonly name: string; readonly partitionKey: readonly string[] | null }): StreamClient<T, NeedsKey> {
  return {
    put: async (record, ...[options]) => {
      const key = options?.partitionKey ?? (target.partitionKey === null ? undefined : idFromField(record, target.partitionKey, 'partition key'));
      if (key === undefined) throw new TypeError(`stream \`${target.name}\` declares no partition field: pass \`partitionKey\``);
      const { client, module } = await kinesisSdk();
      const output = await client.send(
        new module.PutRecordCommand({ StreamName: targetAddress('stream', target.name), Data: new TextEncoder().encode(JSON.stringify(record)), PartitionKey: key }),
      );
      return { shardId: output.ShardId ?? '', sequenceNumber: output.SequenceNumber ?? '' };
    },
  };
}

/** The key attributes of an item: the table's partition key and sort key. */
export type TableKeyOf<T, Key extends string> = { readonly [K in Key]: K extends keyof T ? T[K] : string | number };

export interface TableClient<T, Key extends string> {
  /** PutItem: writes the whole item, replacing one with the same key. */
  put(item: T): Promise<void>;
  /** GetItem (strongly consistent): the item with this key, or undefined. */
  get(key: TableKeyOf<T, Key>): Promise<T | undefined>;
  /** DeleteItem: removes the item with this key, if any. */
  delete(key: TableKeyOf<T, Key>): Promise<void>;
}

const marshallOptions = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;

export function tableClient<T, Key extends string>(target: { readonly name: string }): TableClient<T, Key> {
  const tableName = (): string => targetAddress('table', target.name);
  return {
    put: async (item) => {
      const { client, module } = await dynamoDbSdk();
      await client.send(new module.PutItemCommand({ TableName: tableName(), Item: marshall(item as Record<string, unknown>, marshallOptions) }));
    },
    get: async (key) => {
      const { client, module } = await dynamoDbSdk();
      const output = await client.send(new module.GetItemCommand({ TableName: tableName(), Key: marshall(key, marshallOptions), ConsistentRead: true }));
      return output.Item === undefined ? undefined : (unmarshall(output.Item) as T);
    },
    delete: async (key) => {
      const { client, module } = await dynamoDbSdk();
      await client.send(new module.DeleteItemCommand({ TableName: tableName(), Key: marshall(key, marshallOptions) }));
    },
  };
}
