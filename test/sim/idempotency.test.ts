// Exactly-once effects in the simulator, with handlers bundled from their files by esbuild:
// the billing example under duplicate deliveries, flowc's DynamoDB store (which failed every
// message before: the simulated client lacked ConditionalCheckFailedException and the condition
// expression was not evaluated), and Powertools' idempotency, unchanged.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { simulate } from '../../compiler/testing.js';
import type { Flow as Billing } from '../../examples/billing/generated/flow.js';

const payment = (id: string, customer: string, amount: number) => ({ id, customer, amount, currency: 'EUR' as const });

/** What `charge` reads from SSM and Secrets Manager (examples/billing/events.json gives the same). */
const parameters = { '/billing/psp-url': 'https://psp.example.com' };
const secrets = { 'billing/psp-api-key': 'test-key' };

describe('examples/billing: duplicate deliveries, one charge each', () => {
  test('each payment is charged once; a redelivery gets the first answer; a reused id with another amount is refused', async () => {
    // Handler logs go to the trace (captureLogs, the default), not the test's output.
    const sim = await simulate<Billing>('examples/billing/billing.flow', { parameters, secrets });
    try {
      sim.putItem('accounts', { customer: 'ada', balance: 10_000, charges: 0, refunds: 0 });
      sim.putItem('accounts', { customer: 'bob', balance: 5_000, charges: 0, refunds: 0 });
      // p1 twice at once (in one batch), p2 now and again later, p3 once.
      sim.publish('requests', payment('p1', 'ada', 1200));
      sim.publish('requests', payment('p1', 'ada', 1200));
      sim.publish('requests', payment('p2', 'bob', 300));
      sim.publish('requests', payment('p3', 'ada', 500));
      await sim.advance('20s');
      sim.publish('requests', payment('p2', 'bob', 300));
      // A refund of p2, delivered twice: refund's keys are its own, so it runs once.
      sim.publish('refunds', payment('p2', 'bob', 300));
      sim.publish('refunds', payment('p2', 'bob', 300));
      // p1 again, with another amount.
      sim.publish('requests', payment('p1', 'ada', 9900));
      await sim.advance('30m');

      expect(sim.items('accounts')).toEqual([
        { customer: 'ada', balance: 10_000 - 1200 - 500, charges: 2, refunds: 0 },
        { customer: 'bob', balance: 5_000, charges: 1, refunds: 1 },
      ]);
      // One record per function and payment, each under its function's prefix.
      const records = sim.items('seen') as unknown as { id: string; status: string; expires_at: number }[];
      expect(records.map((r) => `${r.id.slice(0, r.id.indexOf('#'))} ${r.status}`).sort()).toEqual([
        'billing.charge COMPLETED',
        'billing.charge COMPLETED',
        'billing.charge COMPLETED',
        'billing.refund COMPLETED',
      ]);
      // Expiry in Unix seconds of virtual time (the simulation starts on 2026-01-01): charge keeps
      // its records a day, refund the default hour.
      const start = Date.parse('2026-01-01T00:00:00Z') / 1000;
      for (const record of records) {
        const kept = record.expires_at - start;
        if (record.id.startsWith('billing.charge#')) expect(kept).toBeGreaterThanOrEqual(24 * 3600);
        else expect(kept).toBe(3600 + 20);
      }
      expect(sim.messages('payments_dead')).toEqual([payment('p1', 'ada', 9900)]);
      const failures = sim.invocations('charge').flatMap((i) => (i.result as { batchItemFailures: unknown[] } | undefined)?.batchItemFailures ?? []);
      // The in-progress duplicate of p1 once, and the refused p1 on each of its 5 receives.
      expect(failures).toHaveLength(6);
    } finally {
      sim.dispose();
    }
  });
});

