// `node bench/cdk/run.js`: flowc against the AWS CDK on the same topology (issue 19), printed
// side by side. Optional, and not part of `npm run bench`: it needs this folder's own packages
// (`npm ci` in bench/cdk: aws-cdk-lib and the aws-cdk CLI, pinned in its package.json, never a
// dependency of flowc). Per N, whole processes, the commands interleaved (one of each a round):
//   - flowc `build --format json --no-cache` (cold), the unchanged rebuild (replayed from
//     .flowc/) and the rebuild after a one-line change of the flow (bench/run.js's columns);
//   - `cdk synth` of bench/cdk/app.js (the same functions, queues, topics, streams, triggers
//     and destinations), with validation off (`--no-validation`, and no notices or version
//     reporting) and with the CLI's defaults. CDK has no incremental synth: a rebuild after a
//     one-line change is a synth again, so the rebuild ratios divide the same synth time.
// Options: --sizes 10,1000 (default), --runs 3. Uses dist/ as built (run `npm run build` first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { copyOfCli, median } from '../common.js';
import { generateFlow } from '../generate.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const sizes = option('--sizes', '10,1000').split(',').map(Number);
const runs = Number(option('--runs', '3'));
const cdk = `${here}node_modules/aws-cdk/bin/cdk`;
const flowcBin = copyOfCli(root, `${root}bench/.work/cdk-cli`);
if (!existsSync(cdk)) {
  console.error('bench/cdk: run `npm ci` in bench/cdk first (aws-cdk-lib and aws-cdk are its own packages)');
  process.exit(2);
}

function timeProcess(argv, cwd, env = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return ms;
}

const rows = [];
for (const n of sizes) {
  const dir = `${root}bench/.work/cdk-${n}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const text = generateFlow(n);
  writeFileSync(`${dir}/app.flow`, text);
  const flowc = (...rest) => [flowcBin, 'build', 'app.flow', '-o', 'out-json', '--format', 'json', ...rest];
  // One build first: handler stubs exist, and the unchanged rebuild has a record to replay.
  timeProcess(flowc(), dir);
  let edits = 0;
  const synth = (...flags) => ({ argv: [cdk, 'synth', '--quiet', '--app', `node ${here}app.js`, '-o', `${dir}/cdk.out`, ...flags], cwd: here, env: { BENCH_FUNCTIONS: String(n) } });
  const commands = {
    flowcCold: { argv: flowc('--no-cache'), cwd: dir },
    flowcUnchanged: { argv: flowc(), cwd: dir, before: () => timeProcess(flowc(), dir) },
    flowcOneLine: {
      argv: flowc(),
      cwd: dir,
      before: () => writeFileSync(`${dir}/app.flow`, text.replace('memory = 256', edits++ % 2 === 0 ? 'memory = 320' : 'memory = 256')),
    },
    cdkNoValidation: synth('--no-validation', '--no-notices', '--no-version-reporting'),
    cdkDefault: synth(),
  };
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let round = 0; round < runs; round++) {
    for (const [name, { argv, cwd, env, before }] of Object.entries(commands)) {
      before?.();
      samples[name].push(timeProcess(argv, cwd, env));
    }
  }
  const m = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  rows.push({ n, ...m });
  console.log(`N=${n}: ${Object.entries(m).map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ')}`);
}

const x = (a, b) => `${(a / b).toFixed(1)}×`;
console.log('');
console.log('| N | flowc cold | flowc unchanged | flowc one-line change | `cdk synth` (validation off) | `cdk synth` (default) | cold: CDK ÷ flowc | one-line change: CDK ÷ flowc | unchanged: CDK ÷ flowc |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.n.toLocaleString('en-US')} | ${r.flowcCold.toFixed(0)} | ${r.flowcUnchanged.toFixed(0)} | ${r.flowcOneLine.toFixed(0)} | ${r.cdkNoValidation.toFixed(0)} | ${r.cdkDefault.toFixed(0)} | ${x(r.cdkNoValidation, r.flowcCold)} | ${x(r.cdkNoValidation, r.flowcOneLine)} | ${x(r.cdkNoValidation, r.flowcUnchanged)} |`,
  );
}
const at1000 = rows.find((r) => r.n === 1000);
if (at1000) {
  const cold = at1000.cdkNoValidation / at1000.flowcCold;
  const incremental = at1000.cdkNoValidation / at1000.flowcOneLine;
  console.log(`${cold >= 10 ? 'PASS' : 'MISS'} N = 1,000: cold build ≥ 10× faster than \`cdk synth\` (validation off): ${cold.toFixed(1)}×`);
  console.log(`${incremental >= 30 ? 'PASS' : 'MISS'} N = 1,000: rebuild after a one-line change ≥ 30× faster than \`cdk synth\` (validation off): ${incremental.toFixed(1)}×`);
}
