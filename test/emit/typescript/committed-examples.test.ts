// Every function of an example has its handler (a stub once, since then the example's code).
// That the committed generated modules are current is golden.test.ts's job: they are its goldens.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../../compiler/emit/typescript/index.js';
import { exampleFlowPath, exampleNames, manifestOf, repoRoot } from './type-check.js';

describe.each(exampleNames)('examples/%s', (name) => {
  const flowPath = exampleFlowPath(name);
  const output = emitTypeScript(manifestOf(flowPath), { generatedDir: 'generated' });
  const folder = join(repoRoot, dirname(flowPath));

  it('has a handler for every function', () => {
    const missing = [...output.scaffold.keys()].filter((path) => !existsSync(join(folder, path)));
    expect(missing).toEqual([]);
  });
});
