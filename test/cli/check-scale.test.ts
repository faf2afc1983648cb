// The 10 MB inputs of `flowc check`, in the slow project (vitest.config.ts): bounded time and
// memory on the largest files, garbage or valid.
import { describe, expect, test } from 'vitest';
import { main } from '../../compiler/cli/main.js';
import { MemoryHost } from '../helpers/memory-host.js';

async function run(host: MemoryHost, ...args: string[]): Promise<number> {
  return main(args, host);
}

describe('flowc check: bad input gets a diagnostic, in bounded time, never a stack trace', () => {
  test('a 10 MB file of garbage text', async () => {
    const chunk = 'queue { -> } ] fn 5min "x \u2192 @@ type = | <> \n';
    const host = new MemoryHost().addFile('big.flow', chunk.repeat(Math.ceil((10 * 1024 * 1024) / chunk.length)));
    expect(await run(host, 'check', '--diagnostics', 'json', 'big.flow')).toBe(1);
    const diagnostics = JSON.parse(host.out) as { code: string; notes: string[] }[];
    // Capped: the first 500 syntax errors and a note saying so.
    expect(diagnostics.length).toBeLessThanOrEqual(501);
    expect(diagnostics.some((d) => d.notes.some((n) => n.includes('stopped reporting after 500')))).toBe(true);
  });

  test('a 10 MB valid flow checks clean', async () => {
    const lines = ['app big', 'type Job = { id: string, n: int }'];
    let i = 0;
    let size = 0;
    while (size < 10 * 1024 * 1024) {
      const block = `queue q${i}: Job { visibility = 60s }\nfn f${i}(Job) { memory = 256, timeout = 10s }\nq${i} -> f${i} { batch = 10 }\n`;
      lines.push(block);
      size += block.length;
      i++;
    }
    const host = new MemoryHost().addFile('big.flow', lines.join('\n'));
    expect(await run(host, 'check', '--diagnostics', 'json', 'big.flow')).toBe(0);
    expect(JSON.parse(host.out)).toEqual([]);
  });
});
