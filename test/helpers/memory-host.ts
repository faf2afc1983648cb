import { dirname, resolve } from 'node:path';
import type { Host, PathInfo } from '../../compiler/cli/host.js';
import { HostError } from '../../compiler/cli/host.js';

/**
 * An in-memory host: files in a map, output captured, so CLI tests run in-process. Folders are
 * those added to `directories` and every ancestor of a file; writing refuses what a real file
 * system refuses (a file where a folder must be, a folder where the file goes).
 */
export class MemoryHost implements Host {
  readonly files = new Map<string, Uint8Array>();
  readonly directories = new Set<string>();
  /** Folders in which nothing may be created (`inspect` says not writable, writes fail). */
  readonly readOnly = new Set<string>();
  out = '';
  err = '';
  stdoutIsTTY = false;
  stdinIsTTY = false;
  stderrIsTTY = false;
  env: Record<string, string | undefined> = {};

  constructor(readonly cwd = '/work') {}

  addFile(path: string, content: string | Uint8Array): this {
    const full = resolve(this.cwd, path);
    for (let parent = dirname(full); !this.directories.has(parent); parent = dirname(parent)) {
      this.directories.add(parent);
      if (dirname(parent) === parent) break;
    }
    this.files.set(full, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    return this;
  }

  text(path: string): string | undefined {
    const bytes = this.files.get(resolve(this.cwd, path));
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  }

  stdout(text: string): void {
    this.out += text;
  }

  stderr(text: string): void {
    this.err += text;
  }

  readFile(path: string, limit?: number): Uint8Array {
    const full = resolve(this.cwd, path);
    if (this.isDirectory(full)) throw new HostError(`${path}: a directory, not a .flow file`);
    const bytes = this.files.get(full);
    if (bytes === undefined) throw new HostError(`${path}: no such file`);
    return limit === undefined ? bytes : bytes.subarray(0, limit);
  }

  /** What `readStdin` gives: `flowc fmt -`'s input. */
  stdin: Uint8Array = new Uint8Array();

  readStdin(limit: number): Uint8Array {
    return this.stdin.subarray(0, limit);
  }

  fileExists(path: string): boolean {
    const full = resolve(this.cwd, path);
    return this.files.has(full) || this.isDirectory(full);
  }

  inspect(path: string): PathInfo {
    const full = resolve(this.cwd, path);
    const bytes = this.files.get(full);
    if (bytes !== undefined) return { kind: 'file', size: bytes.byteLength };
    if (this.isDirectory(full)) return { kind: 'directory', writable: !this.readOnly.has(full) };
    return { kind: 'missing' };
  }

  listFolder(path: string): string[] {
    const full = resolve(this.cwd, path);
    if (!this.isDirectory(full)) throw new HostError(`${path}: no such file`);
    const names = new Set<string>();
    for (const key of [...this.files.keys(), ...this.directories]) {
      if (key.startsWith(`${full}/`)) names.add(key.slice(full.length + 1).split('/')[0] as string);
    }
    return [...names].sort();
  }

  writeFileAtomic(path: string, content: string | Uint8Array): void {
    this.checkWritable(path);
    this.addFile(path, content);
  }

  writeFileIfAbsent(path: string, content: string): boolean {
    this.checkWritable(path);
    if (this.files.has(resolve(this.cwd, path))) return false;
    this.addFile(path, content);
    return true;
  }

  removeFile(path: string): void {
    const full = resolve(this.cwd, path);
    if (!this.files.delete(full)) throw new HostError(`${path}: no such file`);
  }

  private isDirectory(full: string): boolean {
    if (this.directories.has(full)) return true;
    for (const key of this.files.keys()) if (key.startsWith(`${full}/`)) return true;
    return false;
  }

  /** What a real file system refuses: a file among the ancestors, a folder at the path, a read-only folder. */
  private checkWritable(path: string): void {
    const full = resolve(this.cwd, path);
    if (this.isDirectory(full)) throw new HostError(`${path} is a directory, not a file`);
    for (let parent = dirname(full); ; parent = dirname(parent)) {
      if (this.files.has(parent)) throw new HostError(`${path}: a part of the path is not a directory`);
      if (this.readOnly.has(parent)) throw new HostError(`${path}: permission denied`);
      if (dirname(parent) === parent) break;
    }
  }
}
