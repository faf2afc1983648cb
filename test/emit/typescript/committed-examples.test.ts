// The generated modules committed under examples/*/generated are what the build writes today,
// and every function of an example has its handler (a stub once, since then the example's code).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../../compiler/emit/typescript/index.js';
import { exampleFlowPath, exampleNames, manifestOf, repoRoot } from './type-check.js';

describe.each(exampleNames)('examples/%s', (name) => {
  const flowPath = exampleFlowPath(name);
  const output = emitTypeScript(manifestOf(flowPath), { generatedDir: 'generated' });
  const folder = join(repoRoot, dirname(flowPath));

  it.each([...output.generated])('%s is current (run `flowc build` on the example after changing it or the emitter)', (path, text) => {
    expect(readFileSync(join(folder, path), 'utf8')).toBe(text);
  });

  it('has a handler for every function', () => {
    const missing = [...output.scaffold.keys()].filter((path) => !existsSync(join(folder, path)));
    expect(missing).toEqual([]);
  });
});
