// The front end's long fuzz run (issue 11), beside the bounded slice in the suite
// (test/property/front-end.prop.test.ts): random programs from the grammar, mutations of
// them, token soup and programs repeated into larger files, each checked and rendered.
//   node scripts/fuzz-front-end.js [--count 20000] [--seed 1] [--size 4] [--save DIR]
// Prints the inputs run, the crashes (an exception, or an internal error FL9002), and the
// slowest input with its time; exits 1 if anything crashed. --size scales the programs;
// --save writes the slowest input and each crashing one to DIR, to replay with `flowc check`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadTs } from './load-ts.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const count = option('--count', 20_000);
const seed = option('--seed', 1);
const size = option('--size', 4);
const saveIndex = args.indexOf('--save');
const saveDir = saveIndex === -1 ? undefined : args[saveIndex + 1];

const { checkText } = await loadTs('compiler/program.ts');
const { renderPretty } = await loadTs('compiler/diagnostics/render/pretty.ts');
const { flowProgram, mutated, tokenSoup } = await loadTs('test/helpers/flow-arbitrary.ts');

const repeated = fc.tuple(flowProgram(size), fc.integer({ min: 2, max: 200 })).map(([text, times]) => {
  const [head = '', ...rest] = text.split('\n');
  return `${head}\n${rest.join('\n').repeat(times)}`;
});
const kinds = [
  ['program', flowProgram(size)],
  ['mutated', mutated(flowProgram(size))],
  ['soup', tokenSoup(400)],
  ['repeated', repeated],
];

const crashes = [];
let run = 0;
let slowest = { ms: -1, kind: '', text: '' };
let totalMs = 0;
const batch = 500;
for (let start = 0; start < count; start += batch) {
  const [kind, arbitrary] = kinds[(start / batch) % kinds.length];
  const inputs = fc.sample(arbitrary, { seed: seed + start, numRuns: Math.min(batch, count - start) });
  for (const text of inputs) {
    const began = performance.now();
    try {
      const { diagnostics } = checkText('fuzz.flow', text);
      for (const d of diagnostics) renderPretty(d);
      const internal = diagnostics.find((d) => d.code === 'FL9002');
      if (internal) crashes.push({ kind, text, error: internal.message });
    } catch (error) {
      crashes.push({ kind, text, error: String(error?.stack ?? error) });
    }
    const ms = performance.now() - began;
    totalMs += ms;
    if (ms > slowest.ms) slowest = { ms, kind, text };
    run++;
  }
}

console.log(`inputs run: ${run} (seed ${seed}, size ${size}; programs, mutations, token soup and repeated programs in turn)`);
console.log(`crashes: ${crashes.length}`);
console.log(`mean time per input: ${(totalMs / Math.max(1, run)).toFixed(2)} ms`);
console.log(`slowest input: ${slowest.ms.toFixed(1)} ms, ${slowest.kind}, ${slowest.text.length} characters, ${slowest.text.split('\n').length} lines`);
console.log(`  ${JSON.stringify(slowest.text.slice(0, 300))}${slowest.text.length > 300 ? ' …' : ''}`);
for (const crash of crashes.slice(0, 5)) {
  console.log(`\ncrash (${crash.kind}): ${JSON.stringify(crash.text.slice(0, 500))}\n${crash.error.split('\n').slice(0, 6).join('\n')}`);
}
if (saveDir !== undefined) {
  mkdirSync(saveDir, { recursive: true });
  writeFileSync(join(saveDir, 'slowest.flow'), slowest.text);
  crashes.forEach((crash, i) => writeFileSync(join(saveDir, `crash-${i}.flow`), crash.text));
  console.log(`\nsaved to ${saveDir}: slowest.flow${crashes.length > 0 ? `, crash-0.flow … crash-${crashes.length - 1}.flow` : ''}`);
}
process.exitCode = crashes.length > 0 ? 1 : 0;
