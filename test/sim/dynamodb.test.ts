import * as RealDynamoDb from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, test } from 'vitest';
import { SDK_MODULES } from '../../runtime/sim/sdk/modules.js';
import { simulator } from './helpers.js';

// The simulated SDK packages, as a handler bundled by the simulator imports them.
type Send = { send(command: unknown): Promise<Record<string, unknown>> };
type Command = new (input: object) => unknown;
const ddb = SDK_MODULES['@aws-sdk/client-dynamodb'] as Record<'PutItemCommand' | 'QueryCommand', Command> & {
  DynamoDBClient: new () => Send;
  ConditionalCheckFailedException: typeof RealDynamoDb.ConditionalCheckFailedException;
};
const doc = SDK_MODULES['@aws-sdk/lib-dynamodb'] as Record<'PutCommand' | 'GetCommand' | 'UpdateCommand' | 'BatchGetCommand' | 'BatchWriteCommand', Command> & {
  DynamoDBDocumentClient: { from(client: unknown): Send };
};

const FLOW = `app tables
type Order = { customer: string, at: int, total: number }
type Seen = { id: string }
table orders: Order { key = customer, sort = at, stream = new_and_old }
table seen: Seen { key = id }
fn work(Seen) { sends = [orders, seen] }
fn watch(Order)
orders -> watch { start = trim_horizon }
`;

/** Runs `body` as the handler of one invocation and returns what it returned (or throws what it threw). */
async function inSimulation<T>(body: () => Promise<T>) {
  let outcome: { value?: T; error?: unknown } = {};
  const changes: string[] = [];
  const sim = simulator(FLOW, {
    work: async () => {
      try {
        outcome = { value: await body() };
      } catch (error) {
        outcome = { error };
      }
    },
    watch: async (event: { Records: { eventName: string }[] }) => void changes.push(...event.Records.map((r) => r.eventName)),
  });
  sim.inject({ kind: 'invoke', fn: 'work', event: { id: 'x' } });
  await sim.run({ untilMs: 60_000 });
  const items = { orders: sim.tableItems('orders'), seen: sim.tableItems('seen') };
  sim.dispose();
  if (outcome.error !== undefined) throw outcome.error;
  return { value: outcome.value as T, items, changes };
}

const ORDERS = 'tables-orders';
const SEEN = 'tables-seen';

