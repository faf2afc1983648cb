import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { VirtualClock } from '../../runtime/sim/clock.js';
import { matchesEventPattern } from '../../runtime/pattern/event-ruler.js';
import { EventQueue, Priority } from '../../runtime/sim/event-queue.js';
import { kinesisShardIndex, shardRange } from '../../runtime/sim/hashing.js';
import { checkPayload } from '../../runtime/sim/payload-check.js';
import { Rng } from '../../runtime/sim/rng.js';
import { formatDuration, formatOffset, isoTime, isoTimeSeconds, parseDuration, parseIsoTime } from '../../runtime/sim/time.js';

describe('event queue', () => {
  test('pops by time, then priority, then the order events were scheduled', () => {
    const queue = new EventQueue();
    const order: string[] = [];
    const push = (at: number, priority: Priority, name: string) => queue.push(at, priority, () => void order.push(name));
    push(5, Priority.Poll, 'poll@5');
    push(5, Priority.Arrive, 'arrive@5 first');
    push(1, Priority.Poll, 'poll@1');
    push(5, Priority.Arrive, 'arrive@5 second');
    push(5, Priority.Act, 'act@5');
    push(0, Priority.Act, 'act@0');
    for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) void entry.action();
    expect(order).toEqual(['act@0', 'poll@1', 'arrive@5 first', 'arrive@5 second', 'act@5', 'poll@5']);
  });

  test('stays ordered over many random pushes and pops', () => {
    const rng = new Rng(7);
    const queue = new EventQueue();
    const popped: number[] = [];
    for (let round = 0; round < 2000; round++) {
      queue.push(rng.int(100), Priority.Act, () => undefined);
      if (rng.float() < 0.4) popped.push(queue.pop()!.atMs);
    }
    let previous = -1;
    for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) {
      expect(entry.atMs).toBeGreaterThanOrEqual(previous);
      previous = entry.atMs;
    }
    expect(popped.length).toBeGreaterThan(0);
  });
});

describe('virtual clock', () => {
  test('moves forward only', () => {
    const clock = new VirtualClock();
    clock.advanceTo(10);
    expect(clock.nowMs).toBe(10);
    expect(() => clock.advanceTo(9)).toThrow('cannot go back');
  });
});

describe('seeded PRNG', () => {
  test('one seed, one sequence; another seed, another', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const take = (rng: Rng) => Array.from({ length: 5 }, () => rng.uint32());
    const first = take(a);
    expect(take(b)).toEqual(first);
    expect(take(c)).not.toEqual(first);
  });

  test('UUIDs are version 4, variant 1, lower-case hex', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('floats are in [0, 1) and roughly uniform', () => {
    const rng = new Rng(3);
    const buckets = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const value = rng.float();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      buckets[Math.floor(value * 4)]!++;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(850);
  });
});

