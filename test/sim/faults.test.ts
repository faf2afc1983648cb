import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { bodyOf, hasLines, normalizedTrace, simulator } from './helpers.js';

// One handler's fault fails one invocation, never the run (issue 11, items 19–22). Each flow
// has a function that keeps working (`ok`) after the faulty one, to show the run goes on.

/** An async function behind a failure destination: its retries and its failure record show what Lambda saw. */
const ASYNC = `app faults
type Job = { id: string }
queue failed
queue done
fn bad(Job) { timeout = 5s, retries = 2 }
fn ok(Job)
bad.failure -> failed
ok -> done
`;

/** A queue mapping without a dead-letter queue: a failed batch comes back after the visibility timeout. */
const QUEUED = `app faults
type Job = { id: string }
queue jobs: Job { visibility = 30s }
fn work(Job) { timeout = 10s }
jobs -> work
`;

interface FailureRecord {
  requestContext: { condition: string; approximateInvokeCount: number };
  responseContext: { functionError?: string };
  responsePayload: { errorType?: string; errorMessage: string; trace?: unknown[] };
}

function failureRecord(sim: ReturnType<typeof simulator>): FailureRecord {
  const messages = sim.queueMessages('failed');
  expect(messages).toHaveLength(1);
  return bodyOf(messages[0]!) as FailureRecord;
}

/** Runs `bad` once with `handler`, then `ok`, until nothing is left. */
async function runBad(handler: (event: unknown) => unknown) {
  const sim = simulator(ASYNC, { bad: handler, ok: async (event: unknown) => event });
  sim.inject({ kind: 'invoke', fn: 'bad', event: { id: 'j-1' } });
  sim.inject({ kind: 'invoke', fn: 'ok', event: { id: 'j-2' } }, 10 * 60_000);
  await sim.run();
  expect(sim.summary().functions.ok).toMatchObject({ invocations: 1, succeeded: 1 });
  return sim;
}

describe('a result JSON cannot represent (item 19)', () => {
  test.each([
    ['a circular object', () => {
      const value: Record<string, unknown> = { id: 'x' };
      value.self = value;
      return value;
    }],
    ['a BigInt', () => ({ total: 10n })],
    ['a toJSON that throws', () => ({ toJSON: () => { throw new Error('no'); } })],
  ])('%s fails the invocation with Runtime.JSONStringifyError, as the Node.js runtime does, and it is retried', async (_, make) => {
    const sim = await runBad(async () => make());
    expect(sim.summary().functions.bad).toMatchObject({ invocations: 3, succeeded: 0, failed: 3 });
    const record = failureRecord(sim);
    expect(record.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 3 });
    expect(record.responseContext.functionError).toBe('Unhandled');
    expect(record.responsePayload).toEqual({ errorType: 'Runtime.JSONStringifyError', errorMessage: 'Unable to stringify response body', trace: [] });
    expect(normalizedTrace(sim)).toContain('bad     error        Runtime.JSONStringifyError: Unable to stringify response body · attempt 2 at +00:01:00.000 (in 1m)\n');
    sim.dispose();
  });

  test('a batch whose handler returns a BigInt fails and comes back after the visibility timeout', async () => {
    const sim = simulator(QUEUED, { work: async () => ({ count: 1n }) });
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'j-1' } });
    await sim.run({ untilMs: 60_000 });
    expect(sim.summary().functions.work).toMatchObject({ invocations: 3, failed: 3 });
    expect(hasLines(normalizedTrace(sim), `
      +00:00:30.000  work  invoke  batch of 1 from jobs (#1) · receive 2 · request #3
      +00:00:30.000  work  error  Runtime.JSONStringifyError: Unable to stringify response body
    `)).toBe(true);
    sim.dispose();
  });

  test.each([
    ['a function', () => () => 1],
    ['a symbol', () => Symbol('s')],
    ['undefined', () => undefined],
  ])('%s is a success whose response is null, as JSON.stringify makes it', async (_, make) => {
    const sim = simulator(`${ASYNC}bad.success -> done\n`, { bad: async () => make(), ok: async () => undefined });
    sim.inject({ kind: 'invoke', fn: 'bad', event: { id: 'j-1' } });
    await sim.run();
    const [record] = sim.queueMessages('done').map((message) => bodyOf(message) as { responsePayload: unknown });
    expect(record).toHaveProperty('responsePayload', null);
    sim.dispose();
  });
});

