import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../compiler/cli/main.js';
import { MemoryHost } from '../helpers/memory-host.js';

const root = new URL('../../', import.meta.url).pathname;
const valid = 'app shop\ntype Job = { id: string }\nqueue jobs: Job\nfn work(Job)\njobs -> work\n';

async function run(host: MemoryHost, ...args: string[]): Promise<number> {
  return main(args, host);
}

describe('flowc check: exit codes', () => {
  test('0 for a clean file, with a summary on stderr', async () => {
    const host = new MemoryHost().addFile('app.flow', valid);
    expect(await run(host, 'check', 'app.flow')).toBe(0);
    expect(host.out).toBe('');
    expect(host.err).toBe('no problems\n');
  });

  test('1 when a file has errors, and every error of the file is reported', async () => {
    const host = new MemoryHost().addFile('app.flow', 'app shop\nqueue q: Nope\nq -> missing\nfn f { timeout = 3 }\n');
    expect(await run(host, 'check', 'app.flow', '--diagnostics', 'short')).toBe(1);
    expect(host.out.trim().split('\n')).toEqual([
      'app.flow:2:10: error FL2002: unknown type `Nope`',
      'app.flow:3:6: error FL2001: unknown name `missing`',
      'app.flow:4:18: error FL2010: `timeout` must be a duration such as `30s`, `5m` or `1h`',
    ]);
  });

  test('2 for a missing file or a directory, with one line and no stack trace', async () => {
    const host = new MemoryHost();
    host.directories.add('/work/dir');
    expect(await run(host, 'check', 'missing.flow')).toBe(2);
    expect(host.err).toContain('flowc: error FL9001: cannot read missing.flow: no such file\n');
    const dirHost = new MemoryHost();
    dirHost.directories.add('/work/dir');
    expect(await run(dirHost, 'check', 'dir')).toBe(2);
    expect(dirHost.err).toContain('cannot read dir: a directory, not a .flow file');
    expect(dirHost.err).not.toMatch(/\n\s+at /);
  });

  test('2 on usage errors', async () => {
    const host = new MemoryHost();
    expect(await run(host, 'check')).toBe(2);
    expect(await run(host, 'frobnicate')).toBe(2);
    expect(await run(host, 'check', 'x.flow', '--diagnostics', 'xml')).toBe(2);
  });

  test('an internal error prints one line, asks for --debug, exits 2; --debug adds the stack', async () => {
    const host = new MemoryHost();
    host.readFile = () => {
      throw new TypeError('boom');
    };
    expect(await run(host, 'check', 'a.flow')).toBe(2);
    expect(host.err).toBe(
      'flowc: internal error FL9002: boom\nThis is a bug in flowc, not in your flow. Run again with --debug for the stack trace and report it.\n',
    );
    const debugHost = new MemoryHost();
    debugHost.readFile = host.readFile;
    expect(await run(debugHost, 'check', 'a.flow', '--debug')).toBe(2);
    expect(debugHost.err).toMatch(/TypeError: boom\n\s+at /);
  });

  test('warnings alone exit 0; --deny-warnings makes them fail', async () => {
    const unusedType = `${valid}type Unused = { id: string }\n`;
    const host = new MemoryHost().addFile('app.flow', unusedType);
    expect(await run(host, 'check', 'app.flow', '--diagnostics', 'short')).toBe(0);
    expect(host.out).toBe('app.flow:6:6: warning FL5003: type `Unused` is never used\n');
    const strict = new MemoryHost().addFile('app.flow', unusedType);
    expect(await run(strict, 'check', 'app.flow', '--deny-warnings')).toBe(1);
    const clean = new MemoryHost().addFile('app.flow', valid);
    expect(await run(clean, 'check', 'app.flow', '--deny-warnings')).toBe(0);
  });
});

