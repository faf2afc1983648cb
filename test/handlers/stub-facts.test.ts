import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { emitTypeScript } from '../../compiler/emit/typescript/index.js';
import { readHandlerFacts } from '../../compiler/handlers/read-facts.js';
import { stubFacts } from '../../compiler/handlers/stub-facts.js';
import { compileText } from '../../compiler/program.js';
import { generateFlow } from '../../bench/generate.js';

const root = new URL('../../', import.meta.url).pathname;

/** Every flow that compiles: the examples, the valid fixtures, a benchmark flow. */
function flows(): [string, string][] {
  const examples = readdirSync(`${root}examples`).map((name) => [`${name}.flow`, readFileSync(`${root}examples/${name}/${name}.flow`, 'utf8')] as [string, string]);
  const fixtures = readdirSync(`${root}test/fixtures/valid`).map((name) => [`${name}.flow`, readFileSync(`${root}test/fixtures/valid/${name}/input.flow`, 'utf8')] as [string, string]);
  return [...examples, ...fixtures, ['bench.flow', generateFlow(20)]];
}

describe('the facts of a stub as flowc renders it', () => {
  test('equal what parsing the stub finds, for every function of every example and valid fixture', () => {
    let stubs = 0;
    for (const [name, text] of flows()) {
      const { manifest } = compileText(name, text);
      if (manifest === undefined) continue;
      for (const [handler, stub] of emitTypeScript(manifest, { generatedDir: 'generated' }).scaffold) {
        // The stub is TypeScript: the builds use these facts only for a TypeScript handler file.
        if (!/\.[cm]?tsx?$/.test(handler)) continue;
        const parsed = readHandlerFacts([{ path: `/p/${handler}`, text: stub }]).get(`/p/${handler}`);
        expect(stubFacts(stub), `${name}: ${handler}`).toEqual(parsed);
        stubs++;
      }
    }
    expect(stubs).toBeGreaterThan(100);
  });

  test('a text in another layout has none (it is parsed instead)', () => {
    expect(stubFacts('export const handler = async () => {};\n')).toBeUndefined();
    expect(stubFacts("import { a, type AHandler } from '../generated/flow.js';\nexport const handler: AHandler = a.onInvoke(async (x) => x);\n")).toBeUndefined();
  });

  test('the stub of a `.js` handler is JavaScript, typed by JSDoc: it parses as JavaScript, a stub that throws', () => {
    const { manifest } = compileText('shop.flow', 'app shop\ntype Order = { id: string }\ntopic placed: Order\nfn refund(Order) -> Order { handler = "src/refund.js" }\nplaced -> refund\n');
    const stub = emitTypeScript(manifest!, { generatedDir: 'generated' }).scaffold.get('src/refund.js') ?? '';
    expect(stub).toContain("/** @type {import('../generated/flow.js').RefundHandler} */\nexport const handler = refund.onMessage(async (order) => {");
    const facts = readHandlerFacts([{ path: '/p/src/refund.js', text: stub }]).get('/p/src/refund.js');
    expect(facts?.syntaxError).toBeUndefined();
    expect(facts?.export).toMatchObject({ kind: 'variable', helper: { value: 'refund', method: 'onMessage' } });
    expect(facts?.stubThrows).toHaveLength(1);
  });
});
