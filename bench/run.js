// `npm run bench`: the compiler's performance budget (issue 8), measured as medians and ratios
// because machines are noisy. Per N (10, 100, 1,000, 10,000 functions, see generate.js):
//   - whole-process wall time of `flowc check`, `flowc build --format json`, `flowc build`;
//   - in-process time per phase (parse, resolve, check, lower, CloudFormation, TypeScript), and
//     of a whole build, without and with `flowc watch`'s memory after a one-line edit;
//   - peak RSS and garbage-collection time of `flowc build --format json`, and the bytes it emits;
//   - the floor: a `node -e` that reads the emitted template.json and writes it back with
//     JSON.stringify, and `node -e 0`.
// The whole-process commands run interleaved (one of each per round, `--runs` rounds), so that
// the load of a shared machine falls on all of them alike; every ratio is of one run's medians.
// `check` runs with the launcher's code cache (bin/code-cache.js, kept in bench/.work/cache) and
// without it (FLOWC_CODE_CACHE=0). At N = 10,000 (--big) only the cold JSON build, the floor and
// the peak RSS are measured: the budgets there are about them, and the rest would take long.
// Writes the table to docs/performance.md. Options: --quick (N = 10 only, one run each, no
// docs update: the smoke run of the test suite), --big (adds N = 10,000), --sizes 10,1000,
// --runs 5, --no-build.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadTs } from '../scripts/load-ts.js';
import { copyOfCli, median } from './common.js';
import { generateFlow } from './generate.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};
const sizes = (option('--sizes') ?? (quick ? '10' : args.includes('--big') ? '10,100,1000,10000' : '10,100,1000')).split(',').map(Number);
/** From this size on, only what the budgets of big flows are about is measured. */
const BIG = 10_000;
const runsFor = (n) => Number(option('--runs') ?? (quick ? 1 : n >= 10_000 ? 5 : 9));
const work = `${root}bench/.work`;
// The launcher's code cache, apart from the user's: the first run of each command writes it.
const benchEnv = { ...process.env, NO_COLOR: '1', FLOWC_CACHE_DIR: `${work}/cache` };

/** Wall time of a whole process, in milliseconds; throws when it fails. */
function timeProcess(argv, cwd, env = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8', env: { ...benchEnv, ...env }, maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return { ms, stderr: result.stderr };
}

/**
 * The median wall time of each command, the commands run in turn `runs` times. A command is
 * its argv, or `{ argv, env, before }` with `before` run untimed ahead of each run of it.
 */
