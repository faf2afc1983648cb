import { readdirSync, readFileSync } from 'node:fs';
import { type CstNode, type IToken, Lexer, type TokenType } from 'chevrotain';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fastTokenize } from '../../grammar/fast-lexer.js';
import { fastParse } from '../../grammar/fast-parser.js';
import { lex, splitStatements } from '../../grammar/lexer.js';
import { FlowParser } from '../../grammar/parser.js';
import { allTokens } from '../../grammar/tokens.js';
import { generateFlow } from '../../bench/generate.js';

/**
 * The fast paths (fast-lexer.ts, fast-parser.ts) must be indistinguishable from Chevrotain
 * wherever they do not give up: same tokens, same CST, and only on input Chevrotain accepts.
 */

const chevrotainLexer = new Lexer(allTokens as TokenType[], { positionTracking: 'onlyOffset' });
const chevrotainParser = new FlowParser();
const root = new URL('../../', import.meta.url).pathname;

function tokenView(token: IToken) {
  return `${token.tokenType.name}@${token.startOffset}:${token.image}`;
}

function cstView(node: CstNode | IToken): unknown {
  if (!('children' in node)) return tokenView(node);
  const children: Record<string, unknown[]> = {};
  for (const key of Object.keys(node.children).sort()) children[key] = (node.children[key] ?? []).map(cstView);
  return { name: node.name, location: [node.location?.startOffset, node.location?.endOffset], children };
}

function assertSameAsChevrotain(text: string): { fastStatements: number } {
  const fastTokens = fastTokenize(text);
  const reference = chevrotainLexer.tokenize(text);
  if (fastTokens === undefined) {
    expect(reference.errors.length, 'the fast lexer gave up on input Chevrotain lexes without errors').toBeGreaterThan(0);
  } else {
    expect(reference.errors).toEqual([]);
    expect(fastTokens.map(tokenView)).toEqual(reference.tokens.map(tokenView));
  }
  let fastStatements = 0;
  for (const statement of splitStatements(lex(text).tokens, [])) {
    if (statement.tooDeep) continue;
    const fast = fastParse(statement.rule, statement.tokens);
    if (fast === undefined) continue;
    fastStatements++;
    chevrotainParser.input = [...statement.tokens];
    const cst = chevrotainParser[statement.rule]();
    expect(chevrotainParser.errors.map((e) => e.message), 'the fast parser accepted what Chevrotain rejects').toEqual([]);
    expect(cstView(fast)).toEqual(cstView(cst));
  }
  return { fastStatements };
}

function markdownFlowBlocks(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/```flow\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

const corpus: [string, string][] = [
  ...readdirSync(`${root}examples`).map((name): [string, string] => [`examples/${name}`, readFileSync(`${root}examples/${name}/${name}.flow`, 'utf8')]),
  ...markdownFlowBlocks(`${root}docs/language.md`).map((text, i): [string, string] => [`docs/language.md #${i + 1}`, text]),
  ...(['valid', 'invalid'] as const).flatMap((kind) =>
    readdirSync(`${root}test/fixtures/${kind}`).flatMap((name): [string, string][] => {
      try {
        return [[`fixtures/${kind}/${name}`, readFileSync(`${root}test/fixtures/${kind}/${name}/input.flow`, 'utf8')]];
      } catch {
        return [];
      }
    }),
  ),
  ['bench 100', generateFlow(100)],
];

describe('the fast lexer and parser agree with Chevrotain', () => {
  for (const [name, text] of corpus) {
    test(name, () => {
      assertSameAsChevrotain(text);
    });
  }

  test('they take the whole of every valid example (no fallback needed)', () => {
    for (const [name, text] of corpus.filter(([n]) => n.startsWith('examples/'))) {
      const statements = splitStatements(lex(text).tokens, []).length;
      expect(assertSameAsChevrotain(text).fastStatements, name).toBe(statements);
    }
  });

  test('on random token soup and mutated examples', () => {
    const words = ['app', 'type', 'fn', 'queue', 'topic', 'x', 'Order', '->', '{', '}', '[', ']', '(', ')', '<', '>', ',', ':', '=', '.', '?', '|', '\n', '"s"', '10', '-1', '30s', 'success', 'true', '>=', '<=', 'match', 'prefix(', 'numeric(', 'any_of('];
    const soup = fc.array(fc.constantFrom(...words), { maxLength: 40 }).map((w) => w.join(' '));
    fc.assert(fc.property(soup, (text) => void assertSameAsChevrotain(text)), { numRuns: 3000 });
    const examples = corpus.filter(([n]) => n.startsWith('examples/')).map(([, t]) => t);
    const mutated = fc
      .tuple(fc.constantFrom(...examples), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 8 }), fc.constantFrom(...words))
      .map(([text, at, length, insert]) => {
        const i = Math.floor(at * text.length);
        return text.slice(0, i) + insert + text.slice(i + length);
      });
    fc.assert(fc.property(mutated, (text) => void assertSameAsChevrotain(text)), { numRuns: 1500 });
  });

  test('on random patterns: calls, comparisons, lists and blocks inside `match`', () => {
    const words = ['x', 'detail', '=', '"s"', '1', '-1', '0.5', '(', ')', '[', ']', '{', '}', ',', '\n', '>', '>=', '<', '<=', 'prefix', 'numeric', 'any_of', 'true', 'null', '.'];
    const pattern = fc.array(fc.constantFrom(...words), { maxLength: 30 }).map((w) => `app a\nbus b\nfn f\nb -> f { match { ${w.join(' ')} } }\n`);
    fc.assert(fc.property(pattern, (text) => void assertSameAsChevrotain(text)), { numRuns: 3000 });
    // Well-formed ones must take the fast path.
    const valid = 'app a\nbus b\nfn f\nb -> f { match { detail { x = numeric(> 0, <= 1), y = [prefix("a"), null] }, any_of({ x = 1 }\n{ y = anything_but(["a"]) }) } }\n';
    expect(assertSameAsChevrotain(valid).fastStatements).toBe(4);
  });
});
