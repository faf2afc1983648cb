import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cacheDirectory, cacheKey, commandOf, readCache, writeCache } from '../../bin/code-cache.js';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'flowc-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the code cache of bin/flowc.js: where it lives, what it is keyed on', () => {
  test("the user's cache folder of each platform, FLOWC_CACHE_DIR first", () => {
    expect(cacheDirectory({ FLOWC_CACHE_DIR: '/x' }, 'linux', '/home/u')).toBe('/x');
    expect(cacheDirectory({}, 'linux', '/home/u')).toBe('/home/u/.cache/flowc');
    expect(cacheDirectory({ XDG_CACHE_HOME: '/c' }, 'linux', '/home/u')).toBe('/c/flowc');
    expect(cacheDirectory({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/flowc');
    expect(cacheDirectory({ LOCALAPPDATA: 'C:/Users/u/AppData/Local' }, 'win32', 'C:/Users/u')).toBe(join('C:/Users/u/AppData/Local', 'flowc', 'Cache'));
  });

  test('one cache per command: the first word that is not an option', () => {
    expect(commandOf(['check', 'app.flow'])).toBe('check');
    expect(commandOf(['--debug', 'build', 'app.flow', '-o', 'out'])).toBe('build');
    expect(commandOf([])).toBe('other');
    expect(commandOf(['../odd/name.flow'])).toBe('other');
  });

  test('the key changes with the bundle, its length and modification time, NODE_OPTIONS and the flags of Node', () => {
    const bundle = { sha256: 'a'.repeat(64), length: 10, modified: 1 };
    const key = cacheKey(bundle, {}, []);
    expect(cacheKey(bundle, {}, [])).toBe(key);
    expect(cacheKey({ ...bundle, sha256: 'b'.repeat(64) }, {}, [])).not.toBe(key);
    expect(cacheKey({ ...bundle, length: 11 }, {}, [])).not.toBe(key);
    expect(cacheKey({ ...bundle, modified: 2 }, {}, [])).not.toBe(key);
    expect(cacheKey(bundle, { NODE_OPTIONS: '--max-old-space-size=100' }, [])).not.toBe(key);
    expect(cacheKey(bundle, {}, ['--jitless'])).not.toBe(key);
  });
});

describe('the code cache is never trusted: read only whole and under its own key', () => {
  const key = cacheKey({ sha256: 'c'.repeat(64), length: 1, modified: 1 }, {}, []);
  const path = join(dir, 'unit', 'check-x.v8cache');

  test('what was written is read back under the same key, and under no other', () => {
    writeCache(path, key, Buffer.from('compiled code'));
    expect(readCache(path, key)?.toString()).toBe('compiled code');
    expect(readCache(path, cacheKey({ sha256: 'd'.repeat(64), length: 1, modified: 1 }, {}, []))).toBeUndefined();
    expect(readCache(join(dir, 'unit', 'missing.v8cache'), key)).toBeUndefined();
  });

  test('a file changed or cut short is ignored', () => {
    writeCache(path, key, Buffer.from('compiled code'));
    const file = readFileSync(path);
    const changed = Buffer.from(file);
    changed[changed.length - 1] = (changed[changed.length - 1] as number) ^ 1;
    writeFileSync(path, changed);
    expect(readCache(path, key)).toBeUndefined();
    writeFileSync(path, file.subarray(0, file.length - 3));
    expect(readCache(path, key)).toBeUndefined();
    writeFileSync(path, '');
    expect(readCache(path, key)).toBeUndefined();
  });

  test('a folder that cannot be written means no cache, not a failure', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(() => writeCache(join(file, 'code', 'check-x.v8cache'), key, Buffer.from('x'))).not.toThrow();
  });
});

describe('bin/flowc.js with a cache V8 refuses or that is damaged', () => {
  const cacheDir = join(dir, 'cli');
  const flow = join(dir, 'app.flow');
  writeFileSync(flow, 'app a\ntopic t\nqueue q\nt -> q\n');
  const env = { ...process.env, FLOWC_CACHE_DIR: cacheDir, NODE_OPTIONS: '' };
  const check = () => spawnSync(process.execPath, [`${root}bin/flowc.js`, 'check', flow], { encoding: 'utf8', env });
  const launch = JSON.parse(readFileSync(`${root}dist/launch.json`, 'utf8')) as { sha256: string };
  const bundle = `${root}dist/flowc.cjs`;
  const key = cacheKey({ sha256: launch.sha256, length: readFileSync(bundle, 'utf8').length, modified: statSync(bundle).mtimeMs }, env, []);
  const path = join(cacheDir, 'code', `check-${key.slice(0, 16)}.v8cache`);

  test('is compiled from source, runs as without a cache, and writes the cache again', () => {
    expect(check().status).toBe(0);
    const good = readCache(path, key);
    expect(good?.length).toBeGreaterThan(1000);
    // Whole and under the right key, but not V8's: V8 rejects it.
    writeCache(path, key, Buffer.from('not a code cache'));
    const rejected = check();
    expect([rejected.status, rejected.stderr]).toEqual([0, 'no problems\n']);
    expect(readCache(path, key)?.length).toBeGreaterThan(1000);
    // Damaged: ignored before V8 sees it.
    const file = readFileSync(path);
    file[file.length >> 1] = (file[file.length >> 1] as number) ^ 0xff;
    writeFileSync(path, file);
    expect(readCache(path, key)).toBeUndefined();
    const damaged = check();
    expect([damaged.status, damaged.stderr]).toEqual([0, 'no problems\n']);
    expect(readCache(path, key)?.length).toBeGreaterThan(1000);
  });
});

describe('bin/flowc.js --debug', () => {
  test("an internal error's stack trace names the sources' files and functions (the bundle keeps no names; its source map does)", () => {
    // Hands the compiler a number for the .flow file's bytes: a bug flowc cannot report as a
    // problem of the input, so it is an internal error (FL9002).
    const hook = join(dir, 'bad-bytes.cjs');
    writeFileSync(
      hook,
      "const fs = require('node:fs'); const read = fs.readFileSync;\n" +
        "fs.readFileSync = function (path, ...rest) { return String(path).endsWith('.flow') ? 42 : read.call(this, path, ...rest); };\n",
    );
    const flow = join(dir, 'debug.flow');
    writeFileSync(flow, 'app a\n');
    const run = (...flags: string[]) =>
      spawnSync(process.execPath, ['--require', hook, `${root}bin/flowc.js`, 'check', flow, ...flags], { encoding: 'utf8', env: { ...process.env, FLOWC_CACHE_DIR: join(dir, 'debug-cache') } });
    const plain = run();
    expect(plain.status).toBe(2);
    expect(plain.stderr).toContain('internal error FL9002');
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = run('--debug');
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at decodeSource \(.*compiler\/source\/decode\.ts:\d+:\d+\)/);
    expect(debug.stderr).toMatch(/\n\s+at checkBytes \(.*compiler\/program\.ts:\d+:\d+\)/);
  });
});
