import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderPretty } from '../compiler/diagnostics/render/pretty.js';
import { checkBytes } from '../compiler/program.js';
import { expectedDiagnostics, fixtureFolders, fixtureInput, fixturesRoot } from './helpers/fixtures.js';

const root = new URL('..', import.meta.url).pathname;

describe('invalid fixtures: each produces exactly its expected diagnostics', () => {
  for (const name of fixtureFolders('invalid')) {
    test(name, async () => {
      const { path, bytes } = fixtureInput('invalid', name);
      const displayPath = relative(root, path);
      const result = checkBytes(displayPath, bytes);
      const got = result.diagnostics.map((d) => {
        const { line, column } = d.source.position(d.primary.span.start);
        return { code: d.code, line, column };
      });
      const text = new TextDecoder().decode(bytes.subarray(0, 4096));
      const expected = expectedDiagnostics(text);
      const expectedFile = join(fixturesRoot, 'invalid', name, 'expected.json');
      const wanted = expected.length > 0 ? expected : (JSON.parse(readFileSync(expectedFile, 'utf8')) as typeof expected);
      expect(got).toEqual(wanted);
      expect(name.startsWith(wanted[0]?.code ?? '?')).toBe(true);
      const rendered = result.diagnostics.map((d) => renderPretty(d)).join('\n\n');
      await expect(`${rendered}\n`).toMatchFileSnapshot(join(fixturesRoot, 'invalid', name, 'diagnostics.txt'));
    });
  }
});

describe('valid fixtures: check without diagnostics', () => {
  for (const name of fixtureFolders('valid')) {
    test(name, () => {
      const { path, bytes } = fixtureInput('valid', name);
      const result = checkBytes(relative(root, path), bytes);
      expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    });
  }
});