describe('flowc explain', () => {
  test('prints the page of a code, whatever its case', async () => {
    const host = new MemoryHost();
    expect(await run(host, 'explain', 'fl2001')).toBe(0);
    expect(host.out).toMatch(/^# FL2001: /);
    expect(host.out).toContain('## How to fix');
  });

  test('lists every code without one, and refuses an unknown code with a suggestion', async () => {
    const list = new MemoryHost();
    expect(await run(list, 'explain')).toBe(0);
    expect(list.out).toMatch(/^FL1001 {2}error {4}The text does not follow the grammar$/m);
    expect(list.out).toMatch(/^FL5003 {2}warning {2}A type or resource that nothing uses$/m);
    const unknown = new MemoryHost();
    expect(await run(unknown, 'explain', 'FL2100')).toBe(2);
    expect(unknown.err).toMatch(/^flowc: error: unknown diagnostic code `FL2100`; did you mean /);
  });
});

describe('flowc check --diagnostics json: the contract', () => {
  test('an array with code, severity, message, file, line and column (1-based)', async () => {
    const host = new MemoryHost().addFile('app.flow', 'app shop\nqueue q: Nope\n');
    expect(await run(host, 'check', '--diagnostics', 'json', 'app.flow')).toBe(1);
    const parsed = JSON.parse(host.out) as Record<string, unknown>[];
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({
      code: 'FL2002',
      severity: 'error',
      message: 'unknown type `Nope`',
      file: 'app.flow',
      line: 2,
      column: 10,
      endLine: 2,
      endColumn: 14,
    });
  });

  test('an empty array for a clean file, and one array for several files', async () => {
    const host = new MemoryHost().addFile('a.flow', valid).addFile('b.flow', 'queue q\n');
    expect(await run(host, 'check', '--diagnostics', 'json', 'a.flow', 'b.flow')).toBe(1);
    const parsed = JSON.parse(host.out) as { file: string; code: string }[];
    expect(parsed.map((d) => `${d.file} ${d.code}`)).toEqual(['b.flow FL1010']);
    const clean = new MemoryHost().addFile('a.flow', valid);
    await run(clean, 'check', '--diagnostics', 'json', 'a.flow');
    expect(JSON.parse(clean.out)).toEqual([]);
  });
});

describe('flowc check: colour', () => {
  const bad = 'app shop\nqueue q: Nope\n';
  test('no colour when stdout is not a terminal', async () => {
    const host = new MemoryHost().addFile('a.flow', bad);
    await run(host, 'check', 'a.flow');
    expect(host.out).not.toContain('\u001b[');
  });
  test('colour on a terminal, none with NO_COLOR', async () => {
    const tty = new MemoryHost().addFile('a.flow', bad);
    tty.stdoutIsTTY = true;
    await run(tty, 'check', 'a.flow');
    expect(tty.out).toContain('\u001b[1;31merror[FL2002]');
    const noColor = new MemoryHost().addFile('a.flow', bad);
    noColor.stdoutIsTTY = true;
    noColor.env = { NO_COLOR: '1' };
    await run(noColor, 'check', 'a.flow');
    expect(noColor.out).not.toContain('\u001b[');
  });
});

describe('flowc check: bad input gets a diagnostic, in bounded time, never a stack trace', () => {
  const cases: [string, Uint8Array | string, number, string][] = [
    ['an empty file', '', 1, 'FL1010'],
    ['binary garbage', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), 1, 'FL1006'],
    ['invalid UTF-8', new Uint8Array([0x61, 0x70, 0x70, 0x20, 0xc3, 0x28, 0x0a]), 1, 'FL1006'],
    ['an unterminated string', 'app a\nfn f { handler = "x }\n', 1, 'FL1002'],
    ['1,000-deep nested types', `app a\ntype T = ${'{a: '.repeat(1000)}string${'}'.repeat(1000)}\n`, 1, 'FL1007'],
    ['1,000-deep parentheses', `app a\ntype T = ${'('.repeat(1000)}string${')'.repeat(1000)}\n`, 1, 'FL1007'],
    ['1,000-deep lists', `app a\nfn f { sends = ${'['.repeat(1000)}${']'.repeat(1000)} }\n`, 1, 'FL1007'],
  ];
  for (const [name, content, exit, code] of cases) {
    test(name, async () => {
      const host = new MemoryHost().addFile('in.flow', content);
      expect(await run(host, 'check', '--diagnostics', 'json', 'in.flow')).toBe(exit);
      const codes = (JSON.parse(host.out) as { code: string }[]).map((d) => d.code);
      expect(codes).toContain(code);
      expect(host.err).toBe('');
    });
  }
});

