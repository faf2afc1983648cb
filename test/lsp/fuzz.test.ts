import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { actionsIn } from '../../compiler/lsp/actions.js';
import { Analysis } from '../../compiler/lsp/analysis.js';
import { completionsAt } from '../../compiler/lsp/completion.js';
import { toLspDiagnostic } from '../../compiler/lsp/diagnostics.js';
import { hoverAt } from '../../compiler/lsp/hover.js';
import { definitionAt, referencesAt, renameAt } from '../../compiler/lsp/navigation.js';
import { foldingRanges, inlayHints, outline, semanticTokens } from '../../compiler/lsp/outline.js';

const examples = new URL('../../examples/', import.meta.url).pathname;
const seeds = readdirSync(examples).flatMap((dir) =>
  readdirSync(`${examples}${dir}`)
    .filter((f) => f.endsWith('.flow'))
    .map((f) => readFileSync(`${examples}${dir}/${f}`, 'utf8')),
);
/** What a person types in the middle of a statement. */
const fragments = ['->', '{', '}', '[', ']', '(', ')', ',', '=', '.', ':', '"', '#', '\n', ' ', 'fn ', 'queue ', 'dlq = ', 'match { detail {', 'success<', '|', '<', '>', '0', '5m', 'x'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...fragments) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

interface Mutation {
  readonly kind: 'delete' | 'insert' | 'truncate';
  readonly at: number;
  readonly length?: number;
  readonly text?: string;
}

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + (m.length ?? 1));
    else if (m.kind === 'insert') out = out.slice(0, at) + (m.text ?? '') + out.slice(at);
    else out = out.slice(0, at);
  }
  return out;
}

describe('every request on a half-written file answers', () => {
  test('mutated examples: no feature throws, at any offset (a bounded slice; the guard in the server is the second line)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { minLength: 4, maxLength: 8 }),
        (seed, mutations, offsets) => {
          const text = mutate(seed, mutations);
          const analysis = new Analysis('fuzz.flow', text);
          for (const d of analysis.diagnostics) toLspDiagnostic(d, 'file:///fuzz.flow');
          outline(analysis);
          foldingRanges(analysis);
          expect(semanticTokens(analysis).length % 5).toBe(0);
          inlayHints(analysis, 0, text.length);
          for (const raw of [...offsets, 0, text.length]) {
            const offset = text.length === 0 ? 0 : raw % (text.length + 1);
            hoverAt(analysis, offset);
            completionsAt(analysis, offset);
            definitionAt(analysis, offset);
            referencesAt(analysis, offset, true);
            actionsIn(analysis, offset, offset);
          }
          renameAt(analysis, (offsets[0] ?? 0) % (text.length + 1), 'renamed');
        },
      ),
      { seed: 15, numRuns: 120 },
    );
  }, 120_000);
});
