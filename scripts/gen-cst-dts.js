// Regenerates grammar/cst.generated.d.ts from the grammar (Chevrotain's generateCstDts), so the
// CST → AST builder is type-checked against the grammar. test/grammar/cst-dts.test.ts fails when
// the committed file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadTs } from './load-ts.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { generateCstTypes } = await loadTs(`${root}grammar/cst-types.ts`);
writeFileSync(`${root}grammar/cst.generated.d.ts`, generateCstTypes());
console.log('wrote grammar/cst.generated.d.ts');
