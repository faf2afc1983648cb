import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';

// The idempotency benchmark stays runnable: one small run (the full run is `node bench/idempotency.js`).
test('bench/idempotency.js runs and prints the comparison with Powertools', () => {
  const root = new URL('../../', import.meta.url).pathname;
  const result = spawnSync(process.execPath, ['bench/idempotency.js', '--quick'], { cwd: root, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/\| handler bundle \(ESM, @aws-sdk external\) \| [\d.]+ KiB \| [\d.]+ KiB \|/);
  expect(result.stdout).toMatch(/\| simulator, replay, over no idempotency \(\d+ µs\) \| \+-?\d+ µs \| \+-?\d+ µs \|/);
});
