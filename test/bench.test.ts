import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { generateFlow } from '../bench/generate.js';
import { checkText } from '../compiler/program.js';

const root = new URL('../', import.meta.url).pathname;

describe('the benchmark', () => {
  test('its generated flows check without diagnostics', () => {
    for (const n of [10, 100]) {
      const result = checkText(`bench${n}.flow`, generateFlow(n));
      expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    }
  });

  test('a quick run (N = 10) measures every command and phase and judges the check budget', () => {
    const run = spawnSync(process.execPath, [`${root}bench/run.js`, '--quick', '--no-build'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^N=10: check \d+ ms \(\d+ ms without the code cache\), build json \d+ ms, build yaml \d+ ms, unchanged \d+ ms, one-line change \d+ ms, floor \d+ ms \([\d.]+×\), node -e 0 \d+ ms, peak RSS \d+ MB, emitted [\d.]+ MB, GC \d+ collections \d+ ms$/m);
    expect(run.stdout).toMatch(/phases: parse [\d.]+ ms, resolve [\d.]+ ms, check [\d.]+ ms, lower [\d.]+ ms, cloudformation [\d.]+ ms, typescript [\d.]+ ms, build [\d.]+ ms, watch rebuild [\d.]+ ms/);
    expect(run.stdout).toMatch(/^(PASS|MISS) `check` on N = 10 ≤ 1.4× `node -e 0`: [\d.]+×$/m);
    expect(run.stdout).toMatch(/^(PASS|MISS) `check` on N = 10 ≤ 1.4× `node -e 0`, without the code cache: [\d.]+×$/m);
  });
});
