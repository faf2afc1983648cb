// The early replay on a real file system: bin/flowc.js replays an unchanged build without
// loading the CLI, and the host it probes on answers as node's does.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { HostError, nodeHost } from '../../compiler/cli/host.js';
import { replayHost } from '../../compiler/cli/replay-host.js';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'flowc-early-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a host answers: an inspection, or the bytes read (as text) or the fact that it threw. */
function answers(host: ReturnType<typeof nodeHost>, path: string, limit: number | undefined): unknown {
  const info = host.inspect(path);
  try {
    return [info, new TextDecoder().decode(host.readFile(path, limit))];
  } catch (error) {
    return [info, error instanceof HostError ? 'HostError' : error];
  }
}

describe('the host a replay probes on', () => {
  const files = join(dir, 'files');
  mkdirSync(join(files, 'folder'), { recursive: true });
  writeFileSync(join(files, 'a.ts'), 'export const handler = 1;\n');
  symlinkSync(join(files, 'a.ts'), join(files, 'link.ts'));
  symlinkSync(join(files, 'nowhere.ts'), join(files, 'dangling.ts'));
  const paths = ['a.ts', 'link.ts', 'dangling.ts', 'missing.ts', 'folder'].map((name) => join(files, name));

  test.each([undefined, 5, 26, 1000])('inspects and reads as node does (limit %s)', (limit) => {
    for (const path of paths) {
      expect(answers(replayHost(nodeHost(), new Set(paths)), path, limit)).toEqual(answers(nodeHost(), path, limit));
    }
  });

  test('a file inspected and then read is read once', () => {
    let reads = 0;
    const counting = { ...nodeHost(), readFile: (path: string, limit?: number) => (reads++, nodeHost().readFile(path, limit)) };
    const host = replayHost(counting, new Set(paths));
    expect(host.inspect(join(files, 'a.ts'))).toEqual({ kind: 'file', size: 26 });
    expect(new TextDecoder().decode(host.readFile(join(files, 'a.ts'), 10))).toBe('export con');
    expect(reads).toBe(0);
    // A path the replay does not read is asked of the host as it is.
    replayHost(counting, new Set()).inspect(join(files, 'a.ts'));
    host.readFile(join(files, 'a.ts'));
    expect(reads).toBe(1);
  });
});

describe('bin/flowc.js replays an unchanged build before loading the CLI', () => {
  const project = join(dir, 'project');
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'shop.flow'), 'app shop\ntype Order = { id: string }\nqueue orders: Order\nfn charge(Order)\norders -> charge\n');
  // The launcher sets this global only when it loads the CLI (bin/code-cache.js).
  const hook = join(dir, 'hook.cjs');
  writeFileSync(hook, "process.on('exit', () => process.stderr.write(globalThis[Symbol.for('flowc.importModule')] ? 'CLI LOADED\\n' : ''));\n");
  const build = (...extra: string[]) => {
    const result = spawnSync(process.execPath, ['--require', hook, `${root}bin/flowc.js`, 'build', 'shop.flow', '-o', 'out', ...extra], { cwd: project, encoding: 'utf8', env: { ...process.env, FLOWC_CACHE_DIR: join(dir, 'cache') } });
    return { code: result.status, out: result.stdout, err: result.stderr.replace('CLI LOADED\n', ''), loaded: result.stderr.includes('CLI LOADED') };
  };

  test('the replay prints what the CLI printed, without the CLI; a change, and the CLI runs', () => {
    build();
    const recorded = build();
    expect(recorded.loaded).toBe(true);
    const replayed = build();
    expect(replayed).toEqual({ ...recorded, loaded: false });
    expect(build('--no-cache')).toMatchObject({ ...recorded, loaded: true });
    writeFileSync(join(project, 'handlers', 'charge.ts'), 'export const handler = async () => {};\n');
    expect(build().loaded).toBe(true);
  });
});
