import { dirname, join, posix, resolve } from 'node:path';
import { DEFAULT_GENERATED_DIR, HANDLER_EXTENSIONS, handlerFile, normalizedHandlerPath } from '../../runtime/manifest/handler-path.js';
import type { FlowManifest } from '../../runtime/manifest/schema.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { HandlerFacts } from '../handlers/facts.js';
import type { HandlerSource } from '../handlers/inspect.js';
import { cacheId } from './cache-file.js';
import { factsCachePath, loadFactsCache, saveFactsCache, textHash } from './handler-facts-cache.js';
import { stubFacts } from '../handlers/stub-facts.js';
import type { SourceFile } from '../source/source-file.js';
import { type Host, HostError } from './host.js';

export interface HandlerCheckOptions {
  /** FL6003 (a stub that still throws) is an error for `package` and `deploy` unless `--allow-stubs`. */
  readonly stubs: 'warning' | 'error';
  /** Also run the TypeScript checker over the handlers (FL6006): `--types`, and `package`/`deploy` unless `--no-type-check`. */
  readonly types?: boolean;
  /** The folder of the generated module, relative to the .flow file (`build --generated`). */
  readonly generatedDir?: string;
  /**
   * The cache of the handlers' facts (handler-facts-cache.ts): the commands that write outputs
   * update it (`build`, `package`), `check` only reads it (the default), `--no-cache` turns it off.
   */
  readonly cache?: 'read' | 'update' | 'off';
  /** The stubs `build` rendered, by path: a TypeScript handler equal to its stub is judged from the stub's layout (handlers/stub-facts.ts), not parsed. */
  readonly renderedStubs?: ReadonlyMap<string, string>;
  /**
   * Handler texts `build` has in hand, by path: what it read of a file it then kept, and the
   * stubs it wrote. Each is what a read would give now, so the file is not read a second time.
   */
  readonly texts?: ReadonlyMap<string, string>;
  /**
   * `flowc watch`'s facts of the last run, by text hash (build-memory.ts): read instead of the
   * cache file, and replaced by this run's.
   */
  readonly memory?: Map<string, HandlerFacts>;
}

/** A handler larger than this is not read (it is generated or vendored code, not one to judge). */
const HANDLER_READ_LIMIT = 1024 * 1024;

/** The default folder of handler stubs (`handlers/<fn>.ts`), scanned for orphans even when no function uses it any more. */
const DEFAULT_HANDLER_FOLDER = 'handlers';

/**
 * Reads the handlers of a compiled flow through the Host and inspects them (compiler/handlers):
 * the files the functions name, and the other sources of their folders, for orphans. ts-morph
 * is loaded only when there is a file to read, so `flowc check` on a flow without handlers
 * starts as fast as before.
 */
export async function checkHandlers(host: Host, file: string, flow: SourceFile, manifest: FlowManifest, options: HandlerCheckOptions): Promise<Diagnostic[]> {
  const flowDir = dirname(resolve(host.cwd, file));
  const display = (handler: string) => posix.join(dirname(file).replaceAll('\\', '/'), normalizedHandlerPath(handler) ?? handler);
  const owners = new Map<string, { handler: string; functions: string[] }>();
  for (const fn of manifest.functions) {
    const path = handlerFile(flowDir, fn.handler);
    const entry = owners.get(path);
    if (entry) entry.functions.push(fn.name);
    else owners.set(path, { handler: fn.handler, functions: [fn.name] });
  }
  const owned: { source: HandlerSource; functions: string[] }[] = [];
  for (const [path, { handler, functions }] of owners) {
    const text = options.texts?.get(path) ?? readHandler(host, path);
    if (text !== undefined) owned.push({ source: { path, display: display(handler), text }, functions });
  }
  const unowned: HandlerSource[] = [];
  for (const folder of handlerFolders(host, flowDir, owners.keys())) {
    for (const name of listSources(host, folder)) {
      const path = join(folder, name);
      if (owners.has(path)) continue;
      const text = readHandler(host, path);
      const relative = posix.relative(flowDir.replaceAll('\\', '/'), path.replaceAll('\\', '/'));
      if (text !== undefined) unowned.push({ path, display: display(relative), text });
    }
  }
  if (owned.length === 0 && unowned.length === 0) return [];
  const facts = await factsOf(host, resolve(host.cwd, file), [...owned.map((o) => o.source), ...unowned], options.cache ?? 'read', options.renderedStubs ?? new Map(), options.memory);
  const { inspectHandlers } = await import('../handlers/inspect.js');
  const found = inspectHandlers({ manifest, flow, owned, unowned, display, stubs: options.stubs, facts });
  // The checker runs only over handlers that parse and export something: one diagnostic per mistake.
  if (options.types !== true) return found;
  const broken = new Set(found.filter((d) => d.code === 'FL6005' || d.code === 'FL6001').map((d) => d.source.path));
  const typed = owned.filter((o) => TYPESCRIPT.test(o.source.path) && !broken.has(o.source.display));
  if (typed.length === 0) return found;
  const [{ typeCheckHandlers }, { readOnlyFileSystem }] = await Promise.all([import('../handlers/type-check.js'), import('./ts-file-system.js')]);
  const generatedDir = options.generatedDir ?? DEFAULT_GENERATED_DIR;
  return [...found, ...typeCheckHandlers({ manifest, flow, flowDir, generatedDir, handlers: typed, fileSystem: (overlay) => readOnlyFileSystem(host, overlay) })];
}

