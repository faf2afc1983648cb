// The generated module and the stubs of every example (and test flow), with runtime/, under the
// repository's strict options: any type error fails. The output is emitted in memory and checked
// in a folder per flow that exists only in the compiler host. The committed examples, whose
// handlers are code by now, are checked as they are on disk.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../../compiler/emit/typescript/index.js';
import { readdirSync, readFileSync } from 'node:fs';
import { allFlows, exampleNames, formatErrors, manifestOf, repoRoot, typeCheck } from './type-check.js';

function emittedFlows(): Map<string, string> {
  const files = new Map<string, string>();
  for (const flow of allFlows) {
    const output = emitTypeScript(manifestOf(flow.path), { generatedDir: 'generated' });
    for (const [path, text] of [...output.generated, ...output.scaffold]) files.set(join(repoRoot, '.flowc-virtual', flow.name, path), text);
  }
  return files;
}

function committedExampleFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of exampleNames) {
    for (const folder of ['generated', 'handlers']) {
      const dir = join(repoRoot, 'examples', name, folder);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) files.set(join(dir, file), readFileSync(join(dir, file), 'utf8'));
    }
  }
  return files;
}

describe('generated TypeScript type-checks under strict', () => {
  it('the output of every example and test flow, with runtime/', () => {
    const files = emittedFlows();
    expect(files.size).toBeGreaterThan(allFlows.length);
    expect(formatErrors(typeCheck(files))).toBe('');
  });

  it('the committed examples: generated modules and handlers', () => {
    const files = committedExampleFiles();
    expect(files.size).toBeGreaterThan(exampleNames.length);
    expect(formatErrors(typeCheck(files))).toBe('');
  });

  it("the committed examples against the package's declarations (dist/runtime), as a user's project sees them", () => {
    expect(formatErrors(typeCheck(committedExampleFiles(), { viaPackage: true }))).toBe('');
  });
});
