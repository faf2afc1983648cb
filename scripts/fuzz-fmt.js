// The formatter's long property run (issue 15 §1), beside the bounded slice in the suite
// (test/format/properties.test.ts): generated programs, laid out at random with comments,
// mutated, and the examples laid out at random; each must be refused exactly when it has
// syntax errors, and otherwise format idempotently, keep its meaning and its comments.
//   node scripts/fuzz-fmt.js [--count 5000] [--seed 1] [--size 2]
// Prints the first failing input (shrunk) and exits 1, or the count of inputs run.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { loadTs } from './load-ts.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const count = option('--count', 5_000);
const seed = option('--seed', 1);
const size = option('--size', 2);

const { flowProgram, mutated } = await loadTs('test/helpers/flow-arbitrary.ts');
const { relaidOut } = await loadTs('test/helpers/flow-layouts.ts');
const { formatPropertyFailure } = await loadTs('test/helpers/format-properties.ts');
const examples = ['billing', 'ledger', 'shop', 'telemetry'].map((name) => readFileSync(new URL(`../examples/${name}/${name}.flow`, import.meta.url), 'utf8'));

const inputs = fc.oneof(flowProgram(size), relaidOut(flowProgram(size)), mutated(relaidOut(flowProgram(size))), relaidOut(fc.constantFrom(...examples)));
const started = performance.now();
const details = fc.check(fc.property(inputs, (text) => formatPropertyFailure(text) === undefined), { numRuns: count, seed });
if (details.failed) {
  const [text] = details.counterexample;
  process.stdout.write(`failed after ${details.numRuns} inputs (seed ${seed}):\n${JSON.stringify(text)}\n${formatPropertyFailure(text)}\n`);
  process.exit(1);
}
process.stdout.write(`${count} inputs, every property held (${Math.round(performance.now() - started)} ms)\n`);
