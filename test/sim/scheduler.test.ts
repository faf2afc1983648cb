// EventBridge Scheduler in the simulator (runtime/sim/services/scheduler.ts): schedules fire on
// the virtual clock, in their time zones across daylight-saving changes, with the payload the
// template sends, and a run with schedules needs an end time.
import { describe, expect, test } from 'vitest';
import type { FlowManifest } from '../../runtime/manifest/schema.js';
import { SimulationInputError } from '../../runtime/sim/errors.js';
import type { Handler } from '../../runtime/sim/services/lambda.js';
import { Simulator } from '../../runtime/sim/simulator.js';
import { bodyOf, manifestOf, simulator } from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function fireTimes(sim: Simulator, epoch: string): string[] {
  const start = Date.parse(epoch);
  return sim.trace.entries.filter((e) => e.action === 'fire').map((e) => new Date(start + e.atMs).toISOString());
}

describe('cron schedules in a time zone', () => {
  const FLOW = `app clock
schedule nightly { cron = "0 3 * * ? *", timezone = "Europe/Berlin" }
schedule early { cron = "30 2 * * ? *", timezone = "Europe/Berlin" }
fn report
fn wake
nightly -> report
early -> wake
`;

  test('03:00 in Berlin is 02:00 UTC in winter and 01:00 UTC in summer; 02:30 is skipped on the spring-forward day', async () => {
    const epoch = '2026-03-27T00:00:00.000Z';
    const sim = simulator(FLOW, { report: async () => undefined, wake: async () => undefined }, { epoch });
    await sim.run({ untilMs: 4 * DAY });
    expect(fireTimes(sim, epoch)).toEqual([
      '2026-03-27T01:30:00.000Z',
      '2026-03-27T02:00:00.000Z',
      '2026-03-28T01:30:00.000Z',
      '2026-03-28T02:00:00.000Z',
      // 29 March: 02:00–03:00 does not exist in Berlin; `early` does not fire, `nightly` fires at 03:00 CEST.
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
      '2026-03-30T01:00:00.000Z',
    ]);
  });

  test('on the fall-back day, 02:30 (which happens twice) fires once', async () => {
    const epoch = '2026-10-24T12:00:00.000Z';
    const sim = simulator(FLOW, { report: async () => undefined, wake: async () => undefined }, { epoch });
    await sim.run({ untilMs: 2 * DAY });
    expect(fireTimes(sim, epoch)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T02:00:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-26T02:00:00.000Z']);
  });

  test('an untyped schedule invokes its function asynchronously with the context attributes', async () => {
    const events: unknown[] = [];
    const sim = simulator(FLOW, { report: async (event: unknown) => void events.push(event), wake: async () => undefined }, { epoch: '2026-01-01T00:00:00.000Z' });
    await sim.run({ untilMs: 3 * HOUR });
    expect(events).toEqual([{ schedule: 'arn:aws:scheduler:us-east-1:000000000000:schedule/default/clock-nightly', scheduledTime: '2026-01-01T02:00:00Z', executionId: expect.stringMatching(/^[0-9a-f]{16}$/), attempt: '1' }]);
    expect(sim.trace.entries.find((e) => e.resource === 'report' && e.action === 'invoke')?.detail).toContain('async attempt 1 of 3');
  });
});

describe('rate schedules', () => {
  const FLOW = `app beats
type Tick = { source: string }
schedule heartbeat: Tick { every = 5m, input = { source = "heartbeat" } }
schedule paused: Tick { every = 1m, input = { source = "paused" }, state = disabled }
queue ticks: Tick
fn count(Tick)
fn never(Tick)
heartbeat -> ticks
paused -> never
ticks -> count
`;

  test('a rate fires at the start of the run and every period after; a disabled schedule never fires', async () => {
    const bodies: unknown[] = [];
    const sim = simulator(FLOW, { count: async (event: { Records: { body: string }[] }) => void bodies.push(...event.Records.map(bodyOf)), never: async () => undefined });
    await sim.run({ untilMs: 12 * 60_000 });
    expect(sim.trace.entries.filter((e) => e.action === 'fire').map((e) => [e.atMs, e.resource])).toEqual([
      [0, 'heartbeat'],
      [5 * 60_000, 'heartbeat'],
      [10 * 60_000, 'heartbeat'],
    ]);
    expect(bodies).toEqual([{ source: 'heartbeat' }, { source: 'heartbeat' }, { source: 'heartbeat' }]);
  });

  test('a run with schedules and no end time is refused', async () => {
    const sim = simulator(FLOW, { count: async () => undefined, never: async () => undefined });
    await expect(sim.run()).rejects.toThrow(SimulationInputError);
    await expect(sim.run()).rejects.toThrow(/schedules, which fire forever/);
  });

  test('a flexible window moves each invocation into the window, the same for the same seed', async () => {
    const flow = FLOW.replace('every = 5m,', 'every = 1h, window = 15m,');
    const times = async (seed: number) => {
      const sim = simulator(flow, { count: async () => undefined, never: async () => undefined }, { seed });
      await sim.run({ untilMs: 3 * HOUR });
      return sim.trace.entries.filter((e) => e.action === 'fire').map((e) => e.atMs);
    };
    const first = await times(7);
    expect(first).toHaveLength(3);
    first.forEach((at, i) => {
      expect(at).toBeGreaterThanOrEqual(i * HOUR);
      expect(at).toBeLessThan(i * HOUR + 15 * 60_000);
    });
    expect(await times(7)).toEqual(first);
  });
});

describe('refused deliveries', () => {
  test('are retried by the retry policy, then go to the dead-letter queue', async () => {
    const manifest = manifestOf(`app beats
type Tick = { source: string }
schedule heartbeat: Tick { every = 1h, input = { source = "heartbeat" }, retries = 2, dlq = missed }
queue ticks: Tick { fifo = true, dedupe = content }
queue missed
fn count(Tick)
ticks -> count
heartbeat -> ticks
`);
    // A FIFO queue that lost its content-based deduplication refuses every send (FL4068 stops it in a .flow file).
    const broken: FlowManifest = { ...manifest, queues: manifest.queues.map((q) => (q.name === 'ticks' ? { ...q, fifoSettings: { ...q.fifoSettings!, deduplication: null } } : q)) };
    const sim = new Simulator(broken, { count: (async () => undefined) as Handler }, { captureLogs: false });
    await sim.run({ untilMs: 30 * 60_000 });
    const errors = sim.trace.entries.filter((e) => e.resource === 'heartbeat' && e.action === 'error');
    expect(errors.map((e) => e.atMs)).toEqual([0, 60_000, 120_000]);
    expect(errors[2]!.detail).toContain('gave up (MaximumRetryAttemptsExceeded)');
    const [dead] = sim.queueMessages('missed');
    expect(dead?.body).toBe('{"source":"heartbeat"}');
    expect(dead?.attributes?.EXHAUSTED_RETRY_CONDITION?.StringValue).toBe('MaximumRetryAttemptsExceeded');
  });
});