const TYPESCRIPT = /\.(c|m)?tsx?$/;

/**
 * The facts of each handler's syntax, by path: from the cache for a text it has seen, from the
 * stub's layout for a stub as flowc renders it, read with ts-morph (loaded only then) for the others.
 */
async function factsOf(
  host: Host,
  flowFile: string,
  sources: readonly HandlerSource[],
  cache: 'read' | 'update' | 'off',
  renderedStubs: ReadonlyMap<string, string>,
  memory: Map<string, HandlerFacts> | undefined,
): Promise<Map<string, HandlerFacts>> {
  const id = cache === 'off' ? undefined : cacheId(host);
  const cachePath = factsCachePath(flowFile);
  // The watch's memory starts empty: its first run reads the cache file.
  const cached = memory !== undefined && memory.size > 0 ? new Map(memory) : id === undefined ? new Map<string, HandlerFacts>() : loadFactsCache(host, cachePath, id);
  const byPath = new Map<string, HandlerFacts>();
  const used = new Map<string, HandlerFacts>();
  const unread: { source: HandlerSource; hash: string }[] = [];
  for (const source of sources) {
    const hash = textHash(source.text);
    const facts = cached.get(hash) ?? (TYPESCRIPT.test(source.path) && renderedStubs.get(source.path) === source.text ? stubFacts(source.text) : undefined);
    if (facts === undefined) unread.push({ source, hash });
    else {
      byPath.set(source.path, facts);
      used.set(hash, facts);
    }
  }
  if (unread.length > 0) {
    const { readHandlerFacts } = await import('../handlers/read-facts.js');
    const read = readHandlerFacts(unread.map((u) => u.source));
    for (const { source, hash } of unread) {
      const facts = read.get(source.path);
      if (facts === undefined) continue;
      byPath.set(source.path, facts);
      used.set(hash, facts);
    }
  }
  if (memory !== undefined) {
    memory.clear();
    for (const [hash, facts] of used) memory.set(hash, facts);
  }
  if (id !== undefined && cache === 'update') saveFactsCache(host, cachePath, id, used, cached);
  return byPath;
}

function handlerFolders(host: Host, flowDir: string, handlerPaths: Iterable<string>): Set<string> {
  const folders = new Set<string>();
  for (const path of handlerPaths) folders.add(dirname(path));
  const fallback = join(flowDir, DEFAULT_HANDLER_FOLDER);
  if (host.inspect(fallback).kind === 'directory') folders.add(fallback);
  return folders;
}

function listSources(host: Host, folder: string): string[] {
  try {
    return host
      .listFolder(folder)
      .filter((name) => HANDLER_EXTENSIONS.some((ext) => name.endsWith(ext)) && !/\.d\.[cm]?ts$/.test(name))
      .sort();
  } catch (error) {
    // A folder that cannot be listed has no orphans flowc can name.
    if (error instanceof HostError) return [];
    throw error;
  }
}

/** The text of a handler, or undefined when there is none to judge (missing, a folder, too large, unreadable). */
function readHandler(host: Host, path: string): string | undefined {
  try {
    // Read without looking first: one access per file, and a file that vanishes in between is only missing.
    const bytes = host.readFile(path, HANDLER_READ_LIMIT + 1);
    return bytes.byteLength > HANDLER_READ_LIMIT ? undefined : new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  } catch (error) {
    if (error instanceof HostError) return undefined;
    throw error;
  }
}
