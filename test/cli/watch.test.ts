// `flowc watch`: re-runs on real changes only, never on its own outputs, and stops cleanly.
import { dirname, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runWatch, type WatchOptions } from '../../compiler/cli/commands/watch.js';
import { MemoryHost } from '../helpers/memory-host.js';

/** A memory host whose folders can be watched: every write fires the watchers of the folders above it. */
class WatchedHost extends MemoryHost {
  readonly watchers = new Set<{ folder: string; recursive: boolean; onChange: (path: string) => void }>();

  watchFolder(folder: string, options: { readonly recursive: boolean }, onChange: (path: string) => void): () => void {
    const watcher = { folder, recursive: options.recursive, onChange };
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** What an editor does: writes the file, and the file system tells the watchers. */
  edit(path: string, content: string): void {
    this.addFile(path, content);
    this.fire(resolve(this.cwd, path));
  }

  override writeFileAtomic(path: string, content: string | Uint8Array): void {
    super.writeFileAtomic(path, content);
    this.fire(resolve(this.cwd, path));
  }

  override writeFileIfAbsent(path: string, content: string): boolean {
    const wrote = super.writeFileIfAbsent(path, content);
    if (wrote) this.fire(resolve(this.cwd, path));
    return wrote;
  }

  watchedFolders(): string[] {
    return [...this.watchers].map((w) => `${w.folder}${w.recursive ? ' (recursive)' : ''}`).sort();
  }

  private fire(full: string): void {
    for (const w of [...this.watchers]) {
      const inside = dirname(full) === w.folder || (w.recursive && full.startsWith(`${w.folder}/`));
      if (inside) w.onChange(full);
    }
  }
}

const flow = (extra = '') => `app shop\n\ntype Order = { id: string }\n\nqueue orders: Order\nfn pack\n\norders -> pack\n${extra}`;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const runs = (host: MemoryHost) => host.err.split('\n').filter((line) => line.startsWith('── flowc watch')).length;
const finished = (host: MemoryHost) => host.err.split('\n').filter((line) => line.startsWith('watching for changes')).length;

let stop: AbortController;
let watched: MemoryHost | undefined;
afterEach(() => stop?.abort());

/**
 * Waits past the debounce (10 ms), then until every run that started has ended: a run reads the
 * handlers with ts-morph, whose first load takes a while on a busy machine.
 */
async function settle(): Promise<void> {
  await sleep(60);
  const deadline = Date.now() + 20_000;
  while (watched !== undefined && finished(watched) < runs(watched) && Date.now() < deadline) await sleep(20);
}

function start(host: WatchedHost, options: Partial<WatchOptions> = {}): Promise<number> {
  stop = new AbortController();
  watched = host;
  return runWatch(host, 'shop.flow', {
    templateFormat: 'yaml',
    generatedDir: 'generated',
    diagnosticFormat: 'short',
    debounceMs: 10,
    signal: stop.signal,
    ...options,
  });
}

describe('flowc watch', () => {
  test('checks at once, then again after each change of the .flow file, with its diagnostics', async () => {
    const host = new WatchedHost().addFile('shop.flow', flow());
    const done = start(host);
    await settle();
    expect(runs(host)).toBe(1);
    expect(host.err).toContain('first run');
    expect(host.err).toContain('watching for changes (Ctrl-C to stop)');

    host.edit('shop.flow', flow('fn pack2\nqueue nowhere: Missing\n'));
    await settle();
    expect(runs(host)).toBe(2);
    expect(host.err).toContain('shop.flow changed');
    expect(host.out + host.err).toMatch(/shop\.flow:\d+:\d+: error FL2002/);

    stop.abort();
    await expect(done).resolves.toBe(0);
    expect(host.err.trimEnd().endsWith('flowc watch: stopped')).toBe(true);
    expect(host.watchers.size).toBe(0);
  });

  test('a save that changes nothing, and a burst of saves, give no run and one run', async () => {
    const host = new WatchedHost().addFile('shop.flow', flow());
    void start(host);
    await settle();
    host.edit('shop.flow', flow());
    await settle();
    expect(runs(host)).toBe(1);
    host.edit('shop.flow', flow('# one\n'));
    host.edit('shop.flow', flow('# two\n'));
    host.edit('shop.flow', flow('# three\n'));
    await settle();
    expect(runs(host)).toBe(2);
  });

  test('with -o it builds; the stubs and the generated module it writes do not wake it up, a handler edit does', async () => {
    const host = new WatchedHost().addFile('shop.flow', flow());
    void start(host, { outDir: 'out' });
    await settle();
    expect(host.text('handlers/pack.ts')).toBeDefined();
    expect(host.text('generated/flow.ts')).toBeDefined();
    expect(host.text('out/template.yaml')).toBeDefined();
    await settle();
    expect(runs(host)).toBe(1);
    expect(host.watchedFolders()).toEqual(['/work', '/work/handlers (recursive)']);

    host.edit('handlers/pack.ts', `${host.text('handlers/pack.ts')}\n// done\n`);
    await settle();
    expect(runs(host)).toBe(2);
    expect(host.err).toContain('handlers/pack.ts changed');

    // What flowc writes and what is not code are not changes.
    host.edit('generated/extra.ts', 'export {};\n');
    host.edit('out/notes.ts', 'export {};\n');
    host.edit('handlers/notes.txt', 'hello\n');
    host.edit('node_modules/x/index.js', 'export {};\n');
    await settle();
    expect(runs(host)).toBe(2);
  });

  test('a new function brings its handler folder into the watch', async () => {
    const host = new WatchedHost().addFile('shop.flow', flow());
    void start(host, { outDir: 'out' });
    await settle();
    host.edit('shop.flow', flow('fn audit { handler = "audit/audit.ts" }\npack -> audit\n'));
    await settle();
    expect(host.text('audit/audit.ts')).toBeDefined();
    expect(host.watchedFolders()).toEqual(['/work', '/work/audit (recursive)', '/work/handlers (recursive)']);
  });

  test('on a terminal each run replaces the last one on the screen', async () => {
    const host = new WatchedHost().addFile('shop.flow', flow());
    host.stdoutIsTTY = true;
    void start(host);
    await settle();
    host.edit('shop.flow', flow('# changed\n'));
    await settle();
    expect(host.out.split('\x1b[2J\x1b[3J\x1b[H').length - 1).toBe(2);
  });

  test('an unreadable .flow file is reported and the watch goes on until it is back', async () => {
    const host = new WatchedHost().addFile('shop.flow', flow());
    void start(host);
    await settle();
    host.files.delete('/work/shop.flow');
    host.edit('handlers/x.ts', 'export {};\n');
    await settle();
    expect(runs(host)).toBe(2);
    expect(host.err).toMatch(/shop\.flow: no such file/);
    host.edit('shop.flow', flow('# back\n'));
    await settle();
    expect(runs(host)).toBe(3);
    expect(host.err).not.toContain('internal error');
  });

  test('stopping before the first run returns at once', async () => {
    const host = new WatchedHost().addFile('shop.flow', flow());
    stop = new AbortController();
    stop.abort();
    await expect(runWatch(host, 'shop.flow', { templateFormat: 'yaml', generatedDir: 'generated', diagnosticFormat: 'short', signal: stop.signal })).resolves.toBe(0);
    expect(host.err).toBe('');
  });
});
