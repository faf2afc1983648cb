// `node bench/typescript.js [--functions 1000] [--runs 9]`: the time to generate the TypeScript
// (the generated module and every handler stub) of a generated N-function flow (generate.js),
// in process, from its manifest. The budget is under 1 s for 1,000 functions; prints the
// median of the runs and its ratio to the budget. Parsing and checking the flow are not timed.
import { loadTs } from '../scripts/load-ts.js';
import { generateFlow } from './generate.js';

const BUDGET_MS = 1000;
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const functions = option('--functions', 1000);
const runs = option('--runs', 15);

const { compileText } = await loadTs('compiler/program.ts');
const { emitTypeScript } = await loadTs('compiler/emit/typescript/index.ts');

const { manifest, diagnostics } = compileText('app.flow', generateFlow(functions));
if (!manifest) throw new Error(`the generated flow does not compile: ${diagnostics.map((d) => d.message).join('; ')}`);

const times = [];
let output;
for (let run = 0; run < runs + 1; run++) {
  const start = process.hrtime.bigint();
  output = emitTypeScript(manifest, { generatedDir: 'generated' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run > 0) times.push(ms); // the first run warms up the JIT
}
times.sort((a, b) => a - b);
const median = runs % 2 ? times[runs >> 1] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
const bytes = [...output.generated.values(), ...output.scaffold.values()].reduce((sum, text) => sum + text.length, 0);

console.log(
  `TypeScript for ${functions} functions: ${output.generated.size} generated module + ${output.scaffold.size} stubs, ${(bytes / 1024).toFixed(0)} KiB; ` +
    `median ${median.toFixed(1)} ms of ${runs} runs (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}); ` +
    `${((median / BUDGET_MS) * 100).toFixed(1)}% of the ${BUDGET_MS} ms budget`,
);
