import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { chevrotainParserBuilt } from '../../grammar/index.js';
import { checkText } from '../../compiler/program.js';

const root = new URL('../../', import.meta.url).pathname;

/** The static imports of a dist/ chunk and of the chunks it imports, packages included. */
function staticClosure(meta: { outputs: Record<string, { imports: { path: string; kind: string }[] }> }, start: string): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    for (const { path, kind } of meta.outputs[file]?.imports ?? []) {
      if (kind === 'dynamic-import' || seen.has(path)) continue;
      seen.add(path);
      if (path.startsWith('dist/')) pending.push(path);
    }
  }
  return seen;
}

describe('start-up: the CLI loads only what a command needs', () => {
  const meta = JSON.parse(readFileSync(`${root}dist/meta.json`, 'utf8')) as Parameters<typeof staticClosure>[0] & {
    outputs: Record<string, { entryPoint?: string }>;
  };
  const chunkOf = (entry: string) => Object.keys(meta.outputs).find((file) => meta.outputs[file]?.entryPoint === entry) as string;

  test('`check` loads neither the emitters\' packages, ts-morph, esbuild nor the AWS SDK', () => {
    const loaded = [...staticClosure(meta, chunkOf('compiler/cli/commands/check.ts'))];
    const heavy = loaded.filter((path) => /^(ts-morph|typescript|esbuild|yaml|@aws-sdk\/|@aws-cdk\/|@smithy\/|@viz-js\/)/.test(path));
    expect(heavy).toEqual([]);
  });

  test('`build` (JSON or YAML templates: flowc prints both itself) loads neither `yaml`, ts-morph, esbuild nor the AWS SDK', () => {
    const loaded = [...staticClosure(meta, chunkOf('compiler/cli/commands/build.ts'))];
    const heavy = loaded.filter((path) => /^(ts-morph|typescript|esbuild|yaml|@aws-sdk\/|@aws-cdk\/|@smithy\/|@viz-js\/)/.test(path));
    expect(loaded.length).toBeGreaterThan(0);
    expect(heavy).toEqual([]);
    // esbuild bundles `yaml` into a chunk (it is not external): no chunk `build` loads holds it.
    const inputsOf = (file: string) => Object.keys((meta.outputs as Record<string, { inputs?: Record<string, unknown> }>)[file]?.inputs ?? {});
    const bundled = loaded.filter((path) => path.startsWith('dist/')).flatMap(inputsOf).filter((input) => input.includes('node_modules/yaml/'));
    expect(bundled).toEqual([]);
  });

  test('Graphviz (WebAssembly, 1.2 MB) is imported by `flowc graph` alone, and only when it draws an SVG', () => {
    const importers = Object.entries(meta.outputs as Record<string, { imports: { path: string; kind: string }[] }>)
      .filter(([, output]) => output.imports.some((i) => i.path === '@viz-js/viz'))
      .map(([, output]) => output.imports.find((i) => i.path === '@viz-js/viz')!.kind);
    expect(importers).toEqual(['dynamic-import']);
    const graph = [...staticClosure(meta, chunkOf('compiler/cli/commands/graph.ts'))];
    expect(graph).not.toContain('@viz-js/viz');
  });

  test('the entry point loads no command until it runs', () => {
    const loaded = [...staticClosure(meta, chunkOf('compiler/cli/main.ts'))];
    expect(loaded.filter((path) => !path.startsWith('node:') && !path.startsWith('dist/chunk-'))).toEqual([]);
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