describe('a handler whose promise never settles (item 20)', () => {
  test('times out after the function timeout in virtual time, is retried, and the run goes on', async () => {
    const sim = await runBad(() => new Promise(() => undefined));
    expect(sim.summary().functions.bad).toMatchObject({ invocations: 3, failed: 3 });
    const record = failureRecord(sim);
    expect(record.responseContext.functionError).toBe('Unhandled');
    expect(record.responsePayload).toEqual({ errorMessage: expect.stringMatching(/^2026-01-01T00:03:15\.000Z [0-9a-f-]{36} Task timed out after 5\.00 seconds$/) });
    expect(hasLines(normalizedTrace(sim), `
      +00:00:00.000  bad     invoke       async attempt 1 of 3 · request #1 · from test
      +00:00:00.000  bad     warning      the handler's promise can never settle: it is pending and nothing is left to run · the invocation times out
      +00:00:05.000  bad     error        Task timed out after 5.00 seconds · attempt 2 at +00:01:05.000 (in 1m)
    `)).toBe(true);
    sim.dispose();
  });

  test('a batch that never settles is retried after the visibility timeout', async () => {
    const sim = simulator(QUEUED, { work: () => new Promise(() => undefined) });
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'j-1' } });
    await sim.run({ untilMs: 45_000 });
    expect(sim.summary().functions.work).toMatchObject({ invocations: 2, failed: 2 });
    expect(normalizedTrace(sim)).toContain('+00:00:10.000  work  error    Task timed out after 10.00 seconds\n');
    sim.dispose();
  });

  test('a stream batch that never settles times out, is retried from its checkpoint, then discarded to on_failure', async () => {
    const flow = `app faults
type Click = { session: string }
queue clicks_dead
stream clicks: Click { shards = 1, partition = session }
fn track(Click) { timeout = 3s }
clicks -> track { batch = 10, retries = 1, start = trim_horizon, on_failure = clicks_dead }
`;
    const sim = simulator(flow, { track: () => new Promise(() => undefined) });
    sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: 's-1' } });
    await sim.run({ untilMs: 60_000 });
    expect(sim.summary().functions.track).toMatchObject({ invocations: 2, failed: 2 });
    expect(sim.summary().streamFailures).toEqual({ 'clicks->track': 1 });
    expect(sim.queueMessages('clicks_dead')).toHaveLength(1);
    sim.dispose();
  });

  test('the event limit still ends a run that went on after giving up on a handler', async () => {
    const sim = simulator(QUEUED, { work: () => new Promise(() => undefined) }, { limits: { maxEvents: 20 } });
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'j-1' } });
    await expect(sim.run()).rejects.toThrow(/stopped after 20 events .* \(seed 1; rerun with --seed 1/);
    sim.dispose();
  });

  test('a handler that waits on real I/O and real timers still completes', async () => {
    const sim = await runBad(async () => {
      const text = await readFile(new URL(import.meta.url), 'utf8');
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { length: text.length > 0 };
    });
    expect(sim.summary().functions.bad).toMatchObject({ invocations: 1, succeeded: 1, failed: 0 });
    sim.dispose();
  });

  test('a handler that waits while something it started keeps running times out after its timeout in real time', async () => {
    // The interval could settle the promise, so only the real-time bound (1 s here) ends the wait.
    const intervals: ReturnType<typeof setInterval>[] = [];
    const sim = simulator(ASYNC.replace('timeout = 5s, retries = 2', 'timeout = 1s, retries = 0'), {
      bad: () =>
        new Promise(() => {
          intervals.push(setInterval(() => undefined, 1_000));
        }),
      ok: async () => undefined,
    });
    try {
      sim.inject({ kind: 'invoke', fn: 'bad', event: { id: 'j-1' } });
      await sim.run();
      expect(hasLines(normalizedTrace(sim), `
        +00:00:00.000  bad     warning      the handler is still waiting after 1s of real time, its timeout · the invocation times out
        +00:00:01.000  bad     error        Task timed out after 1.00 seconds · no retries
      `)).toBe(true);
    } finally {
      for (const interval of intervals) clearInterval(interval);
      sim.dispose();
    }
  });

  test('a handler that waits on real I/O and then on nothing times out', async () => {
    const sim = await runBad(async () => {
      await readFile(new URL(import.meta.url), 'utf8');
      await new Promise((resolve) => setTimeout(resolve, 2));
      await new Promise(() => undefined);
    });
    expect(sim.summary().functions.bad).toMatchObject({ invocations: 3, failed: 3 });
    expect(failureRecord(sim).responsePayload.errorMessage).toMatch(/Task timed out after 5\.00 seconds$/);
    sim.dispose();
  });
});

