import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Simulator } from '../../runtime/sim/simulator.js';
import { renderTraceText } from '../../runtime/sim/trace.js';
import { kinesisData, simulator, type TestHandler } from './helpers.js';

// Sized for two shared cores: each property runs in a second or two.
const RUNS = { numRuns: 150 };

interface SqsRecord {
  messageId: string;
  body: string;
  attributes: Record<string, string>;
}

/** Deterministic per-(message, attempt) failures drawn by fast-check, so shrinking works. */
function failureTable(failures: readonly boolean[]): (n: number, attempt: number) => boolean {
  return (n, attempt) => failures[(n * 7 + attempt * 3) % Math.max(1, failures.length)] ?? false;
}

describe('properties of the simulator', () => {
  test('nothing is lost: sent = processed + dead-lettered + still in the queue, and each message is exactly one of them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          sends: fc.array(fc.nat(120_000), { minLength: 1, maxLength: 30 }),
          failures: fc.array(fc.boolean(), { minLength: 1, maxLength: 23 }),
          batch: fc.integer({ min: 1, max: 10 }),
          window: fc.constantFrom(0, 5),
          maxReceives: fc.integer({ min: 1, max: 4 }),
          partial: fc.boolean(),
          durationMs: fc.nat(9_000),
          untilMs: fc.option(fc.integer({ min: 1, max: 600_000 }), { nil: undefined }),
        }),
        async ({ sends, failures, batch, window, maxReceives, partial, durationMs, untilMs }) => {
          const flow = `app conserve
type Job = { n: int }
queue jobs: Job { visibility = 30s, dlq = jobs_dead, max_receives = ${maxReceives} }
queue jobs_dead: Job
fn work(Job) { timeout = 10s }
jobs -> work { batch = ${batch}${window > 0 ? `, window = ${window}s` : ''}${partial ? ', report_failures = true' : ''} }
`;
          const fails = failureTable(failures);
          const processed = new Set<number>();
          const receives = new Map<number, number[]>();
          const work: TestHandler = async (event: { Records: SqsRecord[] }, context: { now?: number }) => {
            void context;
            const failed: string[] = [];
            const done: number[] = [];
            for (const record of event.Records) {
              const { n } = JSON.parse(record.body) as { n: number };
              const attempt = Number(record.attributes.ApproximateReceiveCount);
              receives.set(n, [...(receives.get(n) ?? []), sim.nowMs]);
              if (fails(n, attempt)) failed.push(record.messageId);
              else done.push(n);
            }
            if (!partial && failed.length > 0) throw new Error('batch failed');
            for (const n of done) processed.add(n);
            return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
          };
          const sim: Simulator = simulator(flow, { work }, { duration: durationMs });
          sends.forEach((at, n) => sim.inject({ kind: 'send', queue: 'jobs', message: { n } }, at));
          await sim.run(untilMs === undefined ? {} : { untilMs });
          const stats = sim.stats.queue('jobs');
          const inQueue = sim.queueMessages('jobs').map((message) => (JSON.parse(message.body) as { n: number }).n);
          const dead = sim.queueMessages('jobs_dead').map((message) => (JSON.parse(message.body) as { n: number }).n);
          // A handler may have finished a message whose invocation has not ended yet (a duration
          // past `untilMs`): it is still in flight, in the queue, not processed.
          const deleted = [...processed].filter((n) => !inQueue.includes(n));
          const injected = untilMs === undefined ? sends.length : sends.filter((at) => at <= untilMs).length;
          expect(stats.sent).toBe(injected);
          expect(stats.sent).toBe(stats.deleted + stats.deadLettered + stats.expired + inQueue.length);
          expect(stats.deleted).toBe(deleted.length);
          expect(dead.length).toBe(stats.deadLettered);
          const all = [...deleted, ...dead, ...inQueue].sort((a, b) => a - b);
          expect(all).toEqual([...new Set(all)]);
          expect(all.length).toBe(injected);
          // No delivery before the visibility deadline of the previous one (less the window it waited in).
          for (const times of receives.values()) {
            for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(30_000 - window * 1000);
          }
          sim.dispose();
        },
      ),
      RUNS,
    );
  });

  test('FIFO: each group is processed in order, and no two batches of one group are ever in flight at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          messages: fc.array(fc.record({ group: fc.constantFrom('A', 'B', 'C', 'D'), at: fc.nat(20_000) }), { minLength: 1, maxLength: 25 }),
          failures: fc.array(fc.boolean(), { minLength: 1, maxLength: 13 }),
          batch: fc.integer({ min: 1, max: 10 }),
          durations: fc.array(fc.nat(4000), { minLength: 1, maxLength: 7 }),
        }),
        async ({ messages, failures, batch, durations }) => {
          const flow = `app fifo
type Entry = { n: int, group: string }
queue entries: Entry { fifo = true, group = group, dedupe = content, visibility = 20s }
fn apply(Entry) { timeout = 5s }
entries -> apply { batch = ${batch} }
`;
          const fails = failureTable(failures);
          const sorted = messages.map((message, n) => ({ ...message, n })).sort((a, b) => a.at - b.at || a.n - b.n);
          const applied = new Map<string, number[]>();
          const intervals: { groups: Set<string>; start: number; end: number }[] = [];
          let invocation = 0;
          const durationOf = () => durations[invocation % durations.length]!;
          const apply: TestHandler = async (event: { Records: SqsRecord[] }) => {
            const entries = event.Records.map((record) => JSON.parse(record.body) as { n: number; group: string });
            intervals.push({ groups: new Set(entries.map((entry) => entry.group)), start: sim.nowMs, end: sim.nowMs + durationOf() });
            invocation++;
            // Failures stop after three receives, so every message is applied in the end.
            const receive = Number(event.Records[0]!.attributes.ApproximateReceiveCount);
            if (receive <= 3 && entries.some((entry) => fails(entry.n, receive))) throw new Error('conflict');
            for (const entry of entries) applied.set(entry.group, [...(applied.get(entry.group) ?? []), entry.n]);
          };
          const sim: Simulator = simulator(flow, { apply }, { duration: () => durationOf() });
          for (const message of sorted) sim.inject({ kind: 'send', queue: 'entries', message: { n: message.n, group: message.group } }, message.at);
          await sim.run();
          for (const [group, ns] of applied) {
            const expected = sorted.filter((message) => message.group === group).map((message) => message.n);
            expect(ns).toEqual(expected);
          }
          for (let i = 0; i < intervals.length; i++) {
            for (let j = i + 1; j < intervals.length; j++) {
              const a = intervals[i]!;
              const b = intervals[j]!;
              const overlap = a.start < b.end && b.start < a.end;
              if (overlap) for (const group of a.groups) expect(b.groups.has(group)).toBe(false);
            }
          }
          sim.dispose();
        },
      ),
      RUNS,
    );
  });

  test('Kinesis: records of one partition key are processed in order and never concurrently, for every ParallelizationFactor', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          records: fc.array(fc.record({ key: fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5', 'k6'), at: fc.nat(10_000) }), { minLength: 1, maxLength: 40 }),
          parallel: fc.integer({ min: 1, max: 10 }),
          shards: fc.integer({ min: 1, max: 3 }),
          batch: fc.integer({ min: 1, max: 8 }),
          bisect: fc.boolean(),
          failures: fc.array(fc.boolean(), { minLength: 1, maxLength: 11 }),
          durations: fc.array(fc.nat(3000), { minLength: 1, maxLength: 5 }),
        }),
        async ({ records, parallel, shards, batch, bisect, failures, durations }) => {
          const flow = `app order
type Reading = { n: int, key: string }
stream readings: Reading { shards = ${shards}, partition = key }
fn ingest(Reading) { timeout = 5s }
readings -> ingest { batch = ${batch}, parallel = ${parallel}, retries = 2, bisect = ${bisect}, start = trim_horizon }
`;
          const fails = failureTable(failures);
          const sorted = records.map((record, n) => ({ ...record, n })).sort((a, b) => a.at - b.at || a.n - b.n);
          const processed = new Map<string, number[]>();
          const intervals: { keys: Set<string>; start: number; end: number }[] = [];
          let invocation = 0;
          const durationOf = () => durations[invocation % durations.length]!;
          const ingest: TestHandler = async (event: { Records: { kinesis: { data: string } }[] }) => {
            const readings = event.Records.map((record) => kinesisData(record) as { n: number; key: string });
            intervals.push({ keys: new Set(readings.map((reading) => reading.key)), start: sim.nowMs, end: sim.nowMs + durationOf() });
            const attempt = invocation++;
            if (readings.some((reading) => fails(reading.n, attempt % 3))) throw new Error('bad reading');
            for (const reading of readings) processed.set(reading.key, [...(processed.get(reading.key) ?? []), reading.n]);
          };
          const sim: Simulator = simulator(flow, { ingest }, { duration: () => durationOf() });
          for (const record of sorted) sim.inject({ kind: 'put-record', stream: 'readings', record: { n: record.n, key: record.key } }, record.at);
          await sim.run();
          for (const [key, ns] of processed) {
            const order = sorted.filter((record) => record.key === key).map((record) => record.n);
            // Discarded records may be missing; the rest are in put order, each once.
            expect(ns).toEqual(order.filter((n) => ns.includes(n)));
          }
          for (let i = 0; i < intervals.length; i++) {
            for (let j = i + 1; j < intervals.length; j++) {
              const a = intervals[i]!;
              const b = intervals[j]!;
              if (a.start < b.end && b.start < a.end) for (const key of a.keys) expect(b.keys.has(key)).toBe(false);
            }
          }
          sim.dispose();
        },
      ),
      RUNS,
    );
  });

  test('bisect isolates one poison record: the rest of its batch is processed, the poison alone is discarded', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ size: fc.integer({ min: 2, max: 40 }), poison: fc.nat(), retries: fc.integer({ min: 0, max: 3 }), accounting: fc.constantFrom('per-sub-batch' as const, 'per-original-batch' as const) }),
        async ({ size, poison: poisonSeed, retries, accounting }) => {
          const poison = poisonSeed % size;
          const flow = `app bisect
type Reading = { n: int }
queue dead
stream readings: Reading { shards = 1 }
fn ingest(Reading)
readings -> ingest { batch = ${size}, retries = ${retries}, bisect = true, start = trim_horizon, on_failure = dead }
`;
          const processed: number[] = [];
          const ingest: TestHandler = async (event: { Records: { kinesis: { data: string } }[] }) => {
            const ns = event.Records.map((record) => (kinesisData(record) as { n: number }).n);
            if (ns.includes(poison)) throw new Error('poison');
            processed.push(...ns);
          };
          const sim: Simulator = simulator(flow, { ingest }, { streams: { bisectRetryAccounting: accounting } });
          for (let n = 0; n < size; n++) sim.inject({ kind: 'put-record', stream: 'readings', record: { n }, partitionKey: 'one' });
          await sim.run();
          const expectedProcessed = Array.from({ length: size }, (_, n) => n).filter((n) => n !== poison);
          const failures = sim.queueMessages('dead').map((message) => JSON.parse(message.body) as { KinesisBatchInfo: { batchSize: number; startSequenceNumber: string } });
          if (accounting === 'per-sub-batch') {
            expect(processed).toEqual(expectedProcessed);
            expect(failures.map((failure) => failure.KinesisBatchInfo.batchSize)).toEqual([1]);
            expect(failures[0]!.KinesisBatchInfo.startSequenceNumber).toBe(`49000${String(poison + 1).padStart(15, '0')}`);
          } else {
            // Shared accounting may give up on a larger half first; what is processed is still in order and never the poison.
            expect(processed).toEqual(expectedProcessed.filter((n) => processed.includes(n)));
            expect(failures.reduce((sum, failure) => sum + failure.KinesisBatchInfo.batchSize, 0) + processed.length).toBe(size);
          }
          sim.dispose();
        },
      ),
      RUNS,
    );
  });

  test('FIFO deduplication: a repeat within 5 minutes of the accepted send is dropped; after, it is accepted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ id: fc.constantFrom('x', 'y', 'z'), at: fc.nat(1_200_000) }), { minLength: 1, maxLength: 30 }), async (sends) => {
        const flow = `app dedupe
type Entry = { id: string, n: int }
queue entries: Entry { fifo = true, group = id, dedupe = id }
fn apply(Entry)
entries -> apply
`;
        const delivered: number[] = [];
        const sim: Simulator = simulator(flow, {
          apply: async (event: { Records: SqsRecord[] }) => void delivered.push(...event.Records.map((record) => (JSON.parse(record.body) as { n: number }).n)),
        });
        const ordered = sends.map((send, n) => ({ ...send, n })).sort((a, b) => a.at - b.at || a.n - b.n);
        for (const send of ordered) sim.inject({ kind: 'send', queue: 'entries', message: { id: send.id, n: send.n } }, send.at);
        await sim.run();
        const acceptedAt = new Map<string, number>();
        const expected: number[] = [];
        for (const send of ordered) {
          const last = acceptedAt.get(send.id);
          if (last !== undefined && send.at - last < 300_000) continue;
          acceptedAt.set(send.id, send.at);
          expected.push(send.n);
        }
        expect([...delivered].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
        sim.dispose();
      }),
      RUNS,
    );
  });

  test('one seed, one trace: a random flow run twice gives the same bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(fc.nat(300_000), { minLength: 1, maxLength: 15 }), async (seed, times) => {
        const flow = `app twice
type Order = { n: int }
topic placed: Order
queue jobs
fn charge(Order) -> Order
placed -> charge
charge -> jobs
`;
        const runOnce = async () => {
          const sim = simulator(flow, { charge: async (event: { Records: { Sns: { Message: string } }[] }) => {
            const order = JSON.parse(event.Records[0]!.Sns.Message) as { n: number };
            if (order.n % 2 === 0) throw new Error('even');
            return order;
          } }, { seed, async: { retryJitter: '30s' }, sqs: { standardOrder: 'shuffled' } });
          times.forEach((at, n) => sim.inject({ kind: 'publish', topic: 'placed', message: { n } }, at));
          await sim.run();
          sim.dispose();
          return renderTraceText(sim.trace.entries);
        };
        expect(await runOnce()).toBe(await runOnce());
      }),
      { numRuns: 25 },
    );
  });
});
