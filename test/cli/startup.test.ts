import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { chevrotainParserBuilt } from '../../grammar/index.js';
import { main } from '../../compiler/cli/main.js';
import { checkText } from '../../compiler/program.js';
import { MemoryHost } from '../helpers/memory-host.js';

const root = new URL('../../', import.meta.url).pathname;

interface Metafile {
  readonly inputs: Record<string, { readonly imports: readonly { readonly path: string; readonly kind: string; readonly external?: boolean }[] }>;
}

/**
 * The modules evaluated when `start` is: its static imports, transitively, packages included.
 * dist/flowc.cjs is one script in which esbuild makes each module reached by `import()` a body
 * evaluated when that `import()` runs, so this is what a command evaluates before its own
 * dynamic imports run.
 */
function staticClosure(meta: Metafile, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const pending = [start];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    for (const { path, kind } of meta.inputs[file]?.imports ?? []) {
      if (kind === 'dynamic-import' || seen.has(path)) continue;
      seen.add(path);
      pending.push(path);
    }
  }
  return seen;
}

/** What a command evaluates: the entry point's closure and the command module's. */
function commandClosure(meta: Metafile, command: string): string[] {
  return [...new Set([...staticClosure(meta, 'compiler/cli/main.ts'), ...staticClosure(meta, command)])];
}

const heavy = (paths: readonly string[]) => paths.filter((path) => /^(node_modules\/)?(ts-morph|typescript|esbuild|yaml|@aws-sdk\/|@aws-cdk\/|@smithy\/|@viz-js\/|vscode-languageserver)/.test(path));

describe('start-up: the CLI evaluates only what a command needs', () => {
  const meta = JSON.parse(readFileSync(`${root}dist/meta.json`, 'utf8')) as Metafile;

  test('the metafile is of the CLI bundle, with its dynamic imports', () => {
    expect(meta.inputs['compiler/cli/commands/check.ts']).toBeDefined();
    expect(meta.inputs['compiler/cli/main.ts']?.imports).toContainEqual(expect.objectContaining({ path: 'compiler/cli/commands/build.ts', kind: 'dynamic-import' }));
  });

  test("`check` evaluates neither the emitters' packages, ts-morph, esbuild, `yaml`, the language server nor the AWS SDK", () => {
    const loaded = commandClosure(meta, 'compiler/cli/commands/check.ts');
    expect(loaded).toContain('compiler/program.ts');
    expect(heavy(loaded)).toEqual([]);
    expect(loaded.filter((path) => path.startsWith('compiler/emit/cloudformation/'))).toEqual([]);
  });

  test('`build` (JSON or YAML templates: flowc prints both itself) evaluates neither `yaml`, ts-morph, esbuild nor the AWS SDK', () => {
    const loaded = commandClosure(meta, 'compiler/cli/commands/build.ts');
    expect(loaded).toContain('compiler/emit/cloudformation/build-template.ts');
    expect(heavy(loaded)).toEqual([]);
  });

  test('Graphviz (WebAssembly, 1.2 MB) is imported by `flowc graph` alone, and only when it draws an SVG', () => {
    const importers = Object.values(meta.inputs).flatMap((input) => input.imports.filter((i) => i.path === '@viz-js/viz').map((i) => i.kind));
    expect(importers).toEqual(['dynamic-import']);
    expect(commandClosure(meta, 'compiler/cli/commands/graph.ts')).not.toContain('@viz-js/viz');
  });

  test('the entry point evaluates no command until it runs, and no command-line parser', () => {
    const loaded = [...staticClosure(meta, 'compiler/cli/main.ts')];
    expect(loaded.filter((path) => path.startsWith('compiler/cli/commands/') || path.startsWith('compiler/lsp/') || path.includes('node_modules/commander/'))).toEqual([]);
  });

  test('`check FILE…` without options, run without commander, does what commander makes of it', async () => {
    const files: Record<string, string> = {
      'valid.flow': 'app a\ntopic t\nqueue q\nt -> q\n',
      'invalid.flow': 'app shop\nqueue q: Nope\nq -> missing\nfn f { timeout = 3 }\n',
    };
    const lines = [['valid.flow'], ['invalid.flow'], ['missing.flow'], ['valid.flow', 'invalid.flow'], ['valid.flow', 'missing.flow'], ['help']];
    for (const line of lines) {
      const outcome = async (argv: string[]) => {
        const host = new MemoryHost();
        for (const [path, text] of Object.entries(files)) host.addFile(path, text);
        const code = await main(argv, host);
        return { code, out: host.out, err: host.err };
      };
      // `--deny-warnings` is off by default: given, it keeps the parser on the path.
      const parsed = await outcome(['check', '--diagnostics', 'pretty', ...line]);
      expect(await outcome(['check', ...line])).toEqual(parsed);
    }
  });

  test('checking valid files never builds the Chevrotain parser (the fast path parses them)', () => {
    for (const name of ['shop', 'ledger', 'telemetry']) {
      const text = readFileSync(`${root}examples/${name}/${name}.flow`, 'utf8');
      expect(checkText(`${name}.flow`, text).diagnostics).toEqual([]);
    }
    expect(chevrotainParserBuilt()).toBe(false);
    checkText('broken.flow', 'app a\nqueue q fifo = true\n');
    expect(chevrotainParserBuilt()).toBe(true);
  });
});

describe('start-up, in a process: what `flowc check` requires', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowc-startup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('bin/flowc.js check, with and without a code cache, requires no package', () => {
    // Records every package Node's CommonJS loader is asked for: a request that is neither built
    // in nor a path (the launcher's own files and the bundle, which FLOWC_CODE_CACHE=0 requires).
    const hook = join(dir, 'hook.cjs');
    writeFileSync(
      hook,
      "const M = require('node:module'); const load = M._load; const seen = new Set();\n" +
        "M._load = function (request, ...rest) { if (!request.startsWith('node:') && !M.builtinModules.includes(request) && !/^[./]/.test(request)) seen.add(request); return load.call(this, request, ...rest); };\n" +
        "process.on('exit', () => process.stderr.write(`REQUIRED=${JSON.stringify([...seen])}\\n`));\n",
    );
    const flow = join(dir, 'app.flow');
    writeFileSync(flow, 'app a\ntopic t\nqueue q\nt -> q\n');
    for (const env of [{ FLOWC_CODE_CACHE: '0' }, {}, {}]) {
      const result = spawnSync(process.execPath, ['--require', hook, `${root}bin/flowc.js`, 'check', flow], {
        encoding: 'utf8',
        env: { ...process.env, FLOWC_CACHE_DIR: join(dir, 'cache'), ...env },
      });
      expect(result.status).toBe(0);
      expect(result.stderr).toContain('REQUIRED=[]');
    }
    // The second run wrote the cache of `check`, which the third read.
    expect(readdirSync(join(dir, 'cache', 'code')).filter((name) => name.startsWith('check-'))).toHaveLength(1);
  });
});
