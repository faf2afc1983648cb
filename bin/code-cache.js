// Runs the CLI bundle (dist/flowc.cjs, one CommonJS script built by scripts/build.js) through a
// V8 code cache, so that a run does not parse and compile again the code the last run of the
// same command compiled (docs/performance.md, "Start-up"). Node 20 has no compile cache for ES
// modules (module.enableCompileCache is Node 22), hence a script and `vm.Script`'s cachedData.
//
// The cache is only ever a shortcut, and never trusted:
//   - its file name and its header hold a key made of everything that decides what V8 compiled:
//     the bundle's SHA-256 (dist/launch.json, written by the build), the size and modification
//     time of the file read (a bundle changed after the build is another), Node's and V8's
//     versions, the architecture, and the flags Node runs with (execArgv, NODE_OPTIONS);
//   - its header holds the SHA-256 of the data, so a file cut short or changed is ignored;
//   - V8 checks the data again (its version and flags) and may reject it (`cachedDataRejected`);
//   - whatever is wrong, the script is compiled from its source, and the cache written again.
// It lives in the user's cache folder, never in the package (a global install is often
// read-only), one file per command (`check` and `build` compile different code). A file is
// written beside its final name and renamed into place, so concurrent runs read an old or a
// new cache, never half of one; a folder that cannot be written only means no cache.
// FLOWC_CODE_CACHE=0 turns it off; FLOWC_CACHE_DIR moves it.
//
// CommonJS (bin/package.json), like the bundle: an ES-module entry point costs every run Node's
// ES-module loader, about 4 ms before the first line of flowc (docs/performance.md, "Start-up").
'use strict';
const { createHash, randomBytes } = require('node:crypto');
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { join } = require('node:path');
const vm = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const MAGIC = 'flowc-code-cache-1';
/** Cache files kept in the folder; the least recently written beyond this are removed. */
const MAX_FILES = 32;
/**
 * The folder of flowc's caches for this user: FLOWC_CACHE_DIR, else the platform's cache
 * folder (XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%), `flowc` in it.
 */
function cacheDirectory(env = process.env, platform = process.platform, home = homedir()) {
  if (env.FLOWC_CACHE_DIR) return env.FLOWC_CACHE_DIR;
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'flowc', 'Cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'flowc');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'flowc');
}

/** The command a run's cache is kept for: its first word that is not an option. */
function commandOf(argv) {
  const word = argv.find((arg) => !arg.startsWith('-'));
  return word !== undefined && /^[a-z][a-z-]{0,19}$/.test(word) ? word : 'other';
}

/** Everything that decides what V8 compiles from the bundle, hashed. */
function cacheKey(bundle, env = process.env, execArgv = process.execArgv) {
  const facts = {
    bundle: bundle.sha256,
    length: bundle.length,
    modified: bundle.modified,
    node: process.version,
    v8: process.versions.v8,
    arch: process.arch,
    execArgv,
    nodeOptions: env.NODE_OPTIONS ?? '',
  };
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex');
}

/** The cached data in `path` when it was written under `key` and is whole, else undefined. */
function readCache(path, key) {
  let file;
  try {
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  const header = `${MAGIC}\n${key}\n`;
  const hashEnd = header.length + 64;
  if (file.length <= hashEnd + 1 || file.toString('latin1', 0, header.length) !== header || file[hashEnd] !== 0x0a) return undefined;
  const data = file.subarray(hashEnd + 1);
  return createHash('sha256').update(data).digest('hex') === file.toString('latin1', header.length, hashEnd) ? data : undefined;
}

/** Writes `data` under `key` to `path` atomically; a folder that cannot be written is left alone. */
function writeCache(path, key, data) {
  const folder = join(path, '..');
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${MAGIC}\n${key}\n${createHash('sha256').update(data).digest('hex')}\n`, 'latin1'), data]));
    renameSync(temporary, path);
    prune(folder);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written: the folder is not there or not a folder.
    }
  }
}

/** Keeps the newest MAX_FILES caches (other versions of flowc or Node leave theirs behind). */
function prune(folder) {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.v8cache'))
    .map((name) => ({ path: join(folder, name), time: statSync(join(folder, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { path } of files.slice(MAX_FILES)) rmSync(path, { force: true });
}

/**
 * Runs the CLI with these arguments and returns its exit code: the bundle compiled with the
 * cache of this command when there is a valid one, and the cache written after the run
 * (which holds every function the run compiled) when there was none or V8 rejected it.
 */
async function runCli(argv, env = process.env) {
  const launch = JSON.parse(readFileSync(join(dist, 'launch.json'), 'utf8'));
  const bundlePath = join(dist, launch.bundle);
  const requireBundle = createRequire(bundlePath);
  // A script compiled from a code cache cannot `import()` in Node 20 (its loader is lost): the
  // bundle has no `import()` (the build turns them into `require`) but the simulator's, of the
  // handler bundles (ES modules), which goes through this (runtime/sim/import-module.ts).
  globalThis[Symbol.for('flowc.importModule')] = (url) => import(url);
  if (env.FLOWC_CODE_CACHE === '0') return requireBundle(bundlePath).main(argv);
  // The bundle keeps no names (scripts/build.js): the stack traces of `--debug` read the sources'
  // files, lines and names through the source map, which Node applies only to a module it
  // loads itself after source maps are enabled, not to a vm.Script.
  if (argv.includes('--debug')) {
    process.setSourceMapsEnabled(true);
    return requireBundle(bundlePath).main(argv);
  }
  const source = readFileSync(bundlePath, 'utf8');
  const key = cacheKey({ sha256: launch.sha256, length: source.length, modified: statSync(bundlePath).mtimeMs }, env);
  const path = join(cacheDirectory(env), 'code', `${commandOf(argv)}-${key.slice(0, 16)}.v8cache`);
  const cachedData = readCache(path, key);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundlePath,
    ...(cachedData !== undefined ? { cachedData } : {}),
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, requireBundle, module, bundlePath, dist);
  const code = await module.exports.main(argv);
  if (cachedData === undefined || script.cachedDataRejected === true) writeCache(path, key, script.createCachedData());
  return code;
}

module.exports = { cacheDirectory, commandOf, cacheKey, readCache, writeCache, runCli };