describe('the simulated DynamoDB, through the SDK stand-ins', () => {
  test("a failed condition throws the SDK's own ConditionalCheckFailedException, with the item when ALL_OLD is asked for", async () => {
    const { value } = await inSimulation(async () => {
      const client = new ddb.DynamoDBClient();
      const put = (extra: object) =>
        client.send(new ddb.PutItemCommand({ TableName: SEEN, Item: { id: { S: 'k' }, n: { N: '1' } }, ConditionExpression: 'attribute_not_exists(#id)', ExpressionAttributeNames: { '#id': 'id' }, ...extra }));
      await put({});
      const errors: unknown[] = [];
      for (const extra of [{ ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }, {}]) await put(extra).catch((error: unknown) => errors.push(error));
      return errors;
    });
    const [withItem, without] = value as RealDynamoDb.ConditionalCheckFailedException[];
    expect(withItem).toBeInstanceOf(RealDynamoDb.ConditionalCheckFailedException);
    expect(withItem).toBeInstanceOf(ddb.ConditionalCheckFailedException);
    expect(withItem?.Item).toEqual({ id: { S: 'k' }, n: { N: '1' } });
    expect(withItem?.$fault).toBe('client');
    expect(without).toBeInstanceOf(RealDynamoDb.ConditionalCheckFailedException);
    expect(without?.Item).toBeUndefined();
  });

  test('UpdateItem: SET and REMOVE with a condition, ReturnValues, one stream record per change', async () => {
    const { value, items, changes } = await inSimulation(async () => {
      const client = doc.DynamoDBDocumentClient.from({});
      const key = { customer: 'ada', at: 1 };
      const created = await client.send(
        new doc.UpdateCommand({ TableName: ORDERS, Key: key, UpdateExpression: 'SET #total = if_not_exists(#total, :zero) + :add, note = :note', ExpressionAttributeNames: { '#total': 'total' }, ExpressionAttributeValues: { ':zero': 0, ':add': 5, ':note': 'new' }, ReturnValues: 'ALL_NEW' }),
      );
      const updated = await client.send(
        new doc.UpdateCommand({ TableName: ORDERS, Key: key, UpdateExpression: 'SET #total = #total + :add REMOVE note', ConditionExpression: '#total < :max', ExpressionAttributeNames: { '#total': 'total' }, ExpressionAttributeValues: { ':add': 5, ':max': 100 }, ReturnValues: 'UPDATED_OLD' }),
      );
      const refused = await client
        .send(new doc.UpdateCommand({ TableName: ORDERS, Key: key, UpdateExpression: 'SET #total = :v', ConditionExpression: '#total > :v', ExpressionAttributeNames: { '#total': 'total' }, ExpressionAttributeValues: { ':v': 50 } }))
        .catch((error: Error) => error.name);
      return { created, updated, refused };
    });
    expect(value).toEqual({
      created: { Attributes: { customer: 'ada', at: 1, total: 5, note: 'new' } },
      updated: { Attributes: { total: 5, note: 'new' } },
      refused: 'ConditionalCheckFailedException',
    });
    expect(items.orders).toEqual([{ customer: 'ada', at: 1, total: 10 }]);
    expect(changes).toEqual(['INSERT', 'MODIFY']);
  });

  test('Query by partition key: sort key conditions, order, Limit and LastEvaluatedKey, filters and projections', async () => {
    const { value } = await inSimulation(async () => {
      const client = new ddb.DynamoDBClient();
      for (const [customer, at, total] of [['ada', 3, 30], ['ada', 1, 10], ['ada', 2, 20], ['bob', 1, 99]] as const) {
        await client.send(new ddb.PutItemCommand({ TableName: ORDERS, Item: marshall({ customer, at, total }) }));
      }
      const q = (extra: object) => client.send(new ddb.QueryCommand({ TableName: ORDERS, KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: marshall({ ':c': 'ada' }), ...extra }));
      return {
        all: await q({}),
        backwards: await q({ ScanIndexForward: false, ProjectionExpression: 'at' }),
        page: await q({ Limit: 2 }),
        next: await q({ Limit: 2, ExclusiveStartKey: marshall({ customer: 'ada', at: 2 }) }),
        range: await q({ KeyConditionExpression: 'customer = :c AND #at BETWEEN :lo AND :hi', ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: marshall({ ':c': 'ada', ':lo': 2, ':hi': 3 }), Select: 'COUNT' }),
        filtered: await q({ FilterExpression: '#total > :min', ExpressionAttributeNames: { '#total': 'total' }, ExpressionAttributeValues: marshall({ ':c': 'ada', ':min': 15 }), Limit: 2 }),
        refused: await q({ KeyConditionExpression: 'total = :c' }).catch((error: Error) => `${error.name}: ${error.message}`),
      };
    });
    const ats = (output: Record<string, unknown>) => (output.Items as { at: { N: string } }[]).map((item) => Number(item.at.N));
    expect(ats(value.all)).toEqual([1, 2, 3]);
    expect(value.all).toMatchObject({ Count: 3, ScannedCount: 3 });
    expect(value.backwards.Items).toEqual([{ at: { N: '3' } }, { at: { N: '2' } }, { at: { N: '1' } }]);
    expect(ats(value.page)).toEqual([1, 2]);
    expect(value.page.LastEvaluatedKey).toEqual(marshall({ customer: 'ada', at: 2 }));
    expect(ats(value.next)).toEqual([3]);
    expect(value.next.LastEvaluatedKey).toBeUndefined();
    expect(value.range).toEqual({ Count: 2, ScannedCount: 2 });
    // Limit counts items read before the filter.
    expect(value.filtered).toMatchObject({ Count: 1, ScannedCount: 2 });
    expect(value.refused).toMatch(/^ValidationException: Query key condition not supported/);
  });

  test('BatchWriteItem and BatchGetItem, and the limits and duplicates DynamoDB refuses', async () => {
    const { value, items } = await inSimulation(async () => {
      const client = doc.DynamoDBDocumentClient.from({});
      await client.send(new doc.BatchWriteCommand({ RequestItems: { [SEEN]: [{ PutRequest: { Item: { id: 'a' } } }, { PutRequest: { Item: { id: 'b' } } }, { PutRequest: { Item: { id: 'c' } } }] } }));
      const written = await client.send(new doc.BatchWriteCommand({ RequestItems: { [SEEN]: [{ DeleteRequest: { Key: { id: 'c' } } }] } }));
      const read = await client.send(new doc.BatchGetCommand({ RequestItems: { [SEEN]: { Keys: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] } } }));
      const duplicate = await client.send(new doc.BatchGetCommand({ RequestItems: { [SEEN]: { Keys: [{ id: 'a' }, { id: 'a' }] } } })).catch((error: Error) => error.message);
      const tooMany = await client
        .send(new doc.BatchWriteCommand({ RequestItems: { [SEEN]: Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: { id: `n${i}` } } })) } }))
        .catch((error: Error) => error.message);
      return { written, read, duplicate, tooMany };
    });
    expect(value.written).toEqual({ UnprocessedItems: {} });
    expect(value.read).toEqual({ Responses: { [SEEN]: [{ id: 'a' }, { id: 'b' }] }, UnprocessedKeys: {} });
    expect(value.duplicate).toBe('Provided list of item keys contains duplicates');
    expect(value.tooMany).toMatch(/Too many items in the BatchWriteItem request/);
    expect(items.seen).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  test('keys are checked against the table: missing, of the wrong type, or extra attributes', async () => {
    const { value } = await inSimulation(async () => {
      const client = doc.DynamoDBDocumentClient.from({});
      const reason = (command: unknown) => client.send(command).then(() => 'accepted', (error: Error) => error.message);
      return [
        await reason(new doc.PutCommand({ TableName: ORDERS, Item: { customer: 'ada' } })),
        await reason(new doc.GetCommand({ TableName: ORDERS, Key: { customer: 'ada', at: '1' } })),
        await reason(new doc.GetCommand({ TableName: ORDERS, Key: { customer: 'ada', at: 1, total: 3 } })),
        await reason(new doc.PutCommand({ TableName: SEEN, Item: { id: 'k' }, ExpressionAttributeNames: { '#unused': 'x' } })),
      ];
    });
    expect(value).toEqual([
      'One or more parameter values were invalid: Missing the key at in the item',
      'One or more parameter values were invalid: Type mismatch for key at expected: N actual: S',
      'The provided key element does not match the schema',
      'Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}',
    ]);
  });
});
