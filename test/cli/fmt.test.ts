import { describe, expect, test } from 'vitest';
import { main } from '../../compiler/cli/main.js';
import { MemoryHost } from '../helpers/memory-host.js';

const messy = 'app shop\ntype Job={id:string}\nqueue jobs:Job{fifo=true}\nfn work(Job)\njobs->work   # the worker\n';
const tidy = 'app shop\ntype Job = { id: string }\nqueue jobs: Job { fifo = true }\nfn work(Job)\njobs -> work  # the worker\n';
const broken = 'app shop\nqueue jobs { fifo = true\nfn work\n';

/** A host that records which files were written, to tell a rewrite from leaving a file alone. */
class RecordingHost extends MemoryHost {
  readonly written: string[] = [];
  override writeFileAtomic(path: string, content: string | Uint8Array): void {
    this.written.push(path);
    super.writeFileAtomic(path, content);
  }
}

describe('flowc fmt', () => {
  test('rewrites a file in its canonical layout, and leaves a formatted file unwritten', async () => {
    const host = new RecordingHost().addFile('a.flow', messy).addFile('b.flow', tidy);
    expect(await main(['fmt', 'a.flow', 'b.flow'], host)).toBe(0);
    expect(host.text('a.flow')).toBe(tidy);
    expect(host.text('b.flow')).toBe(tidy);
    expect(host.written).toEqual(['a.flow']);
    expect(host.out).toBe('');
  });

  test('keeps a byte order mark', async () => {
    const host = new MemoryHost().addFile('a.flow', `\uFEFF${messy}`);
    expect(await main(['fmt', 'a.flow'], host)).toBe(0);
    // TextDecoder drops a byte order mark, so the bytes are compared.
    expect(host.files.get('/work/a.flow')).toEqual(new TextEncoder().encode(`\uFEFF${tidy}`));
  });

  test('FL9024: --check writes nothing, lists the unformatted files on stdout and exits 1', async () => {
    const host = new RecordingHost().addFile('a.flow', messy).addFile('b.flow', tidy).addFile('c.flow', messy);
    expect(await main(['fmt', '--check', 'a.flow', 'b.flow', 'c.flow'], host)).toBe(1);
    expect(host.written).toEqual([]);
    expect(host.out).toBe('a.flow\nc.flow\n');
    expect(host.err).toBe('flowc: error FL9024: 2 files are not formatted; run `flowc fmt` on them\n');
    const clean = new MemoryHost().addFile('b.flow', tidy);
    expect(await main(['fmt', '--check', 'b.flow'], clean)).toBe(0);
    expect(clean.out + clean.err).toBe('');
  });

  test('- reads standard input and writes standard output', async () => {
    const host = new RecordingHost();
    host.stdin = new TextEncoder().encode(messy);
    expect(await main(['fmt', '-'], host)).toBe(0);
    expect(host.out).toBe(tidy);
    expect(host.written).toEqual([]);
    const checking = new MemoryHost();
    checking.stdin = new TextEncoder().encode(messy);
    expect(await main(['fmt', '--check', '-'], checking)).toBe(1);
    expect(checking.out).toBe('<stdin>\n');
  });

  test('FL9023: refuses a file with syntax errors, printing them as check does, and leaves it as it was', async () => {
    const host = new RecordingHost().addFile('a.flow', broken).addFile('b.flow', messy);
    expect(await main(['fmt', '--diagnostics', 'short', 'a.flow', 'b.flow'], host)).toBe(1);
    expect(host.written).toEqual(['b.flow']);
    expect(host.text('a.flow')).toBe(broken);
    expect(host.out).toMatch(/^a\.flow:2:\d+: error FL1001: /);
    expect(host.err).toBe('flowc: error FL9023: cannot format a.flow: it has syntax errors, and formatting could change what it means; fix them first\n');
    const stdin = new MemoryHost();
    stdin.stdin = new TextEncoder().encode(broken);
    expect(await main(['fmt', '-'], stdin)).toBe(1);
    expect(stdin.out).toContain('error[FL1001]');
    expect(stdin.out).toContain('<stdin>:2:');
  });

  test('refuses bytes that are not UTF-8 text with FL1006', async () => {
    const host = new MemoryHost().addFile('a.flow', new Uint8Array([0x61, 0xff, 0xfe, 0x0a]));
    expect(await main(['fmt', '--diagnostics', 'short', 'a.flow'], host)).toBe(1);
    expect(host.out).toContain('FL1006');
    expect(host.err).toContain('FL9023');
  });

  test('exits 2 for a file it cannot read or write (FL9001, FL9006)', async () => {
    const missing = new MemoryHost();
    expect(await main(['fmt', 'missing.flow'], missing)).toBe(2);
    expect(missing.err).toContain('flowc: error FL9001: cannot read missing.flow: no such file');
    const readOnly = new MemoryHost().addFile('ro/a.flow', messy);
    readOnly.readOnly.add('/work/ro');
    expect(await main(['fmt', 'ro/a.flow'], readOnly)).toBe(2);
    expect(readOnly.err).toContain('flowc: error FL9006: cannot write ro/a.flow');
    expect(readOnly.text('ro/a.flow')).toBe(messy);
  });

  test('FL9025 is the self-check: a text that formats cleanly passes it (no file is known to fail it)', async () => {
    const host = new MemoryHost().addFile('a.flow', messy);
    await main(['fmt', 'a.flow'], host);
    expect(host.err).not.toContain('FL9025');
  });
});
