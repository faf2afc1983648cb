import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { generateCstTypes } from '../../grammar/cst-types.js';

test('grammar/cst.generated.d.ts matches the grammar (run `npm run gen` after changing it)', () => {
  const committed = readFileSync(new URL('../../grammar/cst.generated.d.ts', import.meta.url), 'utf8');
  expect(committed).toBe(generateCstTypes());
});
