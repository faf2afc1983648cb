// `node bench/fmt.js`: `flowc fmt` against `flowc check` on a generated 10,000-function file
// (issue 15, "Speed": fmt ≤ 1.5× check). Each run is a whole process of the built CLI, the two
// commands alternating so that the machine's load falls on both alike; before each `fmt` run
// the file is put back to the generator's (unformatted) text, outside the timing, so every
// run formats, self-checks and writes it. Prints the medians, their ratio and a Markdown table
// for docs/performance.md. Options: --functions 10000, --runs 7, --no-build.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateFlow } from './generate.js';
import { flag, median, now, numberOption } from './common.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const functions = numberOption('--functions', 10_000);
const runs = numberOption('--runs', 7);
const budget = 1.5;
const flowc = `${root}bin/flowc.js`;

if (!flag('--no-build')) execFileSync(process.execPath, [`${root}scripts/build.js`], { stdio: 'inherit' });


const dir = `${root}bench/.work/fmt`;
mkdirSync(dir, { recursive: true });
const file = `${dir}/app.flow`;
const text = generateFlow(functions);

function timed(command) {
  const start = now();
  const run = spawnSync(process.execPath, [flowc, command, file], { encoding: 'utf8' });
  const elapsed = now() - start;
  if (run.status !== 0) throw new Error(`flowc ${command} exited ${run.status}:\n${run.stderr}`);
  return elapsed;
}

const check = [];
const fmt = [];
let changed = false;
for (let i = 0; i < runs; i++) {
  writeFileSync(file, text);
  check.push(timed('check'));
  writeFileSync(file, text);
  fmt.push(timed('fmt'));
  changed ||= readFileSync(file, 'utf8') !== text;
}
if (!changed) throw new Error('flowc fmt left the generated file as it was: the benchmark would not measure a rewrite');

const checkMs = median(check);
const fmtMs = median(fmt);
const ratio = fmtMs / checkMs;
console.log(`flowc fmt and flowc check on ${functions.toLocaleString('en-US')} functions (${(text.length / 1024).toFixed(0)} KB), ${runs} runs each, node ${process.version}\n`);
console.log('| measure | value | budget | |');
console.log('| --- | --- | --- | --- |');
console.log(`| \`flowc check\` (median, whole process) | ${checkMs.toFixed(0)} ms |  |  |`);
console.log(`| \`flowc fmt\` (median, whole process, file rewritten) | ${fmtMs.toFixed(0)} ms |  |  |`);
console.log(`| \`fmt\` ÷ \`check\` | ${ratio.toFixed(2)}× | ≤ ${budget}× | ${ratio <= budget ? 'PASS' : 'MISS'} |`);