describe('examples/billing: the same deliveries with and without idempotency', () => {
  const root = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.flowc-tmp-billing-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** The billing example as it is, or with `charge` calling `debit` directly: the one line that differs. */
  function billing(idempotent: boolean): string {
    const dir = join(root, idempotent ? 'once' : 'plain');
    cpSync('examples/billing', dir, { recursive: true });
    if (!idempotent) {
      const file = join(dir, 'handlers/charge.ts');
      const text = readFileSync(file, 'utf8');
      const plain = text.replace('await once.onceFor(payment, () => debit(payment), { context })', 'await debit(payment)');
      expect(plain).not.toBe(text);
      writeFileSync(file, plain.replace(/^const once = .*$/m, ''));
    }
    return join(dir, 'billing.flow');
  }

  async function run(idempotent: boolean, options: { seed: number; duplicateProbability: number }) {
    const sim = await simulate<Billing>(billing(idempotent), { seed: options.seed, sqs: { duplicateProbability: options.duplicateProbability }, parameters, secrets });
    try {
      sim.putItem('accounts', { customer: 'ada', balance: 100_000, charges: 0, refunds: 0 });
      const amounts = Array.from({ length: 12 }, (_, i) => 100 + i);
      for (const [i, amount] of amounts.entries()) sim.publish('requests', payment(`p${i}`, 'ada', amount));
      // Each request again, later, as SNS may deliver it.
      await sim.advance('10s');
      for (const [i, amount] of amounts.entries()) sim.publish('requests', payment(`p${i}`, 'ada', amount));
      await sim.advance('30m');
      const deliveries = sim.invocations('charge').reduce((n, i) => n + (i.event as { Records: unknown[] }).Records.length, 0);
      const [account] = sim.items('accounts');
      return { account, deliveries, charged: amounts.reduce((a, b) => a + b, 0) };
    } finally {
      sim.dispose();
    }
  }

  test('with idempotency each payment is charged once, whatever the duplicates; without, the redeliveries charge again', async () => {
    const plain = await run(false, { seed: 1, duplicateProbability: 0 });
    expect(plain.account).toEqual({ customer: 'ada', balance: 100_000 - 2 * plain.charged, charges: 24, refunds: 0 });
    for (const seed of [1, 2, 3]) {
      // SQS's own at-least-once delivery on top: some messages are stored twice.
      const once = await run(true, { seed, duplicateProbability: 0.3 });
      expect(once.deliveries).toBeGreaterThan(24);
      expect(once.account).toEqual({ customer: 'ada', balance: 100_000 - once.charged, charges: 12, refunds: 0 });
    }
  });
});

