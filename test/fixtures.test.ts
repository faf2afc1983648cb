import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderPretty } from '../compiler/diagnostics/render/pretty.js';
import { checkHandlers } from '../compiler/cli/handler-check.js';
import { nodeHost } from '../compiler/cli/host.js';
import { compareDiagnostics, type Diagnostic } from '../compiler/diagnostics/diagnostic.js';
import { compileBytes } from '../compiler/program.js';
import { expectedDiagnostics, fixtureFolders, fixtureInput, fixturesRoot } from './helpers/fixtures.js';

const root = new URL('..', import.meta.url).pathname;

describe('invalid fixtures: each produces exactly its expected diagnostics', () => {
  for (const name of fixtureFolders('invalid')) {
    test(name, async () => {
      const { path, bytes } = fixtureInput('invalid', name);
      const displayPath = relative(root, path);
      const diagnostics = await checkWithHandlers(displayPath, bytes);
      const got = diagnostics.map((d) => {
        const { line, column } = d.source.position(d.primary.span.start);
        const file = d.source.path === displayPath ? {} : { file: relative(dirname(path), resolve(root, d.source.path)) };
        return { code: d.code, ...file, line, column };
      });
      const text = new TextDecoder().decode(bytes.subarray(0, 4096));
      const expected = expectedDiagnostics(text);
      const expectedFile = join(fixturesRoot, 'invalid', name, 'expected.json');
      const wanted = expected.length > 0 ? expected : (JSON.parse(readFileSync(expectedFile, 'utf8')) as typeof expected);
      expect(got).toEqual(wanted);
      expect(name.startsWith(wanted[0]?.code ?? '?')).toBe(true);
      const rendered = diagnostics.map((d) => renderPretty(d)).join('\n\n');
      await expect(`${rendered}\n`).toMatchFileSnapshot(join(fixturesRoot, 'invalid', name, 'diagnostics.txt'));
    });
  }
});

describe('valid fixtures: check without diagnostics', () => {
  for (const name of fixtureFolders('valid')) {
    test(name, async () => {
      const { path, bytes } = fixtureInput('valid', name);
      const diagnostics = await checkWithHandlers(relative(root, path), bytes);
      expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    });
  }
});

/** What `flowc check` reports for a fixture: its flow's diagnostics and, without errors, those of the handlers beside it. */
async function checkWithHandlers(displayPath: string, bytes: Uint8Array): Promise<Diagnostic[]> {
  // `# flowc: --stage NAME` at the top: as `flowc check` would for `flowc build --stage NAME`.
  const stage = /^# flowc: --stage (\S+)$/m.exec(new TextDecoder().decode(bytes.subarray(0, 4096)))?.[1];
  const result = compileBytes(displayPath, bytes, stage === undefined ? {} : { stage });
  // `# flowc: --types` at the top: as `flowc check --types`, with the TypeScript checker.
  const types = /^# flowc: --types$/m.test(result.source.text.slice(0, 4096));
  const handlers = result.manifest ? await checkHandlers(nodeHost(), displayPath, result.source, result.manifest, { stubs: 'warning', types }) : [];
  return [...result.diagnostics, ...handlers].sort(compareDiagnostics);
}
