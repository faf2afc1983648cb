// The long run of the template fuzz test (test/property/templates.prop.test.ts): builds COUNT
// flows with hostile text in every user-controlled position (test/helpers/hostile-flows.ts),
// writes each template as YAML and JSON, and has PyYAML (SafeLoader and CSafeLoader) and the
// `yaml` package (1.2 and 1.1) read every YAML template back as exactly its JSON twin.
//
//   node scripts/fuzz-templates.js [--count 5000] [--seed N] [--batch 250] [--show 5]
//
// Prints the inputs run, the failures by reader (parse errors, different data; a crash of the
// compiler or an emitter is one too), a few failing inputs, and the slowest input (compile and
// emit of both formats). Exits 1 on any failure, 2 when no Python has PyYAML (Debian:
// apt-get install python3-yaml).
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { loadTs } from './load-ts.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const count = option('--count', 5000);
const seed = option('--seed', Date.now() % 2 ** 31);
const batch = option('--batch', 250);
const show = option('--show', 5);

const { hostileFlow } = await loadTs(`${root}test/helpers/hostile-flows.ts`);
const { buildFlow, findFailures } = await loadTs(`${root}test/helpers/template-fuzz.ts`);
const { findPyYaml } = await loadTs(`${root}test/helpers/yaml-readers.ts`);

const pyYaml = findPyYaml();
if (!pyYaml) {
  console.error('no Python with PyYAML ($FLOWC_PYTHON, else python3 or /usr/bin/python3): apt-get install python3-yaml');
  process.exit(2);
}
console.log(`seed ${seed}, ${count} flows, PyYAML ${pyYaml.loaders.join(' and ')} from ${pyYaml.python}`);

const flows = fc.sample(hostileFlow, { numRuns: count, seed });
let compiled = 0;
let templates = 0;
const skippedBy = new Map();
let slowest = { ms: -1, flow: undefined };
const failingFlows = new Set();
const byReader = new Map();
const examples = [];
const started = performance.now();
for (let start = 0; start < flows.length; start += batch) {
  const built = flows.slice(start, start + batch).map((flow) => buildFlow(flow));
  for (const b of built) {
    if (b.ms > slowest.ms) slowest = { ms: b.ms, flow: b.flow };
    if (b.crash !== undefined) continue;
    if (b.pairs.length === 0) {
      const code = b.errors[0]?.split(' ')[0] ?? '?';
      skippedBy.set(code, (skippedBy.get(code) ?? 0) + 1);
      continue;
    }
    compiled++;
    templates += b.pairs.length;
  }
  for (const failure of findFailures(built, pyYaml)) {
    failingFlows.add(failure.flow);
    const kind = failure.verdict.startsWith('different data') ? 'different data' : failure.verdict.startsWith('error') ? 'parse error' : failure.verdict.split(':')[0];
    const counts = byReader.get(failure.reader) ?? new Map();
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    byReader.set(failure.reader, counts);
    if (examples.length < show) examples.push(failure);
  }
}
const seconds = (performance.now() - started) / 1000;

const skipped = [...skippedBy].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
console.log(`inputs: ${flows.length} flows, ${compiled} compiled into ${templates} templates${skipped ? `; refused with errors: ${skipped}` : ''} (${seconds.toFixed(1)} s)`);
console.log(`failures: ${failingFlows.size} flows`);
for (const [reader, counts] of byReader) {
  console.log(`  ${reader}: ${[...counts].map(([kind, n]) => `${n} templates ${kind}`).join(', ')}`);
}
/** Long runs of one character (the long-line cases) shortened for the terminal. */
const shorten = (text) => text.replace(/(.)\1{40,}/gu, (run, ch) => `${ch.repeat(3)}…(${run.length})`);
for (const f of examples) {
  console.log(`\n${f.reader} on ${f.path} of ${shorten(JSON.stringify(f.flow.path))}: ${shorten(f.verdict.split('\n')[0])}\n${shorten(f.flow.text)}`);
}
console.log(`\nslowest input: ${slowest.ms.toFixed(1)} ms (${shorten(JSON.stringify(slowest.flow?.path))}, ${slowest.flow?.text.length} characters${slowest.flow?.nested ? ', nested stacks' : ''})`);
process.exitCode = failingFlows.size > 0 ? 1 : 0;