describe('idempotency stores in the simulator, bundled with the handler', () => {
  const root = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.flowc-tmp-idempotency-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function project(name: string, flow: string, handler: string): string {
    const dir = join(root, name);
    mkdirSync(join(dir, 'handlers'), { recursive: true });
    writeFileSync(join(dir, 'app.flow'), flow);
    writeFileSync(join(dir, 'handlers/work.ts'), handler);
    return join(dir, 'app.flow');
  }

  test("flowc's DynamoDB store claims, replays and validates through the simulated DynamoDB", async () => {
    const flowFile = project(
      'flowc-store',
      'app demo\ntype Job = { id: string, n: int }\ntype Seen = { id: string, expires_at: int }\ntable seen: Seen { ttl = expires_at }\nfn work(Job) { retries = 0, idempotency = seen }\n',
      `import { tableIdempotency } from 'flowc/runtime';
import type { Context } from 'aws-lambda';
const once = tableIdempotency<{ id: string; n: number }>({ table: 'seen', keyAttribute: 'id', sortKeyAttribute: null, expiryAttribute: 'expires_at', prefix: 'demo.work' })({ key: ['id'] });
let runs = 0;
export const handler = async (job: { id: string; n: number }, context: Context) => once.onceFor(job, async () => ({ run: ++runs }), { context });
`,
    );
    const sim = await simulate(flowFile, { captureLogs: false });
    try {
      for (const job of [{ id: 'a', n: 1 }, { id: 'a', n: 1 }, { id: 'b', n: 1 }, { id: 'a', n: 2 }]) {
        sim.invoke('work', job);
        await sim.advance('1s');
      }
      const outcomes = sim.invocations('work').map((i) => i.result ?? (i.error as Error).name);
      expect(outcomes).toEqual([{ run: 1 }, { run: 1 }, { run: 2 }, 'IdempotencyValidationError']);
      expect((sim.items('seen') as unknown as { status: string }[]).map((r) => r.status)).toEqual(['COMPLETED', 'COMPLETED']);
    } finally {
      sim.dispose();
    }
  });

  // A run that times out dies holding its key. The retry comes after the queue's visibility
  // timeout (3 minutes here): with the Lambda context, the lock ended with the invocation and the
  // retry takes the key over; without it, the key stays locked for lockSeconds (900 s), and
  // every receive until then fails as in progress.
  async function timedOut(withContext: boolean) {
    const flowFile = project(
      withContext ? 'timeout-context' : 'timeout-no-context',
      'app demo\ntype Job = { id: string }\ntype Seen = { id: string, expires_at: int }\ntable seen: Seen { ttl = expires_at }\nqueue jobs: Job { visibility = 3m }\nfn work(Job) { timeout = 30s, idempotency = seen }\njobs -> work { batch = 1 }\n',
      `import { tableIdempotency } from 'flowc/runtime';
import type { Context, SQSEvent } from 'aws-lambda';
const once = tableIdempotency<{ id: string }>({ table: 'seen', keyAttribute: 'id', sortKeyAttribute: null, expiryAttribute: 'expires_at', prefix: 'demo.work' })({ key: ['id'] });
export const handler = async (event: SQSEvent, context: Context) => {
  const [record] = event.Records;
  const job = JSON.parse(record.body) as { id: string };
  // The first receive hangs past the function's timeout; later ones finish at once.
  const hang = record.attributes.ApproximateReceiveCount === '1';
  return once.onceFor(job, () => (hang ? new Promise<never>(() => undefined) : Promise.resolve({ done: job.id })), ${withContext ? '{ context }' : '{}'});
};
`,
    );
    const sim = await simulate(flowFile, { captureLogs: false });
    try {
      sim.send('jobs', { id: 'j1' });
      await sim.advance('20m');
      return sim.invocations('work').map((i) => ({ atMinute: Math.floor(i.atMs / 60_000), outcome: i.result ?? String((i.error as Error).message ?? (i.error as { errorMessage?: string }).errorMessage) }));
    } finally {
      sim.dispose();
    }
  }

  test('after a timeout, the retry takes the key over once the invocation would have ended (the Lambda context), not after 900 s', async () => {
    const withContext = await timedOut(true);
    expect(withContext).toEqual([
      { atMinute: 0, outcome: expect.stringContaining('Task timed out after 30.00 seconds') },
      { atMinute: 3, outcome: { done: 'j1' } },
    ]);
    const withoutContext = await timedOut(false);
    const firstSuccess = withoutContext.findIndex((i) => typeof i.outcome === 'object');
    expect(withoutContext[0]?.outcome).toEqual(expect.stringContaining('Task timed out'));
    expect(withoutContext.slice(1, firstSuccess).every((i) => String(i.outcome).includes('is being processed by another delivery'))).toBe(true);
    expect(firstSuccess).toBeGreaterThan(1);
    expect(withoutContext[firstSuccess]?.atMinute).toBeGreaterThanOrEqual(15);
  });

  test("Powertools' makeIdempotent with its DynamoDB persistence layer runs unchanged (PutItem conditions, UpdateItem, the SDK's exception)", async () => {
    const flowFile = project(
      'powertools',
      // Powertools also calls GetItem and UpdateItem: its table goes in `sends` (docs/runtime.md).
      'app demo\ntype Job = { id: string, n: int }\ntype Seen = { id: string, expiration: int }\ntable seen: Seen { ttl = expiration }\nfn work(Job) { retries = 0, sends = [seen] }\n',
      `import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
const persistenceStore = new DynamoDBPersistenceLayer({ tableName: process.env.FLOWC_TABLE_SEEN ?? '' });
const config = new IdempotencyConfig({ eventKeyJmesPath: 'id', payloadValidationJmesPath: 'n' });
let runs = 0;
export const handler = makeIdempotent(async (_job: { id: string; n: number }, _context: Context) => ({ run: ++runs }), { persistenceStore, config });
`,
    );
    const sim = await simulate(flowFile, { captureLogs: false });
    try {
      for (const job of [{ id: 'a', n: 1 }, { id: 'a', n: 1 }, { id: 'b', n: 1 }, { id: 'a', n: 2 }]) {
        sim.invoke('work', job);
        await sim.advance('1s');
      }
      const outcomes = sim.invocations('work').map((i) => i.result ?? (i.error as Error).name);
      expect(outcomes).toEqual([{ run: 1 }, { run: 1 }, { run: 2 }, 'IdempotencyValidationError']);
      const records = sim.items('seen') as unknown as Record<string, unknown>[];
      // Powertools' record: the result in `data`, a hash of `n` in `validation`, and its key prefix
      // AWS_LAMBDA_FUNCTION_NAME (the simulator sets the flow's name, `work`; Lambda `demo-work`).
      const shown = records.map((r) => ({ prefix: String(r.id).slice(0, String(r.id).indexOf('#')), status: r.status, data: r.data, validated: typeof r.validation === 'string' }));
      expect(shown.sort((x, y) => (x.data as { run: number }).run - (y.data as { run: number }).run)).toEqual([
        { prefix: expect.stringMatching(/^(demo-)?work$/), status: 'COMPLETED', data: { run: 1 }, validated: true },
        { prefix: expect.stringMatching(/^(demo-)?work$/), status: 'COMPLETED', data: { run: 2 }, validated: true },
      ]);
    } finally {
      sim.dispose();
    }
  });
});
