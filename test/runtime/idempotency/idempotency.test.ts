import { ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dynamoDbIdempotencyStore } from '../../../runtime/idempotency/dynamodb-store.js';
import { DuplicateInProgressError, IdempotencyKeyError, IdempotencyValidationError, idempotency } from '../../../runtime/idempotency/idempotency.js';
import { LruCache } from '../../../runtime/idempotency/lru.js';
import { type IdempotencyStore, MemoryIdempotencyStore } from '../../../runtime/idempotency/store.js';

/** A clock the test moves by hand, in milliseconds. */
function manualClock(start = 1_700_000_000_000) {
  const clock = { now: start, advanceSeconds: (s: number) => void (clock.now += s * 1000) };
  return clock;
}

/** A store that counts the calls that reach it. */
function counting(store: IdempotencyStore) {
  const calls = { claim: 0, complete: 0, release: 0 };
  const counted: IdempotencyStore = {
    claim: (key, request) => (calls.claim++, store.claim(key, request)),
    complete: (key, record) => (calls.complete++, store.complete(key, record)),
    release: (key) => (calls.release++, store.release(key)),
  };
  return { store: counted, calls };
}

interface Transfer {
  id: string;
  account: string;
  amount: number;
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

  it('without a context, a run holds its key for lockSeconds', async () => {
    const clock = manualClock();
    const once = idempotency({ store: new MemoryIdempotencyStore(), lockSeconds: 30, now: () => clock.now });
    let release!: () => void;
    const first = once.once('k', () => new Promise<string>((resolve) => (release = () => resolve('first'))));
    await expect(once.once('k', async () => 'second')).rejects.toThrow(DuplicateInProgressError);
    clock.advanceSeconds(31);
    expect(await once.once('k', async () => 'taken over')).toBe('taken over');
    release();
    expect(await first).toBe('first');
  });

  it("with the Lambda context, the lock lasts the invocation's remaining time, not 900 s", async () => {
    const clock = manualClock();
    const once = idempotency({ store: new MemoryIdempotencyStore(), now: () => clock.now });
    const context = { getRemainingTimeInMillis: () => 20_000 };
    // The first delivery times out while it holds the key (its work never finishes).
    void once.once('k', () => new Promise<string>(() => undefined), { context });
    clock.advanceSeconds(19);
    await expect(once.once('k', async () => 'too early', { context })).rejects.toThrow(DuplicateInProgressError);
    // The retry after the timeout (an SQS visibility timeout is at least the function timeout) runs.
    clock.advanceSeconds(2);
    expect(await once.once('k', async () => 'retried', { context })).toBe('retried');
  });

  it('returns undefined results as undefined', async () => {
    const once = idempotency({ store: new MemoryIdempotencyStore() });
    await once.once('k', async () => undefined);
    expect(await once.once('k', async () => 'never')).toBeUndefined();
  });

  it('namespaces keys per function: two functions sharing a table do not collide', async () => {
    const store = new MemoryIdempotencyStore();
    const post = idempotency({ store, prefix: 'ledger.post' });
    const audit = idempotency({ store, prefix: 'ledger.audit' });
    expect(await post.once('t1', async () => 'posted')).toBe('posted');
    expect(await audit.once('t1', async () => 'audited')).toBe('audited');
    expect(store.keys()).toEqual(['ledger.post#t1', 'ledger.audit#t1']);
  });

  it("the default prefix is the function's name, as Lambda sets it", async () => {
    const store = new MemoryIdempotencyStore();
    const saved = process.env.AWS_LAMBDA_FUNCTION_NAME;
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'ledger-post';
    try {
      await idempotency({ store }).once('t1', async () => 1);
    } finally {
      if (saved === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      else process.env.AWS_LAMBDA_FUNCTION_NAME = saved;
    }
    expect(store.keys()).toEqual(['ledger-post#t1']);
  });
});

