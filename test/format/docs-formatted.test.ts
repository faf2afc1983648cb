import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { formatFlow } from '../../compiler/format/format.js';

/**
 * Issue 15 §1: the examples and every ```flow block of the docs that show programs are in
 * `flowc fmt`'s layout. A block that shows a layout on purpose is marked by the line before
 * its fence: `<!-- flowc fmt: off … -->`.
 */
const root = new URL('../../', import.meta.url).pathname;
const OFF = '<!-- flowc fmt: off';

function formatted(text: string): string {
  const result = formatFlow(text);
  return result.ok ? result.text : `(refused: ${result.problems.map((p) => p.message).join('; ')})`;
}

describe('formatted sources', () => {
  for (const name of readdirSync(`${root}examples`)) {
    test(`examples/${name}/${name}.flow`, () => {
      const text = readFileSync(`${root}examples/${name}/${name}.flow`, 'utf8');
      expect(formatted(text)).toBe(text);
    });
  }

  for (const page of ['docs/language.md', 'README.md', 'docs/fmt.md']) {
    test(`the flow blocks of ${page}`, () => {
      const text = readFileSync(`${root}${page}`, 'utf8');
      const blocks = [...text.matchAll(/(^.*\n)?```flow\n([\s\S]*?)```/gm)];
      expect(blocks.length).toBeGreaterThan(0);
      for (const [, before, body = ''] of blocks) {
        if (before?.startsWith(OFF)) continue;
        expect(formatted(body)).toBe(body);
      }
    });
  }

  test('a block is left unformatted only where it is marked', () => {
    const text = readFileSync(`${root}docs/language.md`, 'utf8');
    expect(text.split('\n').filter((line) => line.startsWith(OFF))).toHaveLength(1);
  });
});