function interleaved(commands, cwd, runs) {
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let round = 0; round < runs; round++) {
    for (const [name, command] of Object.entries(commands)) {
      const { argv, env, before } = Array.isArray(command) ? { argv: command } : command;
      before?.();
      samples[name].push(timeProcess(argv, cwd, env).ms);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

/** The bytes of every file under `dir`. */
function bytesUnder(dir) {
  return readdirSync(dir, { recursive: true }).reduce((sum, file) => {
    const info = statSync(`${dir}/${file}`);
    return info.isFile() ? sum + info.size : sum;
  }, 0);
}

// The CLI is rebuilt so the numbers are those of the sources; the test suite's smoke run
// passes --no-build (its setup has built dist/ already, and other tests are using it).
if (!args.includes('--no-build')) execFileSync(process.execPath, [`${root}scripts/build.js`], { stdio: 'inherit' });
const compiler = await loadTs(`${root}bench/in-process.ts`);
const flowc = copyOfCli(root, `${work}/cli`);

const rows = [];
for (const n of sizes) {
  const dir = `${work}/${n}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const flowPath = `${dir}/app.flow`;
  const text = generateFlow(n);
  writeFileSync(flowPath, text);
  const runs = runsFor(n);
  // One build first, so handler stubs exist and later builds measure the steady state.
  timeProcess([flowc, 'build', 'app.flow', '-o', 'out-json', '--format', 'json'], dir);

  // Every template file of the build: the root and, for large flows, its nested stacks.
  const floorScript = [
    "const fs = require('node:fs'); const path = require('node:path');",
    "const files = fs.readdirSync('out-json', { recursive: true }).filter((f) => f.endsWith('.json'));",
    "for (const f of files) { const t = JSON.parse(fs.readFileSync(path.join('out-json', f), 'utf8'));",
    "fs.writeFileSync(path.join('floor', f.replaceAll('/', '_')), JSON.stringify(t, null, 2)); }",
  ].join(' ');
  mkdirSync(`${dir}/floor`, { recursive: true });
  // Incremental builds: `unchanged` runs after a build of the same flow (the one before it
  // wrote what it read, so it is replayed); `oneLine` after one line of the flow changed (a
  // function's memory, 256 ↔ 320 MB, in turn), with the handlers' facts cached.
  const warm = [flowc, 'build', 'app.flow', '-o', 'out-json', '--format', 'json'];
  let edits = 0;
  const editOneLine = () => {
    const memory = edits++ % 2 === 0 ? 'memory = 320' : 'memory = 256';
    writeFileSync(flowPath, text.replace('memory = 256', memory));
  };
  // Each command's code cache is written by its first run, before the timed ones.
  if (n < BIG) timeProcess([flowc, 'check', 'app.flow'], dir);
  const all = {
    check: [flowc, 'check', 'app.flow'],
    checkNoCodeCache: { argv: [flowc, 'check', 'app.flow'], env: { FLOWC_CODE_CACHE: '0' } },
    // Cold: without the caches of .flowc/ (the handlers parsed, everything compiled).
    buildJson: [flowc, 'build', 'app.flow', '-o', 'out-json', '--format', 'json', '--no-cache'],
    buildYaml: [flowc, 'build', 'app.flow', '-o', 'out-yaml', '--no-cache'],
    unchanged: { argv: warm, before: () => timeProcess(warm, dir) },
    oneLine: { argv: warm, before: editOneLine },
    floor: ['-e', floorScript],
    nodeOnly: ['-e', '0'],
  };
  const measured = n >= BIG ? ['buildJson', 'floor', 'nodeOnly'] : Object.keys(all);
  const { check, checkNoCodeCache, buildJson, buildYaml, unchanged, oneLine, floor, nodeOnly } = interleaved(
    Object.fromEntries(measured.map((name) => [name, all[name]])),
    dir,
    runs,
  );
  writeFileSync(flowPath, text);
  const rssRun = timeProcess(['--import', `${root}bench/rss-hook.js`, flowc, 'build', 'app.flow', '-o', 'out-json', '--format', 'json'], dir);
  const rssKb = Number(/FLOWC_BENCH_MAX_RSS_KB=(\d+)/.exec(rssRun.stderr)?.[1] ?? NaN);
  const [collections, gcMs] = (/FLOWC_BENCH_GC=(\d+),([\d.]+)/.exec(rssRun.stderr)?.slice(1) ?? [NaN, NaN]).map(Number);
  // What `build --format json` emits: its templates and the generated module.
  const emittedBytes = bytesUnder(`${dir}/out-json`) + bytesUnder(`${dir}/generated`);

  const phaseRuns = Array.from({ length: Math.max(1, Math.min(runs, 5)) }, () => compiler.timePhases(flowPath, text));
  const phases = {};
  for (const key of Object.keys(phaseRuns[0])) phases[key] = median(phaseRuns.map((p) => p[key]));
  // `flowc watch`'s rebuild after the same one-line edits, in process, against the same build
  // without its memory (each build whole: front end, emitters, outputs, handlers).
  const rebuilds = await compiler.timeWatchRebuilds(dir, (i) => text.replace('memory = 256', i % 2 === 1 ? 'memory = 320' : 'memory = 256'), runs);
  phases['build'] = rebuilds.cold;
  phases['watch rebuild'] = rebuilds.watch;
  writeFileSync(flowPath, text);

  const row = { n, bytes: text.length, check, checkNoCodeCache, buildJson, buildYaml, unchanged, oneLine, floor, nodeOnly, rssMb: rssKb / 1024, emittedMb: emittedBytes / 2 ** 20, collections, gcMs, phases };
  rows.push(row);
  console.log(
    `N=${n}: check ${ms(check)} ms (${ms(checkNoCodeCache)} ms without the code cache), build json ${buildJson.toFixed(0)} ms, build yaml ${ms(buildYaml)} ms, unchanged ${ms(unchanged)} ms, one-line change ${ms(oneLine)} ms, floor ${floor.toFixed(0)} ms (${(buildJson / floor).toFixed(2)}×), node -e 0 ${nodeOnly.toFixed(0)} ms, peak RSS ${row.rssMb.toFixed(0)} MB, emitted ${row.emittedMb.toFixed(1)} MB, GC ${collections} collections ${gcMs.toFixed(0)} ms`,
  );
  console.log(`       phases: ${Object.entries(phases).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ')}`);
}

const byN = new Map(rows.map((r) => [r.n, r]));
const budgets = [];
if (byN.has(1000)) {
  const r = byN.get(1000);
  budgets.push(['N = 1,000: `build --format json` ≤ 3× the floor', r.buildJson / r.floor, 3]);
  budgets.push(['N = 1,000: unchanged rebuild ≤ 1× the floor', r.unchanged / r.floor, 1]);
  budgets.push(['N = 1,000: rebuild after a one-line change ≤ 1.5× the floor', r.oneLine / r.floor, 1.5]);
  budgets.push(['N = 1,000: `flowc watch` rebuild after a one-line change ≤ 50 ms', r.phases['watch rebuild'], 50, 'ms']);
}
if (byN.has(10_000)) {
  const r = byN.get(10_000);
  budgets.push(['N = 10,000: `build --format json` ≤ 3.5× the floor', r.buildJson / r.floor, 3.5]);
  budgets.push(['N = 10,000: peak RSS of `build --format json` ≤ 3× the bytes it emits', r.rssMb / r.emittedMb, 3]);
}
if (byN.has(1000) && byN.has(10_000)) {
  budgets.push(['N = 10,000 ≤ 12× N = 1,000 (`build --format json`)', byN.get(10_000).buildJson / byN.get(1000).buildJson, 12]);
}
if (byN.has(10)) {
  const r = byN.get(10);
  budgets.push(['`check` on N = 10 ≤ 1.4× `node -e 0`', r.check / r.nodeOnly, 1.4]);
  budgets.push(['`check` on N = 10 ≤ 1.4× `node -e 0`, without the code cache', r.checkNoCodeCache / r.nodeOnly, 1.4]);
}
/** A budget's measure: a ratio, or milliseconds. */
const measure = (value, unit) => (unit === 'ms' ? `${value.toFixed(0)} ms` : `${value.toFixed(2)}×`);
for (const [name, ratio, limit, unit] of budgets) console.log(`${ratio <= limit ? 'PASS' : 'MISS'} ${name}: ${measure(ratio, unit)}`);

if (!quick) {
  // The measured part sits between markers; the analysis written by hand around it is kept.
  const path = `${root}docs/performance.md`;
  const measured = `<!-- measured by npm run bench: do not edit by hand -->\n${renderMarkdown(rows, budgets)}<!-- end of measured -->\n`;
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const marked = /<!-- measured by npm run bench[^]*?<!-- end of measured -->\n/;
  writeFileSync(path, marked.test(existing) ? existing.replace(marked, () => measured) : `# Performance\n\n${measured}`);
  console.log('wrote docs/performance.md');
}

/** Milliseconds, or a dash for what was not measured at this size. */
function ms(value) {
  return value === undefined ? '–' : value.toFixed(0);
}

function renderMarkdown(rows, budgets) {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU';
  const phaseNames = Object.keys(rows[0]?.phases ?? {});
  const lines = [
    'Measured by `npm run bench` (bench/run.js) on the flows of bench/generate.js (blocks of ten',
    'functions: destinations, a FIFO queue trigger, a Kinesis trigger, topics). Medians of several',
    `runs, the commands interleaved; machines are noisy, so the budgets are ratios. Node ${process.version}, ${cpu}, ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '### Whole process (milliseconds)',
    '',
    '| N | .flow size | `check` | `check`, no code cache | `build --format json` | `build` (YAML) | unchanged | one-line change | floor | `node -e 0` | build json ÷ floor | peak RSS | emitted | GC |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.n.toLocaleString('en-US')} | ${(r.bytes / 1024).toFixed(0)} KB | ${ms(r.check)} | ${ms(r.checkNoCodeCache)} | ${ms(r.buildJson)} | ${ms(r.buildYaml)} | ${ms(r.unchanged)} | ${ms(r.oneLine)} | ${r.floor.toFixed(0)} | ${r.nodeOnly.toFixed(0)} | ${(r.buildJson / r.floor).toFixed(2)}× | ${r.rssMb.toFixed(0)} MB | ${r.emittedMb.toFixed(1)} MB | ${r.collections} in ${r.gcMs.toFixed(0)} ms |`,
    ),
    '',
    'The builds of `build --format json` and `build` (YAML) are cold (`--no-cache`: every handler',
    'parsed, everything compiled); `unchanged` is `build --format json` run again on what it built',
    '(replayed from its record in `.flowc/`), `one-line change` the same after one line of the flow',
    "changed (the handlers' facts cached in `.flowc/`, everything else compiled).",
    '`check` runs with the code cache of bin/code-cache.js (written by a run before the timed ones)',
    'and without it (`FLOWC_CODE_CACHE=0`). At N = 10,000 (`--big`) only the cold JSON build, the',
    'floor and the peak RSS are measured (–: not measured).',
    '',
    'The floor is a `node -e` that reads the emitted template files (template.json and, for',
    'flows split into nested stacks, each stack template) and writes them back with',
    '`JSON.stringify`: the least any tool that produces these templates can cost. Peak RSS,',
    'emitted bytes (templates and generated module) and GC (collections and their time, from',
    "perf_hooks' `gc` entries) are of one more `build --format json`.",
    '',
    '### Phases, in process (milliseconds)',
    '',
    "`build` is `flowc build --format json`'s work in process (compile, emit, plan, write, judge the",
    "handlers), `watch rebuild` the same after a one-line change with `flowc watch`'s memory of the",
    'run before (compiler/cli/build-memory.ts); both medians of the same alternating edits.',
    '',
    `| N | ${phaseNames.join(' | ')} |`,
    `| ---: | ${phaseNames.map(() => '---:').join(' | ')} |`,
    ...rows.map((r) => `| ${r.n.toLocaleString('en-US')} | ${phaseNames.map((p) => r.phases[p].toFixed(1)).join(' | ')} |`),
    '',
    '### Budget',
    '',
    '| budget | measured | |',
    '| --- | ---: | --- |',
    ...budgets.map(([name, ratio, limit, unit]) => `| ${name} | ${measure(ratio, unit)} | ${ratio <= limit ? 'met' : 'missed'} |`),
    '',
  ];
  return lines.join('\n');
}
