import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { nodeHost, type Host } from '../../compiler/cli/host.js';
import { main } from '../../compiler/cli/main.js';

const root = new URL('../../', import.meta.url).pathname;

/** The real file system, with the output captured. */
function capturingHost(): Host & { out: string; err: string } {
  const base = nodeHost();
  const host = { ...base, cwd: root, out: '', err: '', stdout: (text: string) => void (host.out += text), stderr: (text: string) => void (host.err += text) };
  return host;
}

async function sim(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const host = capturingHost();
  const code = await main(['sim', ...args], host);
  return { code, out: host.out, err: host.err };
}

/** Ids made stable: each distinct UUID or 8-hex short id becomes #1, #2, … */
function normalize(text: string): string {
  const ids = new Map<string, string>();
  return text.replace(/\b([0-9a-f]{8})(?:-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?\b/g, (_, id: string) => {
    if (!ids.has(id)) ids.set(id, `#${ids.size + 1}`);
    return ids.get(id)!;
  });
}

describe('flowc sim on the examples', () => {
  test('shop: the failing charge is retried 1 minute later and lands on the audit bus, where refund picks it up', async () => {
    const { code, out, err } = await sim('examples/shop/shop.flow', '--events', 'examples/shop/events.json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const trace = normalize(out);
    expect(trace).toContain('flowc sim shop · seed 1 · 13 events · until +00:10:00.000\n');
    // shop.flow sets `retries = 1` on charge: one retry, about a minute after the failure (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html).
    for (const line of [
      '+00:00:01.000  charge       error        Error: card declined for order o-2: 1899 is over the limit of 1000 · attempt 2 at +00:01:01.000 (in 1m)',
      '+00:01:01.000  charge       invoke       async attempt 2 of 2 · request #5',
      '+00:01:01.000  charge       error        Error: card declined for order o-2: 1899 is over the limit of 1000 · retries exhausted after 2 attempts',
      '+00:01:01.000  charge       destination  failure → audit (bus) · RetriesExhausted after 2 attempts',
      '+00:01:01.000  refund       log          refunding order o-2 of bob after 2 attempts: card declined for order o-2: 1899 is over the limit of 1000',
      '+00:00:15.000  payouts      duplicate    from events.json dropped: deduplication id #12 was sent at +00:00:10.000, within 5m',
      '+00:00:30.000  clicks       bisect       batch of 4 split into 2 + 2',
      '+00:00:35.000  clicks       on-failure   1 record of shardId-000000000002 discarded (49002000000000000003): RetryAttemptsExhausted, 4 attempts failed (retries 3) → clicks_dead',
    ]) {
      expect(trace).toContain(`${line}\n`);
    }
    await expect(trace).toMatchFileSnapshot('__snapshots__/shop.trace.txt');
  });

  test.each(['ledger', 'telemetry', 'billing'])('%s runs with its handlers and events, and its trace is the reviewed one', async (name) => {
    const { code, out, err } = await sim(`examples/${name}/${name}.flow`, '--events', `examples/${name}/events.json`);
    expect(err).toBe('');
    expect(code).toBe(0);
    await expect(normalize(out)).toMatchFileSnapshot(`__snapshots__/${name}.trace.txt`);
  });

  test('telemetry: paging that keeps failing is retried 1 and 2 minutes later, then escalated from the bus', async () => {
    const trace = normalize((await sim('examples/telemetry/telemetry.flow', '--events', 'examples/telemetry/events.json')).out).replace(/ {2,}/g, '  ');
    expect(trace).toMatch(/\+00:00:26\.000  page  error  Error: pager service of plant-b is not answering · attempt 2 at \+00:01:26\.000 \(in 1m\)\n/);
    expect(trace).toMatch(/\+00:01:26\.000  page  error  Error: pager service of plant-b is not answering · attempt 3 at \+00:03:26\.000 \(in 2m\)\n/);
    expect(trace).toMatch(/\+00:03:26\.000  escalate  log  escalating to the duty manager after 3 paging attempts: pager service of plant-b is not answering\n/);
  });

  test('the same seed prints the same bytes; --seed changes the ids', async () => {
    const first = await sim('examples/shop/shop.flow', '--events', 'examples/shop/events.json');
    const second = await sim('examples/shop/shop.flow', '--events', 'examples/shop/events.json');
    const other = await sim('examples/shop/shop.flow', '--events', 'examples/shop/events.json', '--seed', '2');
    expect(second.out).toBe(first.out);
    expect(other.out).not.toBe(first.out);
    expect(normalize(other.out).replaceAll('seed 2', 'seed 1')).toBe(normalize(first.out));
  });

  test('--format json prints the trace and the summary as one document; --until cuts the run', async () => {
    const { code, out } = await sim('examples/shop/shop.flow', '--events', 'examples/shop/events.json', '--format', 'json', '--until', '30s');
    expect(code).toBe(0);
    const document = JSON.parse(out) as { app: string; seed: number; trace: { time: string; atMs: number; resource: string; action: string; detail: string }[]; summary: { endMs: number } };
    expect(document.app).toBe('shop');
    expect(document.seed).toBe(1);
    expect(document.summary.endMs).toBe(30_000);
    expect(document.trace[0]).toEqual({ time: '+00:00:00.000', atMs: 0, resource: 'placed', action: 'publish', detail: expect.stringContaining('from events.json') });
    expect(document.trace.every((entry) => entry.atMs <= 30_000)).toBe(true);
  });
});

describe('flowc sim: errors and exit codes', () => {
  const dir = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.flowc-tmp-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a bad events file is a usage error (exit 2) that says where', async () => {
    writeFileSync(join(dir, 'bad-events.json'), '{"events": [{"to": "placed", "mesage": {}}]}');
    const { code, err } = await sim('examples/shop/shop.flow', '--events', join(dir, 'bad-events.json'));
    expect(code).toBe(2);
    expect(err).toContain('events[0]: "mesage" does not apply to topic placed (it takes message, groupId, deduplicationId, subject)');
  });

  test('a payload of the wrong type is refused before the run', async () => {
    writeFileSync(join(dir, 'typed-events.json'), '{"events": [{"to": "placed", "message": {"id": 1}}]}');
    const { code, err } = await sim('examples/shop/shop.flow', '--events', join(dir, 'typed-events.json'));
    expect(code).toBe(2);
    expect(err).toBe('flowc: error: the message for topic placed does not have the declared type: $.id: expected a string, got 1\n');
  });

  test('a flow with errors prints its diagnostics and exits 1', async () => {
    writeFileSync(join(dir, 'broken.flow'), 'app broken\nqueue q: Nope\n');
    const { code, out } = await sim(join(dir, 'broken.flow'));
    expect(code).toBe(1);
    expect(out).toContain('FL2002');
  });

  test('a run that would pass the virtual-time limit prints the trace so far, the error with the seed, and exits 1', async () => {
    // No handler: every receive fails, and the message comes back every 12 hours for 14 days.
    const project = join(dir, 'stuck');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'stuck.flow'), 'app stuck\ntype Job = { id: string }\nqueue jobs: Job { visibility = 12h, retention = 14d }\nfn work(Job)\njobs -> work\n');
    writeFileSync(join(project, 'events.json'), '{"seed": 4, "events": [{"to": "jobs", "message": {"id": "first"}}]}');
    const { code, out, err } = await sim(join(project, 'stuck.flow'));
    expect(code).toBe(1);
    expect(out).toContain('flowc sim stuck · seed 4 · 1 event · until nothing is left to do\n');
    expect(out).toContain('+6d 12:00:00.000  work  invoke  batch of 1 from jobs');
    expect(err).toBe(
      'flowc: warning: no handler file handlers/work.ts for `work`: its invocations fail with Runtime.HandlerNotFound\n' +
        'flowc: error: virtual time would pass the limit of 7d with 1 events still pending: give an end time (--until) or raise limits.maxVirtualTime (seed 4; rerun with --seed 4 to replay this run exactly)\n',
    );
  });

  test('a function without a handler file is a warning; its invocations fail with Runtime.HandlerNotFound', async () => {
    const project = join(dir, 'nohandler');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'app.flow'), 'app bare\ntype Job = { id: string }\nfn work(Job) { retries = 0 }\n');
    writeFileSync(join(project, 'events.json'), '{"events": [{"to": "work", "event": {"id": "j"}}]}');
    const { code, out, err } = await sim(join(project, 'app.flow'));
    expect(code).toBe(0);
    expect(err).toBe('flowc: warning: no handler file handlers/work.ts for `work`: its invocations fail with Runtime.HandlerNotFound\n');
    expect(out).toContain('work  error   Runtime.HandlerNotFound: handlers/work.ts is missing or has no `handler` export · no retries\n');
  });

  test('handler faults fail their invocations, and the process prints the whole trace and summary and exits 0', () => {
    // In a process of its own: a promise that never settles used to end it with exit code 13.
    const project = join(dir, 'faulty');
    mkdirSync(join(project, 'handlers'), { recursive: true });
    writeFileSync(
      join(project, 'faulty.flow'),
      'app faulty\ntype Job = { id: string }\nfn hang(Job) { timeout = 2s, retries = 0 }\nfn cycle(Job) { retries = 0 }\nfn number(Job) { retries = 0 }\nfn timer(Job) { retries = 0 }\nfn fine(Job)\n',
    );
    const handlers: Record<string, string> = {
      hang: 'export const handler = () => new Promise(() => undefined);',
      cycle: 'export const handler = async () => { const order: Record<string, unknown> = {}; order.self = order; return order; };',
      number: 'export const handler = async () => { throw 42; };',
      timer: "export const handler = () => new Promise(() => { setTimeout(() => { throw new Error('thrown from a timer'); }, 1); });",
      fine: "export const handler = async () => 'fine';",
    };
    for (const [fn, source] of Object.entries(handlers)) writeFileSync(join(project, 'handlers', `${fn}.ts`), `${source}\n`);
    const events = Object.keys(handlers).map((fn, i) => ({ at: `${i}m`, to: fn, event: { id: fn } }));
    writeFileSync(join(project, 'events.json'), JSON.stringify({ events }));
    const result = spawnSync(process.execPath, [join(root, 'bin/flowc.js'), 'sim', join(project, 'faulty.flow')], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = result.stdout.replace(/ {2,}/g, '  ');
    for (const line of [
      "+00:00:00.000  hang  warning  the handler's promise can never settle: it is pending and nothing is left to run · the invocation times out",
      '+00:00:02.000  hang  error  Task timed out after 2.00 seconds · no retries',
      '+00:01:00.000  cycle  error  Runtime.JSONStringifyError: Unable to stringify response body · no retries',
      '+00:02:00.000  number  error  number: 42 · no retries',
      '+00:03:00.000  timer  error  Error: thrown from a timer · no retries',
      '+00:04:00.000  fine  ok  returned fine',
      '  errors  cycle Runtime.JSONStringifyError 1 · hang timeout 1 · number number 1 · timer Error 1',
    ]) {
      expect(out).toContain(`${line}\n`);
    }
  });
});