describe('time', () => {
  test('durations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration(1234)).toBe(1234);
    expect(() => parseDuration('10 minutes')).toThrow('is not a duration');
    expect(formatDuration(150_000)).toBe('2m30s');
    expect(formatDuration(250)).toBe('250ms');
    expect(formatOffset(61_001)).toBe('+00:01:01.001');
    expect(formatOffset(2 * 86_400_000 + 3_600_000)).toBe('+2d 01:00:00.000');
  });

  test('calendar dates without Date, checked against known instants', () => {
    expect(isoTime(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(isoTime(951_782_400_000)).toBe('2000-02-29T00:00:00.000Z');
    expect(isoTime(1_767_225_600_123)).toBe('2026-01-01T00:00:00.123Z');
    expect(isoTime(4_107_542_399_999)).toBe('2100-02-28T23:59:59.999Z');
    expect(isoTimeSeconds(1_767_225_661_999)).toBe('2026-01-01T00:01:01Z');
    expect(parseIsoTime('2026-01-01T00:00:00Z')).toBe(1_767_225_600_000);
    expect(parseIsoTime('2000-02-29T12:34:56.7Z')).toBe(951_827_696_700);
    for (let ms = -86_400_000 * 400; ms < 86_400_000 * 60_000; ms += 86_400_000 * 97 + 12_345) expect(parseIsoTime(isoTime(ms))).toBe(ms);
  });
});

describe('Kinesis hash keys', () => {
  test('the shard of a key is the one whose even hash-key range holds the MD5 of the key', () => {
    for (const key of ['alpha', 'beta', 'gamma', 'device-17', 'ü']) {
      const hash = BigInt(`0x${createHash('md5').update(key, 'utf8').digest('hex')}`);
      for (const shards of [1, 2, 3, 4, 7]) {
        const index = kinesisShardIndex(key, shards);
        const range = shardRange(index, shards);
        expect(hash >= range.start && hash <= range.end).toBe(true);
      }
    }
  });

  test('the ranges cover the whole key space without gaps; an explicit hash key overrides the MD5', () => {
    const ranges = [0, 1, 2].map((index) => shardRange(index, 3));
    expect(ranges[0]!.start).toBe(0n);
    expect(ranges[1]!.start).toBe(ranges[0]!.end + 1n);
    expect(ranges[2]!.end).toBe((1n << 128n) - 1n);
    expect(kinesisShardIndex('alpha', 2, '0')).toBe(0);
    expect(kinesisShardIndex('alpha', 2, String((1n << 128n) - 1n))).toBe(1);
  });
});

describe('EventBridge patterns', () => {
  const event = { source: 'shop', 'detail-type': 'order', detail: { total: 120, tags: ['vip', 'eu'], customer: { id: 'C-1', ip: '10.0.3.7' }, coupon: null } };

  test.each([
    [{ source: ['shop'] }, true],
    [{ source: ['bank', 'shop'] }, true],
    [{ source: ['bank'] }, false],
    [{ detail: { tags: ['eu'] } }, true],
    [{ detail: { customer: { id: [{ prefix: 'C-' }] } } }, true],
    [{ detail: { customer: { id: [{ suffix: '-2' }] } } }, false],
    [{ detail: { customer: { id: [{ 'equals-ignore-case': 'c-1' }] } } }, true],
    [{ detail: { customer: { id: [{ wildcard: 'C*1' }] } } }, true],
    [{ detail: { customer: { ip: [{ cidr: '10.0.0.0/16' }] } } }, true],
    [{ detail: { customer: { ip: [{ cidr: '10.1.0.0/16' }] } } }, false],
    [{ detail: { total: [{ numeric: ['>', 100, '<=', 120] }] } }, true],
    [{ detail: { total: [{ numeric: ['<', 100] }] } }, false],
    [{ detail: { coupon: [null] } }, true],
    [{ detail: { missing: [{ exists: false }] } }, true],
    [{ detail: { total: [{ exists: true }] } }, true],
    [{ detail: { total: [{ exists: false }] } }, false],
    [{ source: [{ 'anything-but': ['bank'] }] }, true],
    [{ source: [{ 'anything-but': { prefix: 'sh' } }] }, false],
    [{ $or: [{ source: ['bank'] }, { 'detail-type': ['order'] }] }, true],
    [{ $or: [{ source: ['bank'] }, { 'detail-type': ['refund'] }] }, false],
  ])('%j matches: %s', (pattern, expected) => {
    expect(matchesEventPattern(pattern, event)).toBe(expected);
  });
});

describe('payload check', () => {
  const types = {
    Item: { kind: 'record', fields: [{ name: 'sku', type: { kind: 'string' }, optional: false }, { name: 'qty', type: { kind: 'int' }, optional: false }] },
    Order: {
      kind: 'record',
      fields: [
        { name: 'id', type: { kind: 'string' }, optional: false },
        { name: 'items', type: { kind: 'array', element: { kind: 'ref', name: 'Item' } }, optional: false },
        { name: 'currency', type: { kind: 'union', members: [{ kind: 'literal', value: 'EUR' }, { kind: 'literal', value: 'USD' }] }, optional: false },
        { name: 'at', type: { kind: 'timestamp' }, optional: true },
      ],
    },
  } as const;
  const order = { kind: 'ref', name: 'Order' } as const;

  test('accepts a value of the type, extra fields included', () => {
    expect(checkPayload({ id: 'o', items: [{ sku: 'a', qty: 1 }], currency: 'EUR', extra: true }, order, types)).toBeNull();
  });

  test('names the path of the first mismatch', () => {
    expect(checkPayload({ id: 'o', items: [{ sku: 'a', qty: 1.5 }], currency: 'EUR' }, order, types)).toBe('$.items[0].qty: expected an integer (int), got 1.5');
    expect(checkPayload({ id: 'o', items: [], currency: 'GBP' }, order, types)).toBe('$.currency: expected "EUR" | "USD", got "GBP"');
    expect(checkPayload({ items: [], currency: 'EUR' }, order, types)).toBe('$.id: missing (required string)');
    expect(checkPayload({ id: 'o', items: [], currency: 'EUR', at: 'yesterday' }, order, types)).toBe('$.at: expected an ISO-8601 timestamp, got "yesterday"');
  });
});
