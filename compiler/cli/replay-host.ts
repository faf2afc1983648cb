import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Host } from './host.js';

/**
 * The host a replay probes on (early-replay.ts): node's, with fewer calls for what a replay
 * mostly asks, a regular file inspected and then read (each handler: its size, its start, all
 * of it); `reads` are the paths the replay will read. `statSync` costs far more than its system call in Node 20 (a `Stats` object and four
 * `Date`s: about half a replay's time at N = 1,000), so a folder's entries are listed once with
 * their types, and a regular file among them is read whole when it is inspected: its size is
 * the length of what was read, and the read that follows takes those bytes. Anything else (a
 * symbolic link, a folder, a name not listed, a file read without being inspected) is asked of
 * `host` as it is.
 */
export function replayHost(host: Host, reads: ReadonlySet<string>): Host {
  const folders = new Map<string, ReadonlyMap<string, Dirent> | null>();
  const read = new Map<string, Uint8Array>();
  const isRegularFile = (path: string) => {
    const folder = dirname(resolve(host.cwd, path));
    if (!folders.has(folder)) {
      let entries: ReadonlyMap<string, Dirent> | null = null;
      try {
        entries = new Map(readdirSync(folder, { withFileTypes: true }).map((entry) => [entry.name, entry]));
      } catch {
        // Not a folder that can be listed: its paths are asked of the host.
      }
      folders.set(folder, entries);
    }
    return folders.get(folder)?.get(basename(path))?.isFile() === true;
  };
  return {
    ...host,
    inspect(path) {
      if (!reads.has(path) || read.has(path) || !isRegularFile(path)) return host.inspect(path);
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(resolve(host.cwd, path));
      } catch {
        return host.inspect(path);
      }
      read.set(path, bytes);
      return { kind: 'file', size: bytes.byteLength };
    },
    readFile(path, limit) {
      const bytes = read.get(path);
      if (bytes === undefined) return host.readFile(path, limit);
      read.delete(path);
      // What the host reads of a regular file: all of it, or its first `limit` bytes.
      return limit === undefined || bytes.byteLength <= limit ? bytes : bytes.subarray(0, limit);
    },
  };
}
