// Every export of the generated module has a doc comment that says where in the .flow file it
// comes from, so an editor's hover on `ChargeEvent` or `schemas.Order` leads back to the flow.
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../../compiler/emit/typescript/index.js';
import { allFlows, manifestOf } from './type-check.js';

/** The doc comment that ends on the line before `index`, or null. */
function docBefore(lines: readonly string[], index: number): string | null {
  if (!lines[index - 1]?.trimEnd().endsWith('*/')) return null;
  let start = index - 1;
  while (start >= 0 && !lines[start]!.trimStart().startsWith('/**')) start--;
  return start < 0 ? null : lines.slice(start, index).join('\n');
}

describe.each(allFlows)('the doc comments of the generated module of $name', ({ path }) => {
  const manifest = manifestOf(path);
  const text = [...emitTypeScript(manifest, { generatedDir: 'generated' }).generated.values()][0]!;
  const lines = text.split('\n');
  const source = basename(manifest.source);

  it('document every export with its .flow line', () => {
    const exports = lines.map((line, index) => ({ line, index })).filter(({ line }) => line.startsWith('export '));
    expect(exports.length).toBeGreaterThan(0);
    for (const { line, index } of exports) {
      const doc = docBefore(lines, index);
      expect(doc, `no doc comment before: ${line}`).not.toBeNull();
      // The whole-flow interface names the file; everything else the line of its declaration.
      expect(doc, line).toMatch(line.startsWith('export interface Flow') || line.startsWith('export const schemas') ? new RegExp(`${source.replace('.', '\\.')}|declared type`) : new RegExp(`${source.replace('.', '\\.')}:\\d+`));
    }
  });

  it('point each declared type and its schema at the line that declares it', () => {
    for (const [name, origin] of Object.entries(manifest.typeOrigins)) {
      expect(text).toMatch(new RegExp(`/\\*\\* The type \`${name}\` \\(${source.replace('.', '\\.')}:${origin.line}\\)\\. \\*/\\nexport (interface|type) `));
      expect(text).toContain(`/** Checks \`${name}\` values (${source}:${origin.line})`);
    }
  });
});
