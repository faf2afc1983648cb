// Builds dist/ once before the tests, so the tests that run `bin/flowc.js` as a user would
// always exercise the current sources.
import { buildCli } from '../scripts/build.js';

// Each vitest project (quick, slow: vitest.config.ts) runs its global setup; one build serves both.
const built = Symbol.for('flowc.test.dist-built');

export default async function setup(): Promise<void> {
  const state = globalThis as { [built]?: Promise<void> };
  state[built] ??= buildCli({ quiet: true });
  await state[built];
}
