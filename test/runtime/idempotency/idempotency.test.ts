import { ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dynamoDbIdempotencyStore } from '../../../runtime/idempotency/dynamodb-store.js';
import { DuplicateInProgressError, idempotency } from '../../../runtime/idempotency/idempotency.js';
import { MemoryIdempotencyStore } from '../../../runtime/idempotency/store.js';

/** A clock the test moves by hand, in milliseconds. */
function manualClock(start = 1_700_000_000_000) {
  const clock = { now: start, advanceSeconds: (s: number) => void (clock.now += s * 1000) };
  return clock;
}

describe('idempotency with the memory store', () => {
  it('runs the work once per key; a redelivery gets the stored result', async () => {
    const clock = manualClock();
    const once = idempotency({ store: new MemoryIdempotencyStore(), now: () => clock.now });
    let runs = 0;
    const post = () => once.once('transfer:t1', async () => ({ balance: 100 + ++runs }));
    expect(await post()).toEqual({ balance: 101 });
    expect(await post()).toEqual({ balance: 101 });
    expect(runs).toBe(1);
    expect(await once.once('transfer:t2', async () => 'other')).toBe('other');
  });

  it('keeps a result for ttlSeconds, then runs again', async () => {
    const clock = manualClock();
    const once = idempotency({ store: new MemoryIdempotencyStore(), ttlSeconds: 60, now: () => clock.now });
    let runs = 0;
    await once.once('k', async () => ++runs);
    clock.advanceSeconds(59);
    expect(await once.once('k', async () => ++runs)).toBe(1);
    clock.advanceSeconds(1);
    expect(await once.once('k', async () => ++runs)).toBe(2);
  });

  it('releases the key when the work fails, so the retry runs', async () => {
    const once = idempotency({ store: new MemoryIdempotencyStore() });
    await expect(once.once('k', async () => Promise.reject(new Error('card declined')))).rejects.toThrow('card declined');
    expect(await once.once('k', async () => 'charged')).toBe('charged');
  });

  it('fails a delivery that arrives while another runs, until the lock expires', async () => {
    const clock = manualClock();
    const store = new MemoryIdempotencyStore();
    const once = idempotency({ store, lockSeconds: 30, now: () => clock.now });
    let release!: () => void;
    const first = once.once('k', () => new Promise<string>((resolve) => (release = () => resolve('first'))));
    await expect(once.once('k', async () => 'second')).rejects.toThrow(DuplicateInProgressError);
    clock.advanceSeconds(31);
    expect(await once.once('k', async () => 'taken over')).toBe('taken over');
    release();
    expect(await first).toBe('first');
  });

  it('returns undefined results as undefined', async () => {
    const once = idempotency({ store: new MemoryIdempotencyStore() });
    await once.once('k', async () => undefined);
    expect(await once.once('k', async () => 'never')).toBeUndefined();
  });
});

describe('the DynamoDB store', () => {
  const dynamodb = mockClient(DynamoDBClient);
  beforeEach(() => {
    dynamodb.reset();
    process.env.FLOWC_TABLE_SEEN = 'ledger-seen';
  });
  afterEach(() => {
    delete process.env.FLOWC_TABLE_SEEN;
  });

  it('claims a key with a conditional PutItem that lets an expired item be taken over', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    const store = dynamoDbIdempotencyStore({ table: 'seen' });
    expect(await store.claim('t1', 1000, 1900)).toEqual({ status: 'claimed' });
    expect(dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: 'ledger-seen',
      Item: { id: { S: 't1' }, status: { S: 'IN_PROGRESS' }, expiresAt: { N: '1900' } },
      ConditionExpression: 'attribute_not_exists(#key) OR #expiresAt <= :now',
      ExpressionAttributeNames: { '#key': 'id', '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: { ':now': { N: '1000' } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('reads the existing item from a failed condition: completed (with its result) or in progress', async () => {
    const conflict = (item: Record<string, unknown>) => new ConditionalCheckFailedException({ message: 'exists', $metadata: {}, Item: item as never });
    const store = dynamoDbIdempotencyStore({ table: 'seen', keyAttribute: 'pk' });
    dynamodb
      .on(PutItemCommand)
      .rejectsOnce(conflict({ pk: { S: 't1' }, status: { S: 'COMPLETED' }, result: { S: '{"value":7}' } }))
      .rejectsOnce(conflict({ pk: { S: 't1' }, status: { S: 'IN_PROGRESS' } }));
    expect(await store.claim('t1', 1000, 1900)).toEqual({ status: 'completed', resultJson: '{"value":7}' });
    expect(await store.claim('t1', 1000, 1900)).toEqual({ status: 'in-progress' });
  });

  it('completes with the result and releases with DeleteItem', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    dynamodb.on(DeleteItemCommand).resolves({});
    const store = dynamoDbIdempotencyStore({ table: 'seen' });
    await store.complete('t1', '{"value":1}', 5000);
    await store.release('t2');
    expect(dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: 'ledger-seen',
      Item: { id: { S: 't1' }, status: { S: 'COMPLETED' }, expiresAt: { N: '5000' }, result: { S: '{"value":1}' } },
    });
    expect(dynamodb.commandCalls(DeleteItemCommand)[0]?.args[0].input).toEqual({ TableName: 'ledger-seen', Key: { id: { S: 't2' } } });
  });

  it('passes other errors on', async () => {
    dynamodb.on(PutItemCommand).rejects(new Error('throttled'));
    await expect(dynamoDbIdempotencyStore({ table: 'seen' }).claim('t1', 0, 1)).rejects.toThrow('throttled');
  });
});
