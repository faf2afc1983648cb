import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { renderPretty } from '../../compiler/diagnostics/render/pretty.js';
import { checkText } from '../../compiler/program.js';
import { countArrayScans } from '../helpers/array-scans.js';
import { flowProgram, mutated, tokenSoup } from '../helpers/flow-arbitrary.js';

/**
 * Issue 11, front end: random programs from the grammar (declarations, chains with self-loops
 * and cycles, nested and recursive types, settings), token soup and mutations of them. On
 * each input the whole front end runs and every diagnostic is rendered, and:
 * - nothing throws, and no internal error (FL9002) is reported;
 * - every diagnostic points inside the file;
 * - the work done is bounded by the input: the elements looked at by array searches (the
 *   operation counter of test/helpers/array-scans.ts) and the rendered output grow linearly
 *   with the input's length, so no input of these sizes gets near a quadratic or worse path.
 * A longer run with more and larger inputs is `node scripts/fuzz-front-end.js`.
 */

/** Work allowed per input: a fixed part (rules, messages) plus a part per character. */
const SCANS_FIXED = 20_000;
const SCANS_PER_CHARACTER = 200;
const OUTPUT_PER_DIAGNOSTIC = 6_000;

function assertBounded(text: string): void {
  const { result, scanned } = countArrayScans(() => {
    const { diagnostics } = checkText('p.flow', text);
    return { diagnostics, output: diagnostics.map((d) => renderPretty(d)) };
  });
  for (const d of result.diagnostics) {
    expect(d.code).not.toBe('FL9002');
    expect(d.primary.span.start).toBeGreaterThanOrEqual(0);
    expect(d.primary.span.end).toBeLessThanOrEqual(text.length + 1);
    expect(d.primary.span.end).toBeGreaterThanOrEqual(d.primary.span.start);
  }
  expect(scanned).toBeLessThanOrEqual(SCANS_FIXED + SCANS_PER_CHARACTER * text.length);
  for (const output of result.output) expect(output.length).toBeLessThanOrEqual(OUTPUT_PER_DIAGNOSTIC + 2 * text.length);
}

describe('the front end terminates within its bounds on any program', () => {
  test('on random programs from the grammar', () => {
    fc.assert(fc.property(flowProgram(), assertBounded), { numRuns: 600 });
  });

  test('on mutated random programs', () => {
    fc.assert(fc.property(mutated(flowProgram()), assertBounded), { numRuns: 400 });
  });

  test('on token soup', () => {
    fc.assert(fc.property(tokenSoup(80), assertBounded), { numRuns: 600 });
  });

  test('on random programs repeated into larger files', () => {
    const repeated = fc.tuple(flowProgram(), fc.integer({ min: 2, max: 40 })).map(([text, times]) => {
      const [head = '', ...rest] = text.split('\n');
      return `${head}\n${rest.join('\n').repeat(times)}`;
    });
    fc.assert(fc.property(repeated, assertBounded), { numRuns: 60 });
  });
});
