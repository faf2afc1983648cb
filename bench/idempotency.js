// `node bench/idempotency.js`: flowc's idempotency helper against @aws-lambda-powertools/idempotency
// (issue 14, "wrap Powertools or keep flowc's own store"), each in a handler that runs one payload
// once per key in a DynamoDB table:
//   1. the handler's bundle as `flowc package` makes it (ESM, `@aws-sdk/*` external), in bytes;
//   2. cold start: importing the bundle in a fresh Node process, alone and with the DynamoDB
//      client package loaded too (Powertools imports it at start, flowc on the first call);
//   3. time per call in the simulator, first runs (claim, work, complete) and replays (claim
//      fails, the record comes back), over a handler that does the same work without idempotency.
// Medians of --runs (default 7) processes or passes; --calls N (default 500) per pass; --quick for
// a smoke run. Writes nothing: docs/runtime.md quotes the numbers of one run on the 2-core machine.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from '../scripts/load-ts.js';
import { flag, numberOption } from './common.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = flag('--quick');
const runs = numberOption('--runs', quick ? 1 : 7);
const calls = numberOption('--calls', quick ? 20 : 500);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const handlers = {
  none: `let runs = 0;
export const handler = async (job) => ({ run: ++runs, id: job.id });
`,
  flowc: `import { tableIdempotency } from 'flowc/runtime';
const once = tableIdempotency({ table: 'seen', keyAttribute: 'id', sortKeyAttribute: null, expiryAttribute: 'expiration', prefix: 'bench.work' })({ key: ['id'] });
let runs = 0;
export const handler = async (job, context) => once.onceFor(job, async () => ({ run: ++runs, id: job.id }), { context });
`,
  powertools: `import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
const persistenceStore = new DynamoDBPersistenceLayer({ tableName: process.env.FLOWC_TABLE_SEEN ?? 'bench-seen' });
const config = new IdempotencyConfig({ eventKeyJmesPath: 'id', payloadValidationJmesPath: 'n' });
let runs = 0;
export const handler = makeIdempotent(async (job) => ({ run: ++runs, id: job.id }), { persistenceStore, config });
`,
};

const FLOW = 'app bench\ntype Job = { id: string, n: int }\ntype Seen = { id: string, expiration: int }\ntable seen: Seen { ttl = expiration }\nfn work(Job) { retries = 0, idempotency = seen }\n';
// Powertools' store also reads and updates its records (GetItem, UpdateItem), which flowc's
// idempotency grant does not allow (runtime/aws/iam.ts): on AWS its role needs the table in `sends`,
// and the simulator refuses the calls without it, as IAM would.
const FLOWS = { none: FLOW, flowc: FLOW, powertools: FLOW.replace('idempotency = seen }', 'idempotency = seen, sends = [seen] }') };

const work = mkdtempSync(join(root, 'bench/.flowc-tmp-idempotency-'));
try {
  // 1 and 2: bundles and cold imports.
  const sizes = {};
  const imports = {};
  for (const name of ['flowc', 'powertools']) {
    const dir = join(work, name);
    mkdirSync(join(dir, 'handlers'), { recursive: true });
    writeFileSync(join(dir, 'handlers/work.js'), handlers[name]);
    const result = await build({
      entryPoints: [join(dir, 'handlers/work.js')],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['@aws-sdk/*'],
      alias: { 'flowc/runtime': join(root, 'runtime/index.ts') },
      legalComments: 'none',
      logLevel: 'silent',
      outfile: join(dir, 'work.mjs'),
    });
    const bundle = result.outputFiles[0].contents;
    sizes[name] = bundle.length;
    // Under the repository, so that the external SDK resolves from its node_modules.
    const file = join(dir, 'work.mjs');
    writeFileSync(file, bundle);
    const time = (withSdk) => {
      const script = `const t = performance.now(); await import(${JSON.stringify(file)}); ${withSdk ? "await import('@aws-sdk/client-dynamodb');" : ''} console.log(performance.now() - t);`;
      const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, AWS_REGION: 'us-east-1', NODE_NO_WARNINGS: '1' } });
      if (out.status !== 0) throw new Error(out.stderr);
      return Number(out.stdout.trim().split('\n').at(-1));
    };
    imports[name] = {
      alone: median(Array.from({ length: runs }, () => time(false))),
      withSdk: median(Array.from({ length: runs }, () => time(true))),
    };
  }

  // 3: per call in the simulator.
  const { simulate } = await loadTs('compiler/testing.ts');
  const perCall = {};
  for (const name of ['none', 'flowc', 'powertools']) {
    const dir = join(work, `sim-${name}`);
    mkdirSync(join(dir, 'handlers'), { recursive: true });
    writeFileSync(join(dir, 'app.flow'), FLOWS[name]);
    // The flow's handler file is handlers/work.ts (the default); the code is plain JavaScript.
    writeFileSync(join(dir, 'handlers/work.ts'), handlers[name]);
    // Every invocation kept, so that the count below checks that each call ran (the default keeps the last 1000).
    const sim = await simulate(join(dir, 'app.flow'), { captureLogs: false, keepInvocations: 'all' });
    const pass = async (label) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) sim.invoke('work', { id: `${label}-${i % calls}`, n: 1 });
      await sim.settle();
      return Number(process.hrtime.bigint() - start) / 1e6 / calls;
    };
    // A warm-up pass: the first calls compile the handler's and the simulator's code.
    await pass('warm');
    await pass('warm');
    const first = [];
    const replay = [];
    for (let r = 0; r < runs; r++) {
      first.push(await pass(`r${r}`));
      replay.push(await pass(`r${r}`));
    }
    perCall[name] = { first: median(first), replay: median(replay) };
    const invocations = sim.invocations('work');
    const failed = invocations.filter((i) => i.error !== undefined);
    if (failed.length > 0) throw new Error(`${name}: ${failed.length} invocations failed: ${failed[0].error}`);
    if (invocations.length !== calls * (2 * runs + 2)) throw new Error(`${name}: ${invocations.length} invocations, expected ${calls * (2 * runs + 2)}`);
    sim.dispose();
  }

  const ms = (value) => `${value.toFixed(2)} ms`;
  const us = (value) => `${Math.round(value * 1000)} µs`;
  console.log(`runs ${runs}, ${calls} calls per pass, Node ${process.version}`);
  console.log('| | flowc | Powertools |');
  console.log('| --- | --- | --- |');
  console.log(`| handler bundle (ESM, @aws-sdk external) | ${(sizes.flowc / 1024).toFixed(1)} KiB | ${(sizes.powertools / 1024).toFixed(1)} KiB |`);
  console.log(`| cold import of the bundle | ${ms(imports.flowc.alone)} | ${ms(imports.powertools.alone)} |`);
  console.log(`| cold import with @aws-sdk/client-dynamodb | ${ms(imports.flowc.withSdk)} | ${ms(imports.powertools.withSdk)} |`);
  console.log(`| simulator, first run, over no idempotency (${us(perCall.none.first)}) | +${us(perCall.flowc.first - perCall.none.first)} | +${us(perCall.powertools.first - perCall.none.first)} |`);
  console.log(`| simulator, replay, over no idempotency (${us(perCall.none.replay)}) | +${us(perCall.flowc.replay - perCall.none.replay)} | +${us(perCall.powertools.replay - perCall.none.replay)} |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
