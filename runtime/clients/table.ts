/**
 * The typed client of a table a function `sends` to: items are the table's flow type, keys its
 * `key` and `sort` fields. Beyond PutItem, GetItem and DeleteItem: Query by partition key (with
 * a condition on the sort key), UpdateItem of fields (an item must exist: the update never
 * creates an item that lacks the type's fields), and BatchGetItem / BatchWriteItem, which retry
 * what DynamoDB leaves unprocessed and report what still is.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamodb } from '../aws/limits.js';
import { targetAddress } from './address.js';
import { BatchSendError, type BatchFailure } from './batches.js';
import { dynamoDbSdk } from './sdk.js';

/** The key attributes of an item: the table's partition key and sort key. */
export type TableKeyOf<T, Key extends string> = { readonly [K in Key]: K extends keyof T ? T[K] : string | number };

type ValueOf<T, K extends string> = K extends keyof T ? T[K] : string | number;

/** A condition on the sort key of a query. */
export type SortKeyCondition<V> =
  | { readonly equals: V }
  | { readonly lessThan: V }
  | { readonly atMost: V }
  | { readonly greaterThan: V }
  | { readonly atLeast: V }
  | { readonly between: readonly [low: V, high: V] }
  | (V extends string ? { readonly beginsWith: string } : never);

export interface QueryOptions<T, PartitionKey extends string, SortKey extends string> {
  /** Only items whose sort key meets this (a table without a sort key has none). */
  readonly sortKey?: [SortKey] extends [never] ? never : SortKeyCondition<ValueOf<T, SortKey>>;
  /** Highest sort key first (ScanIndexForward false). */
  readonly descending?: boolean;
  /** At most this many items in the page. */
  readonly limit?: number;
  /** Continue after this key: the `next` of the previous page. */
  readonly startAfter?: TableKeyOf<T, PartitionKey | SortKey> | undefined;
}

export interface QueryPage<T, Key extends string> {
  readonly items: T[];
  /** Where the next page starts (pass it as `startAfter`); absent on the last page. */
  readonly next?: TableKeyOf<T, Key>;
}

type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];
type NumberKeys<T> = { [K in keyof T]-?: NonNullable<T[K]> extends number ? K : never }[keyof T];

/** What an update changes: fields set to values, optional fields removed, number fields added to. Key fields cannot change. */
export interface TableUpdate<T, Key extends string> {
  readonly set?: Partial<Omit<T, Key>>;
  readonly remove?: readonly (OptionalKeys<Omit<T, Key>> & string)[];
  readonly add?: { readonly [K in NumberKeys<Omit<T, Key>> & string]?: number };
}

export interface TableClient<T, PartitionKey extends string, SortKey extends string = never> {
  /** PutItem: writes the whole item, replacing one with the same key. */
  put(item: T): Promise<void>;
  /** GetItem (strongly consistent): the item with this key, or undefined. */
  get(key: TableKeyOf<T, PartitionKey | SortKey>): Promise<T | undefined>;
  /** DeleteItem: removes the item with this key, if any. */
  delete(key: TableKeyOf<T, PartitionKey | SortKey>): Promise<void>;
  /** Query: the items of one partition key, in sort-key order; one page (DynamoDB reads at most 1 MB per call). */
  query(partition: ValueOf<T, PartitionKey>, options?: QueryOptions<T, PartitionKey, SortKey>): Promise<QueryPage<T, PartitionKey | SortKey>>;
  /** UpdateItem of the item with this key: its new value, or undefined when there is no such item (nothing is created). */
  update(key: TableKeyOf<T, PartitionKey | SortKey>, changes: TableUpdate<T, PartitionKey | SortKey>): Promise<T | undefined>;
  /** BatchGetItem (strongly consistent), 100 keys per request: the item of each key, in the order of the keys. */
  getMany(keys: readonly TableKeyOf<T, PartitionKey | SortKey>[]): Promise<(T | undefined)[]>;
  /** BatchWriteItem of puts, 25 per request; throws `BatchSendError` for items DynamoDB still left unprocessed after retries. */
  putMany(items: readonly T[]): Promise<void>;
  /** BatchWriteItem of deletes, 25 per request; as `putMany`. */
  deleteMany(keys: readonly TableKeyOf<T, PartitionKey | SortKey>[]): Promise<void>;
}

const marshallOptions = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;

/** Waits before retrying what a batch call left unprocessed, as AWS advises: exponential backoff. */
const RETRY_DELAYS_MS = [50, 100, 200, 400];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function marshalled(value: Readonly<Record<string, unknown>>): Record<string, AttributeValue> {
  return marshall(value, marshallOptions);
}

