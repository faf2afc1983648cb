import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkText } from '../compiler/program.js';

const examplesRoot = new URL('../examples/', import.meta.url).pathname;
const names = readdirSync(examplesRoot, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('examples', () => {
  test('there are at least the three documented apps', () => {
    expect(names).toEqual(expect.arrayContaining(['shop', 'ledger', 'telemetry']));
  });

  test('the shop example is the design sketch\'s program, unchanged', () => {
    const sketch = readFileSync(new URL('../../shared/design/language.md', import.meta.url), 'utf8');
    const block = /```flow\n([\s\S]*?)```/.exec(sketch)?.[1];
    expect(block).toBeDefined();
    expect(readFileSync(`${examplesRoot}shop/shop.flow`, 'utf8')).toBe(block);
  });

  for (const name of names) {
    test(`${name}/${name}.flow checks without diagnostics`, () => {
      const path = `examples/${name}/${name}.flow`;
      const result = checkText(path, readFileSync(`${examplesRoot}${name}/${name}.flow`, 'utf8'));
      expect(result.diagnostics.map((d) => `${d.code} ${d.source.position(d.primary.span.start).line}: ${d.message}`)).toEqual([]);
    });
  }
});
