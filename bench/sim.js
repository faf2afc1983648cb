// `node bench/sim.js`: the simulator's performance (issue 6), as medians and ratios.
//   1. Simulated invocations per second of a queue -> function mapping with a trivial async
//      handler (batch 1 and batch 10; trace on and off), against two floors: a bare loop awaiting
//      the same handler with one prebuilt SQS event, and a loop that builds the SQS event of each
//      call (as a hand-written test harness would, MD5 of the body included). The budget: at
//      least 1/4 of the bare loop. The messages are sent before run() is timed, and SendMessage
//      makes each body's MD5 (as SQS does): a second ratio times the sending with run().
//   2. One simulated hour of a flow with retries everywhere: SNS -> function (async retries at
//      +1 and +2 min, failure destination to a queue), a queue with a failing consumer and a
//      dead-letter queue, and a Kinesis stream with a poison record and bisect. The budget: well
//      under a second of wall time.
//   3. The shop example (examples/shop, its handlers and events.json) run again and again, each
//      time in a fresh simulator with the CLI's options (trace and captured logs on): simulated
//      invocations per second of `run()`.
// Ratios are the median of per-run ratios: each run times the simulator and its floor one after
// the other, so a noisy machine slows both.
// Options: --runs N (default 7), --messages N (default 100,000), --batch N (only that batch
// size), --quick (one small run: the smoke test of the test suite).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadTs } from '../scripts/load-ts.js';
import { flag, numberOption } from './common.js';

const quick = flag('--quick');
const runs = numberOption('--runs', quick ? 1 : 7);
const messages = numberOption('--messages', quick ? 2_000 : 100_000);
const onlyBatch = numberOption('--batch', undefined);

const { compileText } = await loadTs('compiler/program.ts');
const { Simulator } = await loadTs('runtime/sim/simulator.ts');
const { loadHandlers } = await loadTs('runtime/sim/load-handlers.ts');
const { parseEventsFile } = await loadTs('runtime/sim/events-file.ts');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function manifestOf(text) {
  const result = compileText('bench.flow', text);
  if (!result.manifest) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.manifest;
}

const handler = async (event) => event.Records.length;

/**
 * Simulated invocations per second of `run()`: `messages` messages in a queue, drained by one
 * mapping; and the seconds their sending took (untimed in the first figure: the MD5 of each body
 * is made there, as SQS does on SendMessage, while the loop building events makes it per call).
 */
async function simulated(batch, trace) {
  const manifest = manifestOf(`app bench\ntype Job = { id: string }\nqueue jobs: Job\nfn work(Job)\njobs -> work { batch = ${batch}${batch > 10 ? ', window = 1s' : ''} }\n`);
  const sim = new Simulator(manifest, { work: handler }, { trace, captureLogs: false, limits: { maxEvents: 10_000_000, maxTraceEntries: 10_000_000 } });
  const sendStart = process.hrtime.bigint();
  for (let i = 0; i < messages; i++) sim.router.sendMessage('jobs', { body: `{"id":"j${i}"}`, from: 'bench' });
  const start = process.hrtime.bigint();
  await sim.run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const sendSeconds = Number(start - sendStart) / 1e9;
  const invocations = sim.summary().functions.work.invocations;
  if (invocations !== Math.ceil(messages / batch)) throw new Error(`expected ${Math.ceil(messages / batch)} invocations, got ${invocations}`);
  sim.dispose();
  return { perSecond: invocations / seconds, sendSeconds, invocations };
}

function sqsRecord(i) {
  const body = `{"id":"j${i}"}`;
  return {
    messageId: `m${i}`,
    receiptHandle: `m${i}#1`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1767225600000', SenderId: 'AIDAEXAMPLE', ApproximateFirstReceiveTimestamp: '1767225600000' },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:bench-jobs',
    awsRegion: 'us-east-1',
  };
}