function sortKeyExpression(condition: SortKeyCondition<string>, values: Record<string, unknown>): string {
  if ('equals' in condition) return (values[':sk'] = condition.equals), '#sk = :sk';
  if ('lessThan' in condition) return (values[':sk'] = condition.lessThan), '#sk < :sk';
  if ('atMost' in condition) return (values[':sk'] = condition.atMost), '#sk <= :sk';
  if ('greaterThan' in condition) return (values[':sk'] = condition.greaterThan), '#sk > :sk';
  if ('atLeast' in condition) return (values[':sk'] = condition.atLeast), '#sk >= :sk';
  if ('between' in condition) return (values[':lo'] = condition.between[0]), (values[':hi'] = condition.between[1]), '#sk BETWEEN :lo AND :hi';
  return (values[':sk'] = condition.beginsWith), 'begins_with(#sk, :sk)';
}

/** The parts of an UpdateItem for `changes`, with a placeholder for every name and value. */
function updateExpression(changes: TableUpdate<unknown, string>): { expression: string; names: Record<string, string>; values: Record<string, unknown> } {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const clauses: string[] = [];
  const name = (attribute: string) => {
    const placeholder = `#a${Object.keys(names).length}`;
    names[placeholder] = attribute;
    return placeholder;
  };
  const value = (v: unknown) => {
    const placeholder = `:v${Object.keys(values).length}`;
    values[placeholder] = v;
    return placeholder;
  };
  const set = Object.entries(changes.set ?? {}).filter(([, v]) => v !== undefined);
  if (set.length > 0) clauses.push(`SET ${set.map(([attribute, v]) => `${name(attribute)} = ${value(v)}`).join(', ')}`);
  if ((changes.remove ?? []).length > 0) clauses.push(`REMOVE ${(changes.remove ?? []).map(name).join(', ')}`);
  const add = Object.entries(changes.add ?? {}).filter(([, v]) => v !== undefined);
  if (add.length > 0) clauses.push(`ADD ${add.map(([attribute, v]) => `${name(attribute)} ${value(v)}`).join(', ')}`);
  return { expression: clauses.join(' '), names, values };
}

