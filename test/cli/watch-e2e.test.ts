// `flowc watch --events` as a user runs it: a real process, real files, real file-system events.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'flowc-watch-'));
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves when `text` holds `needle`; rejects after `ms`. */
function waitFor(read: () => string, needle: string, ms = 30_000): Promise<void> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (read().includes(needle)) {
        clearInterval(poll);
        done();
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        fail(new Error(`no ${JSON.stringify(needle)} in:\n${read()}`));
      }
    }, 25);
  });
}

test('re-simulates after a handler edit, and Ctrl-C ends it with exit code 0', async () => {
  mkdirSync(join(dir, 'handlers'));
  writeFileSync(join(dir, 'job.flow'), 'app job\ntype Job = { id: string }\nfn work(Job) { retries = 0 }\n');
  writeFileSync(join(dir, 'handlers', 'work.ts'), "export const handler = async () => 'first';\n");
  writeFileSync(join(dir, 'events.json'), JSON.stringify({ events: [{ at: '0s', to: 'work', event: { id: 'a' } }] }));

  let out = '';
  let err = '';
  child = spawn(process.execPath, [join(root, 'bin/flowc.js'), 'watch', 'job.flow', '--events', 'events.json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((done) => child!.on('exit', (code) => done(code)));

  await waitFor(() => out, 'returned first');
  await waitFor(() => err, 'watching for changes');
  writeFileSync(join(dir, 'handlers', 'work.ts'), "export const handler = async () => 'second';\n");
  await waitFor(() => out, 'returned second');
  await waitFor(() => err, 'handlers/work.ts changed');

  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(err).toContain('flowc watch: stopped');
  expect(err).not.toContain('internal error');
}, 60_000);