/** The second floor: a loop that builds each call's SQS event, then awaits the handler. */
async function buildingLoop(batch) {
  const context = { functionName: 'work', awsRequestId: 'r', getRemainingTimeInMillis: () => 3000 };
  const invocations = Math.ceil(messages / batch);
  const start = process.hrtime.bigint();
  for (let i = 0; i < invocations; i++) {
    const records = [];
    for (let j = 0; j < batch; j++) records.push(sqsRecord(i * batch + j));
    await handler({ Records: records }, context);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return invocations / seconds;
}

/** The floor: a loop awaiting the same handler with a prebuilt event of `batch` records. */
async function bareLoop(batch) {
  const record = (i) => ({
    messageId: `m${i}`,
    receiptHandle: `m${i}#1`,
    body: `{"id":"j${i}"}`,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:jobs',
    awsRegion: 'us-east-1',
  });
  const event = { Records: Array.from({ length: batch }, (_, i) => record(i)) };
  const context = { functionName: 'work', awsRequestId: 'r', getRemainingTimeInMillis: () => 3000 };
  const invocations = Math.ceil(messages / batch);
  const start = process.hrtime.bigint();
  for (let i = 0; i < invocations; i++) await handler(event, context);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return invocations / seconds;
}

const HOUR_FLOW = `app hour
type Order = { id: string, total: number }
type Click = { session: string, page: string }
topic orders: Order
queue charged_failures
queue jobs: Order { dlq = jobs_dead, max_receives = 3, visibility = 30s }
queue jobs_dead: Order
queue clicks_dead
stream clicks: Click { shards = 2, partition = session }
fn charge(Order) { timeout = 10s }
fn work(Order) { timeout = 10s }
fn track(Click)
orders -> charge
charge.failure -> charged_failures
jobs -> work { batch = 10, window = 5s }
clicks -> track { batch = 100, window = 1s, retries = 2, bisect = true, max_age = 10m, start = latest, on_failure = clicks_dead }
`;

/** One simulated hour: an order a second (1 in 10 fails every attempt), a job every 2 s (1 in 20 poison), clicks. */
async function simulatedHour() {
  const manifest = manifestOf(HOUR_FLOW);
  const sim = new Simulator(
    manifest,
    {
      charge: async (event) => {
        const order = JSON.parse(event.Records[0].Sns.Message);
        if (order.total % 10 === 0) throw new Error('declined');
        return order.id;
      },
      work: async (event) => {
        if (event.Records.some((record) => JSON.parse(record.body).total % 20 === 0)) throw new Error('poison');
      },
      track: async (event) => {
        for (const record of event.Records) if (Buffer.from(record.kinesis.data, 'base64').toString().includes('"poison"')) throw new Error('poison click');
      },
    },
    { captureLogs: false },
  );
  for (let second = 0; second < 3600; second++) {
    sim.inject({ kind: 'publish', topic: 'orders', message: { id: `o${second}`, total: second } }, second * 1000, 'bench');
    if (second % 2 === 0) sim.inject({ kind: 'send', queue: 'jobs', message: { id: `j${second}`, total: second / 2 } }, second * 1000, 'bench');
    sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: `s${second % 7}`, page: second % 600 === 0 ? 'poison' : `p${second}` } }, second * 1000, 'bench');
  }
  const start = process.hrtime.bigint();
  await sim.run({ untilMs: 3_600_000 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const summary = sim.summary();
  sim.dispose();
  return { ms, summary };
}

const rows = [];
for (const batch of onlyBatch === undefined ? [1, 10] : [onlyBatch]) {
  const loop = [];
  const building = [];
  const withTrace = [];
  const withoutTrace = [];
  const vsBare = [];
  const vsBuilding = [];
  const withSendsVsBuilding = [];
  for (let run = 0; run < runs; run++) {
    loop.push(await bareLoop(batch));
    building.push(await buildingLoop(batch));
    withTrace.push((await simulated(batch, true)).perSecond);
    const off = await simulated(batch, false);
    withoutTrace.push(off.perSecond);
    vsBare.push(off.perSecond / loop[run]);
    vsBuilding.push(off.perSecond / building[run]);
    withSendsVsBuilding.push(off.invocations / (off.invocations / off.perSecond + off.sendSeconds) / building[run]);
  }
  rows.push({ batch, loop: median(loop), building: median(building), trace: median(withTrace), noTrace: median(withoutTrace), vsBare: median(vsBare), vsBuilding: median(vsBuilding), withSendsVsBuilding: median(withSendsVsBuilding) });
}

const format = (n) => Math.round(n).toLocaleString('en-US');
const ratio = (value) => (value >= 1 ? `${value.toFixed(2)}×` : `1/${(1 / value).toFixed(2)}`);
console.log(`queue -> function, ${messages.toLocaleString('en-US')} messages, median of ${runs} runs (invocations per second)`);
console.log('| batch | bare loop | loop building events | simulated, trace on | simulated, trace off | trace off vs bare | trace off vs building |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(`| ${row.batch} | ${format(row.loop)} | ${format(row.building)} | ${format(row.trace)} | ${format(row.noTrace)} | ${ratio(row.vsBare)} | ${ratio(row.vsBuilding)} |`);
}
for (const row of rows) {
  console.log(`batch ${row.batch}, trace off, the sending of the messages (each body's MD5 made there) timed with run(): ${ratio(row.withSendsVsBuilding)} of the loop building events`);
}

/** The shop example's events, `repeat` times, each in a fresh simulator as `flowc sim` runs them: invocations per second of `run()`. */
async function shopEvents(repeat) {
  const dir = new URL('../examples/shop/', import.meta.url).pathname;
  const manifest = manifestOf(readFileSync(`${dir}shop.flow`, 'utf8'));
  const events = parseEventsFile(readFileSync(`${dir}events.json`, 'utf8'), manifest);
  const loaded = await loadHandlers(manifest, dir);
  let invocations = 0;
  let seconds = 0;
  for (let i = 0; i < repeat; i++) {
    const sim = new Simulator(manifest, loaded.handlers, { seed: events.seed }, { hostResources: loaded.hostResources });
    for (const event of events.events) sim.inject(event.injection, event.atMs, 'events.json');
    const start = process.hrtime.bigint();
    await sim.run(events.untilMs === undefined ? {} : { untilMs: events.untilMs });
    seconds += Number(process.hrtime.bigint() - start) / 1e9;
    invocations += sim.summary().invocations;
    sim.dispose();
  }
  return { perSecond: invocations / seconds, perRun: invocations / repeat };
}

const shop = [];
let shopRun;
for (let run = 0; run < runs; run++) {
  shopRun = await shopEvents(quick ? 2 : 200);
  shop.push(shopRun.perSecond);
}
console.log(`\nexamples/shop events (${shopRun.perRun} invocations a run, trace and logs on): median ${format(median(shop))} invocations per second over ${runs} runs`);

const hours = [];
let last;
for (let run = 0; run < runs; run++) {
  last = await simulatedHour();
  hours.push(last.ms);
}
const s = last.summary;
console.log(
  `\none simulated hour with retries: median ${median(hours).toFixed(0)} ms wall time over ${runs} runs ` +
    `(${s.events.toLocaleString('en-US')} events, ${s.invocations.toLocaleString('en-US')} invocations, ` +
    `${s.retries.async} async retries, ${s.retries.queueRedeliveries} queue redeliveries, ${s.retries.stream} stream retries, ` +
    `${Object.values(s.deadLettered).reduce((a, b) => a + b, 0)} dead-lettered)`,
);
