import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { isCacheFile, readCacheFile, writeCacheFile } from './cache-file.js';
import { type Host, HostError } from './host.js';

/**
 * The texts of the YAML templates a build printed (the root and each nested stack), by what
 * decides them (emit/cloudformation's `templateKey`: the format, the header and the compact
 * JSON, which V8 writes several times faster than flowc prints YAML), so that a rebuild prints
 * only the stacks that changed. Two stores with one interface:
 *
 * - `MemoryTexts`, `flowc watch`'s: the texts of the last run, by their whole key;
 * - `DiskTexts`, `flowc build`'s: content-addressed files in `.flowc/<flow>.printed/`, one per
 *   text, named by the SHA-256 of its key. Like every cache of flowc (cache-file.ts) an entry is
 *   untrusted input: used only when this very build of flowc wrote it, its name is the hash of
 *   the key asked for, and its text has the hash it was written with; otherwise it is not there.
 *
 * Both keep only what the last run used (`endRun`), so they hold one build's texts and never grow.
 */
export interface PrintedTexts {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
  /** Ends a build: the texts it did not use are dropped. */
  endRun(): void;
}

export class MemoryTexts implements PrintedTexts {
  private previous = new Map<string, string>();
  private current = new Map<string, string>();

  get(key: string): string | undefined {
    const text = this.current.get(key) ?? this.previous.get(key);
    if (text !== undefined) this.current.set(key, text);
    return text;
  }

  set(key: string, text: string): void {
    this.current.set(key, text);
  }

  /** (A run that asked for no text, its templates taken whole from memory, keeps the last run's.) */
  endRun(): void {
    if (this.current.size > 0) this.previous = this.current;
    this.current = new Map();
  }
}

/** The cache's `format` (cache-file.ts). */
const FORMAT = 'flowc printed text';

/** An entry's file name: the key's hash and `.json`. */
const ENTRY_NAME = /^[\w-]{43}\.json$/;

export function printedCacheFolder(flowFile: string): string {
  return join(dirname(flowFile), '.flowc', `${basename(flowFile)}.printed`);
}

export class DiskTexts implements PrintedTexts {
  /** The entries this build used or wrote, by file name. */
  private readonly used = new Set<string>();

  constructor(
    private readonly host: Host,
    private readonly folder: string,
    private readonly id: string,
  ) {}

  get(key: string): string | undefined {
    const name = entryName(key);
    const data = readCacheFile(this.host, join(this.folder, name), FORMAT, this.id);
    if (data === undefined || data.key !== name.slice(0, -'.json'.length) || typeof data.text !== 'string' || data.hash !== hash(data.text)) return undefined;
    this.used.add(name);
    return data.text;
  }

  set(key: string, text: string): void {
    const name = entryName(key);
    this.used.add(name);
    writeCacheFile(this.host, join(this.folder, name), FORMAT, this.id, { key: name.slice(0, -'.json'.length), hash: hash(text), text });
  }

  /** Removes the entries this build did not use: only files of this cache (their format says so). */
  endRun(): void {
    let names: string[];
    try {
      names = this.host.listFolder(this.folder);
    } catch (error) {
      if (error instanceof HostError) return;
      throw error;
    }
    for (const name of names) {
      const path = join(this.folder, name);
      if (this.used.has(name) || !ENTRY_NAME.test(name) || !isCacheFile(this.host, path, FORMAT)) continue;
      try {
        this.host.removeFile(path);
      } catch (error) {
        if (!(error instanceof HostError)) throw error;
      }
    }
  }
}

function entryName(key: string): string {
  return `${hash(key)}.json`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

