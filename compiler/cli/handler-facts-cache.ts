import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { HandlerFacts } from '../handlers/facts.js';
import { isRecord, readCacheFile, writeCacheFile } from './cache-file.js';
import type { Host } from './host.js';

/**
 * The cache of what the handlers' syntax says (compiler/handlers/facts.ts), by the hash of each
 * file's text: a build whose handlers did not change judges them against the flow without
 * loading ts-morph or parsing a file.
 *
 * It lives in `.flowc/<flow>.handlers.json` beside the .flow file (like `.eslintcache`: a file
 * of the source tree that version control ignores; `flowc init`'s .gitignore lists `.flowc/`).
 * Like every cache of flowc (cache-file.ts) it is distrusted: used only when this very build of
 * flowc wrote it, and only when every entry has the shape of facts; otherwise it is ignored and
 * the handlers are parsed.
 */

/** The cache's `format` (cache-file.ts). */
const FORMAT = 'flowc handler facts';

export function factsCachePath(flowFile: string): string {
  return join(dirname(flowFile), '.flowc', `${basename(flowFile)}.handlers.json`);
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** The facts of the cache at `path`, by text hash; empty when there is none that can be trusted. */
export function loadFactsCache(host: Host, path: string, id: string): Map<string, HandlerFacts> {
  const data = readCacheFile(host, path, FORMAT, id);
  const entries = new Map<string, HandlerFacts>();
  for (const [hash, facts] of Object.entries(data ?? {})) {
    if (!isFacts(facts)) return new Map();
    entries.set(hash, facts);
  }
  return entries;
}

/**
 * Writes the facts this run used (so the cache holds only the handlers of now and never
 * grows), when they differ from what was loaded.
 */
export function saveFactsCache(host: Host, path: string, id: string, used: ReadonlyMap<string, HandlerFacts>, loaded: ReadonlyMap<string, HandlerFacts>): void {
  if (used.size === loaded.size && [...used.keys()].every((hash) => loaded.has(hash))) return;
  writeCacheFile(host, path, FORMAT, id, Object.fromEntries([...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isOffset = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function isPlace(value: unknown): boolean {
  return isRecord(value) && isOffset(value.start) && isOffset(value.end) && isString(value.text);
}

function isExport(value: unknown): boolean {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'missing':
      return value.other === undefined || isPlace(value.other);
    case 'function':
      return isPlace(value.name);
    case 'elsewhere':
      return true;
    case 'variable': {
      const helper = value.helper;
      return (
        isPlace(value.name) &&
        (value.type === undefined || isPlace(value.type)) &&
        (value.typeName === undefined || isString(value.typeName)) &&
        (helper === undefined || (isRecord(helper) && isString(helper.value) && isString(helper.method)))
      );
    }
    default:
      return false;
  }
}

/** Whether a cached entry has the shape of HandlerFacts, every field: a cache is read as untrusted input. */
function isFacts(value: unknown): value is HandlerFacts {
  if (!isRecord(value)) return false;
  const error = value.syntaxError;
  return (
    (error === undefined || (isRecord(error) && isOffset(error.start) && isOffset(error.length) && isString(error.message))) &&
    isExport(value.export) &&
    Array.isArray(value.imported) &&
    value.imported.every((pair) => Array.isArray(pair) && pair.length === 2 && isString(pair[0]) && isString(pair[1])) &&
    (value.sendsUsed === null || (Array.isArray(value.sendsUsed) && value.sendsUsed.every(isString))) &&
    Array.isArray(value.stubThrows) &&
    value.stubThrows.every(isPlace) &&
    Array.isArray(value.detailTypePuts) &&
    value.detailTypePuts.every((put) => isRecord(put) && isString(put.client) && isString(put.detailType) && isPlace(put.place))
  );
}
