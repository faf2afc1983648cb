import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { flowProgram, mutated } from '../helpers/flow-arbitrary.js';
import { relaidOut } from '../helpers/flow-layouts.js';
import { formatPropertyFailure } from '../helpers/format-properties.js';

/**
 * Issue 15 §1, the formatter's properties on generated programs (test/helpers/flow-arbitrary.ts),
 * the same programs laid out at random with comments (test/helpers/flow-layouts.ts), mutations
 * of them, and the examples laid out at random. For every text it formats:
 * - idempotent: formatting the result changes nothing;
 * - meaning-preserving: the manifest of the result equals the original's, positions aside, and
 *   where there is no manifest (the program has errors) the diagnostics are the same, positions aside;
 * - comment-preserving: the same comments, in the same order;
 * - and the result passes the self-check `flowc fmt` runs before writing.
 * It refuses exactly the texts with syntax errors. A longer run is `node scripts/fuzz-fmt.js`.
 */

const root = new URL('../../', import.meta.url).pathname;
const examples = ['billing', 'ledger', 'shop', 'telemetry'].map((name) => readFileSync(`${root}examples/${name}/${name}.flow`, 'utf8'));

function assertFormatsWell(text: string): void {
  expect(formatPropertyFailure(text)).toBeUndefined();
}

describe('flowc fmt: properties', () => {
  test('on generated programs', () => {
    fc.assert(fc.property(flowProgram(), assertFormatsWell), { numRuns: 150 });
  });

  test('on generated programs laid out at random, with comments', () => {
    fc.assert(fc.property(relaidOut(flowProgram()), assertFormatsWell), { numRuns: 150 });
  });

  test('on mutated programs (those that still parse are formatted, the others refused)', () => {
    fc.assert(fc.property(mutated(relaidOut(flowProgram())), assertFormatsWell), { numRuns: 150 });
  });

  test('on the examples laid out at random: the manifests are equal', () => {
    fc.assert(fc.property(relaidOut(fc.constantFrom(...examples)), assertFormatsWell), { numRuns: 40 });
  });
});
