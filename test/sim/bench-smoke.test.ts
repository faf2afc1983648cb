import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';

// The simulator benchmark stays runnable: its smallest configuration, once (the full run is `node bench/sim.js`).
test('bench/sim.js runs and prints its table and the simulated hour', () => {
  const root = new URL('../../', import.meta.url).pathname;
  const result = spawnSync(process.execPath, ['bench/sim.js', '--quick'], { cwd: root, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/\| 1 \| [\d,]+ \| [\d,]+ \| [\d,]+ \| [\d,]+ \| 1\/[\d.]+ \| 1\/[\d.]+ \|/);
  expect(result.stdout).toMatch(/one simulated hour with retries: median \d+ ms wall time/);
});
