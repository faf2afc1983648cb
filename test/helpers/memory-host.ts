import { dirname, resolve } from 'node:path';
import type { Host } from '../../compiler/cli/host.js';
import { HostError } from '../../compiler/cli/host.js';

/** An in-memory host: files in a map, output captured, so CLI tests run in-process. */
export class MemoryHost implements Host {
  readonly files = new Map<string, Uint8Array>();
  readonly directories = new Set<string>();
  out = '';
  err = '';
  stdoutIsTTY = false;
  stdinIsTTY = false;
  env: Record<string, string | undefined> = {};

  constructor(readonly cwd = '/work') {}

  addFile(path: string, content: string | Uint8Array): this {
    this.files.set(resolve(this.cwd, path), typeof content === 'string' ? new TextEncoder().encode(content) : content);
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
    if (this.directories.has(full)) throw new HostError(`${path}: a directory, not a .flow file`);
    const bytes = this.files.get(full);
    if (bytes === undefined) throw new HostError(`${path}: no such file`);
    return limit === undefined ? bytes : bytes.subarray(0, limit);
  }

  fileExists(path: string): boolean {
    const full = resolve(this.cwd, path);
    return this.files.has(full) || this.directories.has(full);
  }

  writeFileAtomic(path: string, content: string | Uint8Array): void {
    this.directories.add(dirname(resolve(this.cwd, path)));
    this.addFile(path, content);
  }

  writeFileIfAbsent(path: string, content: string): boolean {
    if (this.files.has(resolve(this.cwd, path))) return false;
    this.addFile(path, content);
    return true;
  }

  removeTree(path: string): void {
    const full = resolve(this.cwd, path);
    for (const key of [...this.files.keys()]) if (key === full || key.startsWith(`${full}/`)) this.files.delete(key);
  }
}