describe('the installed command', () => {
  test('bin/flowc.js runs from dist/ and exits with the command code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowc-cli-'));
    writeFileSync(join(dir, 'bad.flow'), 'app a\nqueue q: Nope\n');
    const result = spawnSync(process.execPath, [join(root, 'bin/flowc.js'), 'check', '--diagnostics', 'short', 'bad.flow'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('bad.flow:2:10: error FL2002: unknown type `Nope`\n');
  });

  test('a reader that closes the pipe early (`flowc explain | head -1`) gets no stack trace', async () => {
    const child = spawn(process.execPath, [join(root, 'bin/flowc.js'), 'explain'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Closed before the command writes anything, so its first write meets a closed pipe.
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  test('an output folder that cannot be made is a diagnostic and exit 2, never a hang', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowc-out-'));
    writeFileSync(join(dir, 'app.flow'), valid);
    writeFileSync(join(dir, 'a-file'), '');
    // a-file/out is refused by the plan (FL9004), before anything is written; /proc refuses
    // the folder only when it is made (FL9006).
    const outs: [string, RegExp][] = [
      ['a-file/out', /^flowc: error FL9004: cannot write a-file\/out\/template\.yaml \(the template of app `shop`\): a-file is a file, not a folder$/m],
      ...(existsSync('/proc/self') ? ([['/proc/flowc-out', /^flowc: error FL9006: cannot write \/proc\/flowc-out\/template\.yaml: /m]] as [string, RegExp][]) : []),
    ];
    for (const [out, line] of outs) {
      const result = spawnSync(process.execPath, [join(root, 'bin/flowc.js'), 'build', 'app.flow', '-o', out, '--no-types'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.status, out).toBe(2);
      expect(result.stderr).toMatch(line);
      expect(result.stderr).toMatch(/^ {2}= help: /m);
      expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
    }
  });

  function flowc(cwd: string, ...args: string[]) {
    return spawnSync(process.execPath, [join(root, 'bin/flowc.js'), ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  }

  test('FL9003: two flows with one app name are refused before anything is written, one diagnostic per file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowc-collide-'));
    for (const sub of ['a', 'b']) {
      mkdirSync(join(dir, sub));
      writeFileSync(join(dir, sub, 'shop.flow'), valid);
    }
    const result = flowc(dir, 'build', 'a/shop.flow', 'b/shop.flow', '-o', 'out');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('flowc: error FL9003: out/shop/template.yaml is the template of app `shop` (a/shop.flow) and also the template of app `shop` (b/shop.flow)\n');
    expect(result.stderr.match(/FL9003/g)).toHaveLength(1);
    expect(result.stderr).toContain('1 problem with the outputs; nothing written');
    expect(readdirSync(dir).sort()).toEqual(['a', 'b']);
    expect(readdirSync(join(dir, 'a'))).toEqual(['shop.flow']);
  });

  test('FL9040: a second flow of the folder, built on its own, does not replace the first one\'s generated module', async () => {
    const host = new MemoryHost().addFile('a.flow', valid).addFile('b.flow', valid.replace('app shop', 'app store'));
    expect(await run(host, 'build', 'a.flow', '-o', 'out')).toBe(0);
    const first = host.text('generated/flow.ts');
    host.err = '';
    expect(await run(host, 'build', 'b.flow', '-o', 'out')).toBe(2);
    expect(host.err).toContain('flowc: error FL9040: generated/flow.ts is the generated TypeScript of a.flow, which is beside b.flow; building b.flow would replace it with its own\n');
    expect(host.err.match(/FL9040/g)).toHaveLength(1);
    expect(host.text('generated/flow.ts')).toBe(first);
    // With its own folder it builds; once a.flow is gone (renamed), b.flow may take the module over.
    host.err = '';
    expect(await run(host, 'build', 'b.flow', '-o', 'out', '--generated', 'generated-store')).toBe(0);
    expect(host.text('generated-store/flow.ts')).toContain('from b.flow');
    host.files.delete('/work/a.flow');
    expect(await run(host, 'build', 'b.flow', '-o', 'out')).toBe(0);
    expect(host.text('generated/flow.ts')).toContain('from b.flow');
  });

  test('FL9005: `-o .` beside a hand-written template.yaml leaves it and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowc-mine-'));
    writeFileSync(join(dir, 'app.flow'), valid);
    writeFileSync(join(dir, 'template.yaml'), 'Resources: {}  # mine\n');
    const result = flowc(dir, 'build', 'app.flow', '-o', '.');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('flowc: error FL9005: template.yaml was not written by flowc (it has no generated marker); flowc would replace it with the template of app `shop`\n');
    expect(readFileSync(join(dir, 'template.yaml'), 'utf8')).toBe('Resources: {}  # mine\n');
    expect(readdirSync(dir).sort()).toEqual(['app.flow', 'template.yaml']);
  });

  test('FL9007: an empty -o or a --generated outside the flow folder is refused before compiling', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowc-option-'));
    writeFileSync(join(dir, 'app.flow'), valid);
    const empty = flowc(dir, 'build', 'app.flow', '-o', '');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('flowc: error FL9007: -o "" is empty\n');
    const outside = flowc(dir, 'build', 'app.flow', '-o', 'out', '--generated', '../gen');
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('flowc: error FL9007: --generated "../gen" leaves the folder of the .flow file\n');
    expect(readdirSync(dir)).toEqual(['app.flow']);
  });

  test('--version and --help exit 0', () => {
    const version = spawnSync(process.execPath, [join(root, 'bin/flowc.js'), '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = spawnSync(process.execPath, [join(root, 'bin/flowc.js'), '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('check');
  });
});

