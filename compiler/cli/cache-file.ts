import { type Host, HostError } from './host.js';

/**
 * flowc's cache files in `.flowc/` (handler-facts-cache.ts, build-replay.ts): JSON with a
 * `format` that names the cache and a `flowc` that names the build of flowc that wrote it. A
 * cache only ever saves time, so it is read as untrusted input: another format, another build,
 * a file that cannot be read or parsed, and it is not there. It is written atomically, and never
 * over a file at its path that flowc did not write (one without its `format`); a cache that
 * cannot be written is only a slower next run.
 */

/** The largest cache file read. */
const CACHE_READ_LIMIT = 64 * 1024 * 1024;

declare const __FLOWC_BUILD_ID__: string | undefined;

/**
 * The build of flowc, for the caches' validity: the bundle's (scripts/build.js `define`: a hash
 * of flowc's sources and lock file); when flowc runs from its sources (the tests),
 * `FLOWC_DEV_BUILD_ID` if set, or none, and no cache.
 */
export function cacheId(host: Host): string | undefined {
  return typeof __FLOWC_BUILD_ID__ === 'string' ? __FLOWC_BUILD_ID__ : host.env.FLOWC_DEV_BUILD_ID;
}

/** The cache's payload, when the file at `path` is this cache, written by this build of flowc. */
export function readCacheFile(host: Host, path: string, format: string, id: string): Record<string, unknown> | undefined {
  const cache = readCache(host, path, format);
  return cache !== undefined && cache.flowc === id ? cache.data : undefined;
}

/** Whether the file at `path` is this cache (written by any build of flowc): what flowc may remove. */
export function isCacheFile(host: Host, path: string, format: string): boolean {
  return readCache(host, path, format) !== undefined;
}

export function writeCacheFile(host: Host, path: string, format: string, id: string, data: Record<string, unknown>): void {
  const info = host.inspect(path);
  if (info.kind !== 'missing' && (info.kind !== 'file' || readCache(host, path, format) === undefined)) return;
  const text = `${JSON.stringify({ format, note: 'a cache of flowc: safe to delete', flowc: id, data })}\n`;
  try {
    host.writeFileAtomic(path, text);
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
  }
}

function readCache(host: Host, path: string, format: string): { flowc: string; data: Record<string, unknown> } | undefined {
  let text: string;
  try {
    const bytes = host.readFile(path, CACHE_READ_LIMIT + 1);
    if (bytes.byteLength > CACHE_READ_LIMIT) return undefined;
    text = new TextDecoder().decode(bytes);
  } catch (error) {
    if (error instanceof HostError) return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (!isRecord(value) || value.format !== format || typeof value.flowc !== 'string' || !isRecord(value.data)) return undefined;
    return { flowc: value.flowc, data: value.data };
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