describe('errors raised outside the handler call (item 21)', () => {
  test('an exception thrown from a timer fails the invocation that is waiting for it', async () => {
    const sim = await runBad(
      () =>
        new Promise(() => {
          setTimeout(() => {
            throw new RangeError('thrown from a timer');
          }, 1);
        }),
    );
    expect(sim.summary().functions.bad).toMatchObject({ invocations: 3, failed: 3 });
    expect(failureRecord(sim).responsePayload).toEqual({ errorType: 'RangeError', errorMessage: 'thrown from a timer', trace: [] });
    sim.dispose();
  });

  test('an unhandled rejection fails the invocation that is running, as Runtime.UnhandledPromiseRejection', async () => {
    const sim = await runBad(async () => {
      void Promise.reject(new TypeError('nobody catches this'));
      await new Promise((resolve) => setTimeout(resolve, 1));
      return 'done';
    });
    expect(sim.summary().functions.bad).toMatchObject({ invocations: 3, failed: 3 });
    expect(failureRecord(sim).responsePayload).toEqual({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'TypeError: nobody catches this', trace: [] });
    sim.dispose();
  });

  test('a rejection Node reports only after its invocation ended is a warning; the run goes on and the listeners are put back', async () => {
    const before = { rejection: process.listeners('unhandledRejection'), exception: process.listeners('uncaughtException') };
    // Node reports it once the microtask queue is empty: here, when the run ends, after `ok`.
    const sim = await runBad(async () => {
      void Promise.reject(new Error('too late to catch'));
      return 'done';
    });
    expect(sim.summary().functions.bad).toMatchObject({ invocations: 1, succeeded: 1 });
    expect(sim.summary().uncaughtErrors).toBe(1);
    expect(normalizedTrace(sim)).toMatch(/\+00:10:00\.000 +faults +warning +an unhandled rejection from handler code outside any invocation, not attributed \(ok ran last\): Error: too late to catch\n$/);
    expect(process.listeners('unhandledRejection')).toEqual(before.rejection);
    expect(process.listeners('uncaughtException')).toEqual(before.exception);
    sim.dispose();
  });
});

describe('a thrown value that is not an Error (item 22)', () => {
  test.each([
    ['a number', 42, 'number', '42'],
    ['an object', { code: 7 }, 'object', '[object Object]'],
    ['null', null, 'object', 'null'],
    ['undefined', undefined, 'undefined', 'undefined'],
    ['a string', 'declined', 'string', 'declined'],
  ])('%s: errorType is its typeof and errorMessage its string form, as the Node.js runtime reports', async (_, thrown, errorType, errorMessage) => {
    const sim = await runBad(async () => {
      throw thrown;
    });
    expect(failureRecord(sim).responsePayload).toEqual({ errorType, errorMessage, trace: [] });
    expect(normalizedTrace(sim)).toContain(`bad     error        ${errorType}: ${errorMessage} · retries exhausted after 3 attempts\n`);
    expect(sim.summary().errors).toEqual({ bad: { [errorType]: 3 } });
    sim.dispose();
  });

  test('the summary counts errors by type, with a bound on the types it tells apart', async () => {
    let n = 0;
    const sim = simulator(QUEUED, {
      work: async () => {
        const error = new Error('each one different');
        error.name = `Error${n++}`;
        throw error;
      },
    });
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'j-1' } });
    await sim.run({ untilMs: 150 * 30_000 });
    const errors = sim.summary().errors.work!;
    expect(Object.keys(errors)).toHaveLength(101);
    expect(errors.Error0).toBe(1);
    expect(errors.other).toBe(151 - 100);
    sim.dispose();
  });

  test('an Error whose name cannot be read is reported as the runtime does', async () => {
    const sim = await runBad(async () => {
      const error = new Error('x');
      Object.defineProperty(error, 'name', {
        get() {
          throw new Error('no name');
        },
      });
      throw error;
    });
    expect(failureRecord(sim).responsePayload).toMatchObject({ errorType: 'handled' });
    sim.dispose();
  });
});