describe('onceFor: keys from the payload, hashed, and payload validation', () => {
  const transfer: Transfer = { id: 't1', account: 'acc-1', amount: 100 };

  it('the key is the hash of the field the path names; a redelivery replays', async () => {
    const store = new MemoryIdempotencyStore();
    const once = idempotency<Transfer>({ store, prefix: 'p', key: ['id'] });
    let runs = 0;
    expect(await once.onceFor(transfer, async () => ++runs)).toBe(1);
    expect(await once.onceFor({ ...transfer }, async () => ++runs)).toBe(1);
    expect(store.keys()).toHaveLength(1);
    expect(store.keys()[0]).toMatch(/^p#[A-Za-z0-9_-]{43}$/);
  });

  it('the same key with another payload is an IdempotencyValidationError, not a silent replay', async () => {
    const once = idempotency<Transfer>({ store: new MemoryIdempotencyStore(), key: ['id'] });
    await once.onceFor(transfer, async () => 'posted');
    await expect(once.onceFor({ ...transfer, amount: 999 }, async () => 'posted again')).rejects.toThrow(IdempotencyValidationError);
    // The order of fields does not matter: the payload is hashed as canonical JSON.
    expect(await once.onceFor({ amount: 100, account: 'acc-1', id: 't1' }, async () => 'never')).toBe('posted');
  });

  it('validatePayload: false replays whatever the payload', async () => {
    const once = idempotency<Transfer>({ store: new MemoryIdempotencyStore(), key: ['id'], validatePayload: false });
    await once.onceFor(transfer, async () => 'posted');
    expect(await once.onceFor({ ...transfer, amount: 999 }, async () => 'again')).toBe('posted');
  });

  it('another payload under a key that is still in progress is a validation error too', async () => {
    const once = idempotency<Transfer>({ store: new MemoryIdempotencyStore(), key: ['id'] });
    void once.onceFor(transfer, () => new Promise<string>(() => undefined));
    await expect(once.onceFor({ ...transfer, amount: 5 }, async () => 'x')).rejects.toThrow(IdempotencyValidationError);
    await expect(once.onceFor(transfer, async () => 'x')).rejects.toThrow(DuplicateInProgressError);
  });

  it('without a key, the whole payload is the key; a key function works too', async () => {
    const whole = idempotency<Transfer>({ store: new MemoryIdempotencyStore() });
    expect(await whole.onceFor(transfer, async () => 1)).toBe(1);
    expect(await whole.onceFor({ ...transfer, amount: 1 }, async () => 2)).toBe(2);
    const byAccount = idempotency<Transfer>({ store: new MemoryIdempotencyStore(), key: (t) => [t.account, t.id] });
    expect(await byAccount.onceFor(transfer, async () => 'a')).toBe('a');
    await expect(byAccount.onceFor({ ...transfer, amount: 3 }, async () => 'b')).rejects.toThrow(IdempotencyValidationError);
  });

  it('a payload without a value at the path has no key: IdempotencyKeyError', async () => {
    const once = idempotency<{ id?: string }>({ store: new MemoryIdempotencyStore(), key: ['id'] });
    await expect(once.onceFor({}, async () => 1)).rejects.toThrow(IdempotencyKeyError);
  });
});

describe('the local cache', () => {
  it('answers a completed key from memory, without a call to the store, until it expires', async () => {
    const clock = manualClock();
    const { store, calls } = counting(new MemoryIdempotencyStore());
    const once = idempotency({ store, localCacheSize: 2, ttlSeconds: 60, now: () => clock.now });
    await once.once('a', async () => 'A');
    expect(await once.once('a', async () => 'never')).toBe('A');
    expect(calls.claim).toBe(1);
    clock.advanceSeconds(60);
    expect(await once.once('a', async () => 'A again')).toBe('A again');
    expect(calls.claim).toBe(2);
  });

  it('validates the payload against a cached record too', async () => {
    const once = idempotency<Transfer>({ store: new MemoryIdempotencyStore(), localCacheSize: 10, key: ['id'] });
    await once.onceFor({ id: 't', account: 'a', amount: 1 }, async () => 1);
    await expect(once.onceFor({ id: 't', account: 'a', amount: 2 }, async () => 2)).rejects.toThrow(IdempotencyValidationError);
  });

  it('is least-recently-used', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(new LruCache<string, number>(0).size).toBe(0);
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

  const request = { nowMs: 1_000_500, lockedUntilMs: 1_030_500, expiresAt: 4600, payloadHash: 'h1' };

  it('claims a key with a conditional PutItem: free, expired, or locked by a run whose time is up', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    const store = dynamoDbIdempotencyStore({ table: 'seen', expiryAttribute: 'expires_at' });
    expect(await store.claim('p#t1', request)).toEqual({ status: 'claimed' });
    expect(dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: 'ledger-seen',
      Item: { id: { S: 'p#t1' }, status: { S: 'IN_PROGRESS' }, expires_at: { N: '4600' }, lockedUntil: { N: '1030500' }, payloadHash: { S: 'h1' } },
      ConditionExpression: 'attribute_not_exists(#key) OR #expiry <= :now OR (#status = :inProgress AND #lock < :nowMs)',
      ExpressionAttributeNames: { '#key': 'id', '#expiry': 'expires_at', '#status': 'status', '#lock': 'lockedUntil' },
      ExpressionAttributeValues: { ':now': { N: '1000' }, ':nowMs': { N: '1000500' }, ':inProgress': { S: 'IN_PROGRESS' } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('reads the existing item from a failed condition: completed (with its result) or in progress', async () => {
    const conflict = (item: Record<string, unknown>) => new ConditionalCheckFailedException({ message: 'exists', $metadata: {}, Item: item as never });
    const store = dynamoDbIdempotencyStore({ table: 'seen', keyAttribute: 'pk' });
    dynamodb
      .on(PutItemCommand)
      .rejectsOnce(conflict({ pk: { S: 'p#t1' }, status: { S: 'COMPLETED' }, result: { S: '{"value":7}' }, expiresAt: { N: '9000' }, payloadHash: { S: 'h1' } }))
      .rejectsOnce(conflict({ pk: { S: 'p#t1' }, status: { S: 'IN_PROGRESS' }, lockedUntil: { N: '2000000' } }));
    expect(await store.claim('p#t1', request)).toEqual({ status: 'completed', resultJson: '{"value":7}', payloadHash: 'h1', expiresAt: 9000 });
    expect(await store.claim('p#t1', request)).toEqual({ status: 'in-progress', payloadHash: null, lockedUntilMs: 2_000_000 });
  });

  it('completes with the result and releases with DeleteItem', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    dynamodb.on(DeleteItemCommand).resolves({});
    const store = dynamoDbIdempotencyStore({ table: 'seen' });
    await store.complete('p#t1', { resultJson: '{"value":1}', payloadHash: null, expiresAt: 5000 });
    await store.release('p#t2');
    expect(dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: 'ledger-seen',
      Item: { id: { S: 'p#t1' }, status: { S: 'COMPLETED' }, expiresAt: { N: '5000' }, result: { S: '{"value":1}' } },
    });
    expect(dynamodb.commandCalls(DeleteItemCommand)[0]?.args[0].input).toEqual({ TableName: 'ledger-seen', Key: { id: { S: 'p#t2' } } });
  });

  it('a table with a sort key: one partition per prefix, the key in the sort key', async () => {
    dynamodb.on(DeleteItemCommand).resolves({});
    await dynamoDbIdempotencyStore({ table: 'seen', keyAttribute: 'pk', sortKeyAttribute: 'sk' }).release('ledger.post#t2');
    expect(dynamodb.commandCalls(DeleteItemCommand)[0]?.args[0].input.Key).toEqual({ pk: { S: 'idempotency#ledger.post' }, sk: { S: 'ledger.post#t2' } });
  });

  it('refuses attribute names that collide with its own', () => {
    expect(() => dynamoDbIdempotencyStore({ table: 'seen', expiryAttribute: 'status' })).toThrow(/must differ/);
  });

  it('passes other errors on', async () => {
    dynamodb.on(PutItemCommand).rejects(new Error('throttled'));
    await expect(dynamoDbIdempotencyStore({ table: 'seen' }).claim('t1', request)).rejects.toThrow('throttled');
  });
});