describe('flowc check --fix', () => {
  const typos = 'app shop\ntype Job = { id: string }\nqueue jobs: Job { visiblity = 1m }\nfn work(Job)\njobs -> wrok\n';

  test('applies the machine-applicable suggestions, rewrites the file and reports what is left', async () => {
    const host = new MemoryHost().addFile('app.flow', typos);
    expect(await run(host, 'check', '--fix', 'app.flow')).toBe(0);
    expect(host.text('app.flow')).toBe('app shop\ntype Job = { id: string }\nqueue jobs: Job { visibility = 1m }\nfn work(Job)\njobs -> work\n');
    expect(host.err).toBe('fixed 2 problems in app.flow\nno problems\n');
  });

  test('leaves a fix that needs a person (two close names) and exits 1 with it', async () => {
    const text = 'app shop\nqueue jobs\nfn work1\nfn work2\njobs -> work\nwork1 -> jobs\nwork2 -> jobs\n';
    const host = new MemoryHost().addFile('app.flow', text);
    expect(await run(host, 'check', '--fix', '--diagnostics', 'short', 'app.flow')).toBe(1);
    expect(host.text('app.flow')).toBe(text);
    expect(host.out).toContain('FL2001');
  });

  test('FL9030: refuses a file with syntax errors, and a fix whose re-check has a new error; the file is left as it was', async () => {
    const broken = 'app shop\nqueue jobs: Job {\nfn work(Job\njobs -> wrok\n';
    const host = new MemoryHost().addFile('app.flow', broken);
    expect(await run(host, 'check', '--fix', '--diagnostics', 'short', 'app.flow')).toBe(2);
    expect(host.err).toMatch(/^flowc: error FL9030: cannot fix app\.flow: it has syntax errors \(FL1001 at line \d\)/m);
    expect(host.text('app.flow')).toBe(broken);

    // `deadd` is close only to `dead`, a FIFO queue: the dead-letter queue of a standard queue must be standard (FL4021).
    const wrongKind = 'app shop\nqueue jobs { dlq = deadd }\nqueue dead { fifo = true }\nfn work\njobs -> work\n';
    const refused = new MemoryHost().addFile('app.flow', wrongKind);
    expect(await run(refused, 'check', '--fix', '--diagnostics', 'short', 'app.flow')).toBe(2);
    expect(refused.err).toMatch(/^flowc: error FL9030: fixes to app\.flow not written: the fixed text has FL4021/m);
    expect(refused.text('app.flow')).toBe(wrongKind);
  });

  test('the JSON output lists the suggestions', async () => {
    const host = new MemoryHost().addFile('app.flow', typos);
    await run(host, 'check', '--diagnostics', 'json', 'app.flow');
    const parsed = JSON.parse(host.out) as { code: string; suggestions?: { title: string }[] }[];
    expect(parsed.map((d) => [d.code, d.suggestions?.map((s) => s.title)])).toEqual([
      ['FL2008', ['replace with `visibility`']],
      ['FL2001', ['replace with `work`']],
    ]);
  });
});
