// The real host's file operations on real temporary folders: stubs appear whole or not at all,
// never replace a file, and every failure is a HostError with a one-line reason.
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { HostError, nodeHost } from '../../compiler/cli/host.js';

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return { ...actual, writeFileSync: vi.fn(actual.writeFileSync), linkSync: vi.fn(actual.linkSync) };
});

const realWriteFileSync = vi.mocked(fs.writeFileSync).getMockImplementation() as typeof fs.writeFileSync;
const realLinkSync = vi.mocked(fs.linkSync).getMockImplementation() as typeof fs.linkSync;

afterEach(() => {
  vi.mocked(fs.writeFileSync).mockImplementation(realWriteFileSync);
  vi.mocked(fs.linkSync).mockImplementation(realLinkSync);
});

/** A write that stops halfway with ENOSPC, as on a full disk or a process killed mid-write. */
function failHalfway(): void {
  vi.mocked(fs.writeFileSync).mockImplementation(((path: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, options?: fs.WriteFileOptions) => {
    const text = String(data);
    realWriteFileSync(path, text.slice(0, text.length / 2), options);
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  }) as typeof fs.writeFileSync);
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'flowc-host-'));
}

describe('writeFileIfAbsent: handler stubs', () => {
  test('creates the file, complete, and leaves no temporary file', () => {
    const dir = folder();
    expect(nodeHost().writeFileIfAbsent(join(dir, 'handlers', 'work.ts'), 'export const handler = 1;\n')).toBe(true);
    expect(readFileSync(join(dir, 'handlers', 'work.ts'), 'utf8')).toBe('export const handler = 1;\n');
    expect(readdirSync(join(dir, 'handlers'))).toEqual(['work.ts']);
  });

  test('never replaces a file that exists, and leaves no temporary file', () => {
    const dir = folder();
    writeFileSync(join(dir, 'work.ts'), '// mine\n');
    expect(nodeHost().writeFileIfAbsent(join(dir, 'work.ts'), 'stub\n')).toBe(false);
    expect(readFileSync(join(dir, 'work.ts'), 'utf8')).toBe('// mine\n');
    expect(readdirSync(dir)).toEqual(['work.ts']);
  });

  test('a write that stops halfway leaves no file at the handler path (it used to leave a truncated stub that later builds kept)', () => {
    const dir = folder();
    failHalfway();
    expect(() => nodeHost().writeFileIfAbsent(join(dir, 'work.ts'), 'export const handler = async () => {};\n')).toThrow(HostError);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('on a file system without hard links it still creates the file exclusively', () => {
    const dir = folder();
    vi.mocked(fs.linkSync).mockImplementation(() => {
      throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    });
    expect(nodeHost().writeFileIfAbsent(join(dir, 'work.ts'), 'stub\n')).toBe(true);
    expect(nodeHost().writeFileIfAbsent(join(dir, 'work.ts'), 'other\n')).toBe(false);
    expect(readFileSync(join(dir, 'work.ts'), 'utf8')).toBe('stub\n');
    expect(readdirSync(dir)).toEqual(['work.ts']);
  });
});

describe('writeFileAtomic: regenerated files', () => {
  test('a write that stops halfway leaves the previous file whole', () => {
    const dir = folder();
    writeFileSync(join(dir, 'template.yaml'), 'old\n');
    failHalfway();
    expect(() => nodeHost().writeFileAtomic(join(dir, 'template.yaml'), 'new content\n')).toThrow(`${join(dir, 'template.yaml')}: no space left on the device`);
    expect(readFileSync(join(dir, 'template.yaml'), 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['template.yaml']);
  });
});

describe('inspect, readFile with a limit, and paths Node refuses', () => {
  test('what is at a path', () => {
    const dir = folder();
    writeFileSync(join(dir, 'file'), 'abc');
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    const host = nodeHost();
    expect(host.inspect(join(dir, 'file'))).toEqual({ kind: 'file', size: 3 });
    expect(host.inspect(dir)).toEqual({ kind: 'directory', writable: true });
    expect(host.inspect(join(dir, 'missing'))).toEqual({ kind: 'missing' });
    expect(host.inspect(join(dir, 'file', 'below'))).toEqual({ kind: 'missing' });
    expect(host.inspect(join(dir, 'dangling'))).toEqual({ kind: 'other', reason: 'a symbolic link to nothing' });
    expect(host.inspect(`${dir}/a\0b`).kind).toBe('other');
    expect(new TextDecoder().decode(host.readFile(join(dir, 'file'), 2))).toBe('ab');
    expect(new TextDecoder().decode(host.readFile(join(dir, 'file'), 100))).toBe('abc');
  });

  test('a NUL byte in a path is a HostError that says so, not a raw Node error', () => {
    const host = nodeHost();
    expect(() => host.readFile('a\0b.flow')).toThrow(new HostError('"a\\u0000b.flow": a path cannot contain a NUL character'));
    expect(() => host.writeFileAtomic(join(folder(), 'x\0y'), 'z')).toThrow(HostError);
  });
});
