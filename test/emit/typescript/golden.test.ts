// Golden files of the generated TypeScript: the generated module and every handler stub of each
// example and test flow, under test/golden/typescript/<flow>/ with the paths the build writes.
// An example's generated module is committed beside it (examples/<name>/generated/), and that
// file is its golden: one copy, which `vitest -u` keeps current with the emitter.
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../../compiler/emit/typescript/index.js';
import { allFlows, exampleNames, manifestOf, repoRoot } from './type-check.js';

describe.each(allFlows)('the TypeScript of $path', ({ name, path: flowPath }) => {
  const output = emitTypeScript(manifestOf(flowPath), { generatedDir: 'generated' });
  const golden = join(repoRoot, 'test/golden/typescript', name);
  const isExample = exampleNames.includes(name);
  const goldenOf = (path: string) =>
    isExample && output.generated.has(path) ? join(repoRoot, dirname(flowPath), path) : join(golden, path);

  it('writes the generated module and a stub per function', () => {
    const manifest = manifestOf(flowPath);
    expect([...output.generated.keys()]).toEqual(['generated/flow.ts']);
    expect([...output.scaffold.keys()].sort()).toEqual(manifest.functions.map((f) => f.handler).sort());
  });

  it('renders no stub for a handler that exists, and the same module', () => {
    const manifest = manifestOf(flowPath);
    const existing = new Set(manifest.functions.filter((_, i) => i % 2 === 0).map((f) => f.handler));
    const partial = emitTypeScript(manifest, { generatedDir: 'generated', existingHandlers: existing });
    expect(partial.generated).toEqual(output.generated);
    expect([...partial.scaffold]).toEqual([...output.scaffold].filter(([path]) => !existing.has(path)));
  });

  it.each([...output.generated, ...output.scaffold])('%s', async (path, text) => {
    await expect(text).toMatchFileSnapshot(goldenOf(path));
  });
});
