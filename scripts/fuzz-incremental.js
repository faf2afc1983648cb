// The long run of the incremental builds' property tests (test/cli/build-memory.test.ts):
// random edits of the flow and its handlers, each build from `flowc watch`'s memory or with the
// caches of .flowc/ compared byte for byte with a cold build of the same files.
//
//   node scripts/fuzz-incremental.js [--runs 500] [--seed N]
//
// Prints the seed first, so a failure can be run again; exits with vitest's code.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const runs = option('--runs', 500);
const seed = option('--seed', Date.now() % 2 ** 31);
console.log(`incremental builds: ${runs} runs of each property, seed ${seed}`);
const run = spawnSync(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, 'run', 'test/cli/build-memory.test.ts', '-t', 'random edits'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FLOWC_INCREMENTAL_RUNS: String(runs), FLOWC_INCREMENTAL_SEED: String(seed) },
});
process.exit(run.status ?? 1);
