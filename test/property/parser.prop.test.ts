import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkBytes, checkText } from '../../compiler/program.js';

const examplesRoot = new URL('../../examples/', import.meta.url).pathname;
const examples = readdirSync(examplesRoot).map((name) => readFileSync(`${examplesRoot}${name}/${name}.flow`, 'utf8'));

/** Words and symbols of the language, so random soup often gets deep into the grammar. */
const vocabulary = [
  'app', 'type', 'fn', 'queue', 'topic', 'bus', 'stream', 'table', 'success', 'failure', 'true', 'false',
  'x', 'Order', 'charge', '->', '{', '}', '[', ']', '(', ')', '<', '>', ',', ':', '=', '.', '?', '|', '\n', ' ',
  '"s"', '"', '10', '-1', '0.5', '30s', '5min', '1.5h', '#', 'batch', 'fifo', 'dlq', 'env', '\u2192', '\t', '\\',
];

/** Every diagnostic must point inside the file; the contract promises 1-based positions. */
function assertWellFormed(text: string): void {
  const result = checkText('p.flow', text);
  for (const d of result.diagnostics) {
    expect(d.primary.span.start).toBeGreaterThanOrEqual(0);
    expect(d.primary.span.end).toBeLessThanOrEqual(text.length + 1);
    expect(d.primary.span.end).toBeGreaterThanOrEqual(d.primary.span.start);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

describe('the front end never throws and always locates its diagnostics', () => {
  test('on random unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), assertWellFormed), { numRuns: 4000 });
  });

  test('on random token soup', () => {
    const soup = fc.array(fc.constantFrom(...vocabulary), { maxLength: 60 }).map((words) => words.join(' '));
    fc.assert(fc.property(soup, assertWellFormed), { numRuns: 4000 });
  });

  test('on mutated examples (deletions, insertions, swaps of characters)', () => {
    const mutation = fc.record({
      example: fc.nat({ max: examples.length - 1 }),
      edits: fc.array(
        fc.record({
          at: fc.double({ min: 0, max: 1, noNaN: true }),
          kind: fc.constantFrom('delete', 'insert', 'duplicate'),
          length: fc.integer({ min: 1, max: 12 }),
          text: fc.constantFrom(...vocabulary),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(mutation, ({ example, edits }) => {
        let text = examples[example] as string;
        for (const edit of edits) {
          const at = Math.floor(edit.at * text.length);
          if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + edit.length);
          else if (edit.kind === 'insert') text = text.slice(0, at) + edit.text + text.slice(at);
          else text = text.slice(0, at) + text.slice(at, at + edit.length).repeat(2) + text.slice(at + edit.length);
        }
        assertWellFormed(text);
      }),
      { numRuns: 4000 },
    );
  });

  test('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(() => checkBytes('p.flow', bytes)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});