export function tableClient<T, PartitionKey extends string, SortKey extends string = never>(target: {
  readonly name: string;
  readonly partitionKey: PartitionKey;
  readonly sortKey: SortKey | null;
}): TableClient<T, PartitionKey, SortKey> {
  type Key = TableKeyOf<T, PartitionKey | SortKey>;
  const tableName = (): string => targetAddress('table', target.name);
  const keyId = (key: Readonly<Record<string, unknown>>) => JSON.stringify([key[target.partitionKey], target.sortKey === null ? null : key[target.sortKey]]);

  /** BatchWriteItem of one request per entry, retrying unprocessed ones; the entries still unprocessed at the end are failures. */
  async function writeMany<Entry>(entries: readonly Entry[], keyOf: (entry: Entry) => Readonly<Record<string, unknown>>, request: (entry: Entry) => Record<string, unknown>, what: string): Promise<void> {
    const failed: BatchFailure<Entry>[] = [];
    for (let start = 0; start < entries.length; start += dynamodb.batchWriteRequestsMax) {
      // Unprocessed requests come back as they were sent: they are matched to entries by key.
      let pending = entries.slice(start, start + dynamodb.batchWriteRequestsMax).map((entry, i) => ({ entry, index: start + i, id: keyId(keyOf(entry)) }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        const { client, module } = await dynamoDbSdk();
        const output = await client.send(new module.BatchWriteItemCommand({ RequestItems: { [tableName()]: pending.map((p) => request(p.entry)) } }));
        const left = new Set((output.UnprocessedItems?.[tableName()] ?? []).map((r) => keyId(unmarshall(r.PutRequest?.Item ?? r.DeleteRequest?.Key ?? {}))));
        pending = pending.filter((p) => left.has(p.id));
        if (pending.length === 0) break;
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined) {
          for (const { entry, index } of pending) failed.push({ index, entry, code: 'Unprocessed', message: `DynamoDB left the ${what} unprocessed after ${RETRY_DELAYS_MS.length} retries`, senderFault: false });
          break;
        }
        await sleep(delay);
      }
    }
    if (failed.length === 0) return;
    const failedIndexes = new Set(failed.map((f) => f.index));
    const written = new Map<number, undefined>(entries.map((_, i) => i).filter((i) => !failedIndexes.has(i)).map((i) => [i, undefined]));
    throw new BatchSendError(`table \`${target.name}\``, written, failed);
  }

  return {
    put: async (item) => {
      const { client, module } = await dynamoDbSdk();
      await client.send(new module.PutItemCommand({ TableName: tableName(), Item: marshalled(item as Record<string, unknown>) }));
    },
    get: async (key) => {
      const { client, module } = await dynamoDbSdk();
      const output = await client.send(new module.GetItemCommand({ TableName: tableName(), Key: marshalled(key), ConsistentRead: true }));
      return output.Item === undefined ? undefined : (unmarshall(output.Item) as T);
    },
    delete: async (key) => {
      const { client, module } = await dynamoDbSdk();
      await client.send(new module.DeleteItemCommand({ TableName: tableName(), Key: marshalled(key) }));
    },
    query: async (partition, options) => {
      const names: Record<string, string> = { '#pk': target.partitionKey };
      const values: Record<string, unknown> = { ':pk': partition };
      let condition = '#pk = :pk';
      if (options?.sortKey !== undefined) {
        if (target.sortKey === null) throw new TypeError(`table \`${target.name}\` has no sort key to query by`);
        names['#sk'] = target.sortKey;
        condition += ` AND ${sortKeyExpression(options.sortKey as SortKeyCondition<string>, values)}`;
      }
      const { client, module } = await dynamoDbSdk();
      const output = await client.send(
        new module.QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: marshalled(values),
          ConsistentRead: true,
          ...(options?.descending === true ? { ScanIndexForward: false } : {}),
          ...(options?.limit === undefined ? {} : { Limit: options.limit }),
          ...(options?.startAfter === undefined ? {} : { ExclusiveStartKey: marshalled(options.startAfter) }),
        }),
      );
      const items = (output.Items ?? []).map((item) => unmarshall(item) as T);
      return output.LastEvaluatedKey === undefined ? { items } : { items, next: unmarshall(output.LastEvaluatedKey) as Key };
    },
    update: async (key, changes) => {
      const { expression, names, values } = updateExpression(changes as TableUpdate<unknown, string>);
      if (expression === '') throw new TypeError(`an update of table \`${target.name}\` must set, remove or add something`);
      const { client, module } = await dynamoDbSdk();
      try {
        const output = await client.send(
          new module.UpdateItemCommand({
            TableName: tableName(),
            Key: marshalled(key),
            UpdateExpression: expression,
            // Only an existing item: an update never makes an item without the type's fields.
            ConditionExpression: 'attribute_exists(#key)',
            ExpressionAttributeNames: { ...names, '#key': target.partitionKey },
            ...(Object.keys(values).length === 0 ? {} : { ExpressionAttributeValues: marshalled(values) }),
            ReturnValues: 'ALL_NEW',
          }),
        );
        return output.Attributes === undefined ? undefined : (unmarshall(output.Attributes) as T);
      } catch (error) {
        if (error instanceof module.ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },
    getMany: async (keys) => {
      const unique = new Map(keys.map((key) => [keyId(key), key]));
      const found = new Map<string, T>();
      const all = [...unique.values()];
      for (let start = 0; start < all.length; start += dynamodb.batchGetKeysMax) {
        let pending = all.slice(start, start + dynamodb.batchGetKeysMax).map((key) => marshalled(key));
        for (let attempt = 0; pending.length > 0; attempt++) {
          const { client, module } = await dynamoDbSdk();
          const output = await client.send(new module.BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true } } }));
          for (const item of output.Responses?.[tableName()] ?? []) {
            const plain = unmarshall(item);
            found.set(keyId(plain), plain as T);
          }
          pending = output.UnprocessedKeys?.[tableName()]?.Keys ?? [];
          if (pending.length === 0) break;
          const delay = RETRY_DELAYS_MS[attempt];
          if (delay === undefined) throw new Error(`DynamoDB left ${pending.length} keys of table \`${target.name}\` unprocessed after ${RETRY_DELAYS_MS.length} retries`);
          await sleep(delay);
        }
      }
      return keys.map((key) => found.get(keyId(key)));
    },
    putMany: (items) => writeMany(items, (item) => item as Record<string, unknown>, (item) => ({ PutRequest: { Item: marshalled(item as Record<string, unknown>) } }), 'put'),
    deleteMany: (keys) => writeMany(keys, (key) => key, (key) => ({ DeleteRequest: { Key: marshalled(key) } }), 'delete'),
  };
}
