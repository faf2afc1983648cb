import { type Host, HostError } from './host.js';
import { contentHash } from './content-hash.js';

/**
 * flowc's cache files in `.flowc/` (handler-facts-cache.ts, build-replay.ts): a line of JSON
 * with a `format` that names the cache and a `flowc` that names the build of flowc that wrote
 * it, then, for a cache that keeps bytes as they are (a build's printed output), those bytes,
 * whose length and hash the line gives. A cache only ever saves time, so it is read as
 * untrusted input: another format, another build, a file that cannot be read or parsed, bytes
 * that are not those the line describes, and it is not there. It is written atomically, and
 * never over a file at its path that flowc did not write (one without its `format`); a cache
 * that cannot be written is only a slower next run.
 */

/** The largest cache file read. */
const CACHE_READ_LIMIT = 64 * 1024 * 1024;

const NEWLINE = 0x0a;

declare const __FLOWC_BUILD_ID__: string | undefined;

/**
 * The build of flowc, for the caches' validity: the bundle's (scripts/build.js `define`: a hash
 * of flowc's sources and lock file); when flowc runs from its sources (the tests),
 * `FLOWC_DEV_BUILD_ID` if set, or none, and no cache.
 */
export function cacheId(host: Host): string | undefined {
  return typeof __FLOWC_BUILD_ID__ === 'string' ? __FLOWC_BUILD_ID__ : host.env.FLOWC_DEV_BUILD_ID;
}

interface CacheContent {
  readonly flowc: string;
  readonly data: Record<string, unknown>;
  readonly bytes: Uint8Array;
}

/** The cache's payload, when the file at `path` is this cache, written by this build of flowc. */
export function readCacheFile(host: Host, path: string, format: string, id: string): Record<string, unknown> | undefined {
  return readCacheFileAndBytes(host, path, format, id)?.data;
}

/** The cache's payload and the bytes kept after it, when the file at `path` is this cache, written by this build of flowc. */
export function readCacheFileAndBytes(host: Host, path: string, format: string, id: string): { data: Record<string, unknown>; bytes: Uint8Array } | undefined {
  const cache = readCache(host, path, format);
  return cache !== undefined && cache.flowc === id ? cache : undefined;
}

/** Whether the file at `path` is this cache (written by any build of flowc): what flowc may remove. */
export function isCacheFile(host: Host, path: string, format: string): boolean {
  return readCache(host, path, format) !== undefined;
}

export function writeCacheFile(host: Host, path: string, format: string, id: string, data: Record<string, unknown>, bytes?: Uint8Array): void {
  const info = host.inspect(path);
  if (info.kind !== 'missing' && (info.kind !== 'file' || readCache(host, path, format) === undefined)) return;
  const attached = bytes === undefined ? {} : { bytes: { length: bytes.byteLength, hash: contentHash(bytes) } };
  const line = new TextEncoder().encode(`${JSON.stringify({ format, note: 'a cache of flowc: safe to delete', flowc: id, ...attached, data })}\n`);
  let content = line;
  if (bytes !== undefined) {
    content = new Uint8Array(line.byteLength + bytes.byteLength);
    content.set(line);
    content.set(bytes, line.byteLength);
  }
  try {
    host.writeFileAtomic(path, content);
  } catch (error) {
    if (!(error instanceof HostError)) throw error;
  }
}

function readCache(host: Host, path: string, format: string): CacheContent | undefined {
  let file: Uint8Array;
  try {
    file = host.readFile(path, CACHE_READ_LIMIT + 1);
    if (file.byteLength > CACHE_READ_LIMIT) return undefined;
  } catch (error) {
    if (error instanceof HostError) return undefined;
    throw error;
  }
  // JSON.stringify writes no line break: the first one ends the line, and only it is decoded.
  const end = file.indexOf(NEWLINE);
  if (end < 0) return undefined;
  const bytes = file.subarray(end + 1);
  try {
    const value = JSON.parse(new TextDecoder().decode(file.subarray(0, end))) as unknown;
    if (!isRecord(value) || value.format !== format || typeof value.flowc !== 'string' || !isRecord(value.data)) return undefined;
    if (value.bytes === undefined ? bytes.byteLength !== 0 : !describes(value.bytes, bytes)) return undefined;
    return { flowc: value.flowc, data: value.data, bytes };
  } catch {
    return undefined;
  }
}

function describes(description: unknown, bytes: Uint8Array): boolean {
  return isRecord(description) && description.length === bytes.byteLength && description.hash === contentHash(bytes);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
