import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { nodeHost } from '../../compiler/cli/host.js';
import { readInput } from '../../compiler/cli/read-input.js';
import { checkBytes } from '../../compiler/program.js';
import { MAX_SOURCE_BYTES } from '../../compiler/source/decode.js';

const root = new URL('../../', import.meta.url).pathname;

/**
 * Issue 11, front end: an endless or huge input is refused with FL1008 after reading at most
 * the limit plus one byte; before, the whole input was read first, so `/dev/zero` exhausted
 * memory.
 */
describe('reading an input file stops one byte past the size limit', () => {
  test('a pipe that would send 20 MiB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowc-fifo-'));
    const fifo = join(dir, 'big.flow');
    try {
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      // The writer blocks until the pipe is opened for reading, then is cut off when it closes.
      const writer = spawn('sh', ['-c', `head -c ${20 * 1024 * 1024} /dev/zero | tr '\\0' 'x' > ${fifo}`], { stdio: 'ignore' });
      const bytes = readInput(nodeHost(), fifo);
      writer.kill();
      expect(bytes?.length).toBe(MAX_SOURCE_BYTES + 1);
      expect(checkBytes(fifo, bytes as Uint8Array).diagnostics.map((d) => d.code)).toEqual(['FL1008']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a regular file under the limit is read whole', () => {
    const bytes = readInput(nodeHost(), join(root, 'examples/shop/shop.flow'));
    expect(checkBytes('shop.flow', bytes as Uint8Array).diagnostics).toEqual([]);
  });

  test('`flowc check /dev/zero` reports FL1008 and exits 1', () => {
    const result = spawnSync(process.execPath, [join(root, 'bin/flowc.js'), 'check', '--diagnostics', 'short', '/dev/zero'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.stdout + result.stderr).toContain('FL1008');
    expect(result.status).toBe(1);
  });
});
