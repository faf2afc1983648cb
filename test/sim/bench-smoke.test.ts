import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';

// The simulator benchmark stays runnable: its smallest configuration, once (the full run is `node bench/sim.js`).
test('bench/sim.js runs and prints its table and the simulated hour', () => {
  const root = new URL('../../', import.meta.url).pathname;
  const result = spawnSync(process.execPath, ['bench/sim.js', '--quick'], { cwd: root, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const ratio = String.raw`(?:1/[\d.]+|[\d.]+×)`;
  expect(result.stdout).toMatch(new RegExp(String.raw`\| 1 \| [\d,]+ \| [\d,]+ \| [\d,]+ \| [\d,]+ \| ${ratio} \| ${ratio} \|`));
  expect(result.stdout).toMatch(new RegExp(String.raw`batch 1, trace off, the sending of the messages \(each body's MD5 made there\) timed with run\(\): ${ratio} of the loop building events`));
  expect(result.stdout).toMatch(/examples\/shop events \(18 invocations a run, trace and logs on\): median [\d,]+ invocations per second/);
  expect(result.stdout).toMatch(/one simulated hour with retries: median \d+ ms wall time/);
});
