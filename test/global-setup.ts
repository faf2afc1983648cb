// Builds dist/ once before the tests, so the tests that run `bin/flowc.js` as a user would
// always exercise the current sources.
import { buildCli } from '../scripts/build.js';

export default async function setup(): Promise<void> {
  await buildCli({ quiet: true });
}
