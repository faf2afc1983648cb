import { describe, expect, test } from 'vitest';
import { parseFlow } from '../../grammar/index.js';
import { FlowParser } from '../../grammar/parser.js';
import { Reporter } from '../../compiler/diagnostics/reporter.js';
import { SourceFile } from '../../compiler/source/source-file.js';
import { parseSource } from '../../compiler/syntax/parse.js';
import { compileText } from '../../compiler/program.js';

function messages(text: string): string[] {
  return parseFlow(text, () => undefined).problems.map((p) => p.message);
}

function ast(text: string) {
  const reporter = new Reporter(new SourceFile('t.flow', text));
  const parsed = parseSource(reporter);
  return { ...parsed, diagnostics: reporter.diagnostics };
}

describe('parser', () => {
  test('the grammar passes Chevrotain self-analysis validations (no ambiguities, no left recursion)', () => {
    expect(() => new FlowParser({ skipValidations: false })).not.toThrow();
  });

  test('the shop example of the design sketch parses into the expected statements', () => {
    const { ast: file, diagnostics } = ast(
      'app shop\ntype Item = { sku: string, qty: int }\nqueue receipts\nfn charge(Item) -> Item { memory = 512 }\ncharge -> receipts -> email { batch = 10, window = 5s }\n',
    );
    expect(diagnostics).toEqual([]);
    expect(file.statements.map((s) => s.kind)).toEqual(['AppDecl', 'TypeDecl', 'ResourceDecl', 'FnDecl', 'Chain']);
    const chain = file.statements[4];
    if (chain?.kind !== 'Chain') throw new Error('not a chain');
    expect(chain.links.map((l) => [l.target.name.text, l.settings?.entries.map((e) => e.name.text) ?? []])).toEqual([
      ['receipts', []],
      ['email', ['batch', 'window']],
    ]);
  });

  test('settings values: numbers, strings, durations, booleans, paths, lists and blocks', () => {
    const { ast: file } = ast('app a\nfn f { memory = 512, handler = "src/f.ts", timeout = 30s, runtime = nodejs24.x, env { A = "1" }, sends = [q, t] }\n');
    const fn = file.statements[1];
    if (fn?.kind !== 'FnDecl') throw new Error('not a fn');
    expect(fn.settings?.entries.map((e) => [e.name.text, e.value.kind])).toEqual([
      ['memory', 'NumberValue'],
      ['handler', 'StringValue'],
      ['timeout', 'DurationValue'],
      ['runtime', 'PathValue'],
      ['env', 'SettingsBlock'],
      ['sends', 'ListValue'],
    ]);
    const timeout = fn.settings?.entries[2]?.value;
    expect(timeout).toMatchObject({ kind: 'DurationValue', amount: 30, unit: 's', milliseconds: 30_000 });
  });

  test('types: records with optional fields, arrays, unions, parentheses and invocation records', () => {
    const { ast: file, diagnostics } = ast('app a\ntype T = { a?: string, b: int[][], c: "x" | "y", d: ("p" | "q")[], e: failure<f> }\nfn f\n');
    expect(diagnostics).toEqual([]);
    const type = file.statements[1];
    if (type?.kind !== 'TypeDecl' || type.type.kind !== 'RecordType') throw new Error('not a record');
    expect(type.type.fields.map((f) => [f.name.text, f.optional, f.type.kind])).toEqual([
      ['a', true, 'NamedType'],
      ['b', false, 'ArrayType'],
      ['c', false, 'UnionType'],
      ['d', false, 'ArrayType'],
      ['e', false, 'InvocationRecordType'],
    ]);
  });

  test('every span covers exactly its text', () => {
    const text = 'app a\nqueue jobs: Job { fifo = true }\njobs -> work.failure';
    const { ast: file } = ast(text);
    const queue = file.statements[1];
    if (queue?.kind !== 'ResourceDecl') throw new Error('not a queue');
    expect(text.slice(queue.span.start, queue.span.end)).toBe('queue jobs: Job { fifo = true }');
    expect(text.slice(queue.name.span.start, queue.name.span.end)).toBe('jobs');
    const chain = file.statements[2];
    if (chain?.kind !== 'Chain') throw new Error('not a chain');
    expect(text.slice(chain.links[0]!.target.span.start, chain.links[0]!.target.span.end)).toBe('work.failure');
  });

  test('string escapes decode, and a lone surrogate is refused', () => {
    const { ast: file, diagnostics } = ast('app a\nfn f { env { A = "tab\\there \\u{1F600} \\"q\\"", B = "\\u{D800}" } }\n');
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['FL1005', '`\\u{D800}` is not a character']]);
    const fn = file.statements[1];
    if (fn?.kind !== 'FnDecl') throw new Error('not a fn');
    const env = fn.settings?.entries[0]?.value;
    if (env?.kind !== 'SettingsBlock') throw new Error('not a block');
    expect(env.entries[0]?.value).toMatchObject({ kind: 'StringValue', value: 'tab\there \u{1F600} "q"' });
  });

  test('keywords stay usable as names in edges', () => {
    const { ast: file, diagnostics } = ast('app a\nqueue queue\nfn fn\nqueue -> fn\n');
    expect(diagnostics).toEqual([]);
    expect(file.statements.map((s) => s.kind)).toEqual(['AppDecl', 'ResourceDecl', 'FnDecl', 'Chain']);
  });
});

describe('syntax errors speak the user\'s words and every statement is checked', () => {
  test('one error per broken statement, in order', () => {
    expect(
      messages('app a\nqueue payouts fifo = true\nfn f(X): Y\nq -> \ntype T = { a: string b: int }\nqueue ok\n'),
    ).toEqual([
      'expected `:`, `{` or a new line after the queue name, found `fifo`',
      'expected `->`, `{` or a new line after `)`, found `:`',
      'expected a name after `->`, found the end of the line',
      'expected `,`, a new line or `}` after `string`, found `b`',
    ]);
  });

  test('a mistyped keyword is named, with the keyword it resembles', () => {
    const problems = parseFlow('funtion charge(Order)\nqeue q\n', () => undefined).problems;
    expect(problems.map((p) => [p.message, p.help])).toEqual([
      ['`funtion` is not a declaration keyword', 'did you mean `fn charge`?'],
      ['`qeue` is not a declaration keyword', 'did you mean `queue q`?'],
    ]);
  });

  test('a missing closing brace costs one error, and the next declarations still parse', () => {
    const { ast: file, diagnostics } = ast('app a\nqueue q {\n  fifo = true\nfn f\nq -> f\n');
    expect(diagnostics.map((d) => d.message)).toEqual(['expected `,`, a new line or `}` after `true`, found the end of the line']);
    expect(file.statements.map((s) => s.kind)).toEqual(['AppDecl', 'ResourceDecl', 'FnDecl', 'Chain']);
  });

  test('a dangling `->` ends its chain when the next line starts an edge: one error, not edges nobody wrote', () => {
    const flow = 'app a\ntype Order = { id: string }\ntype Receipt = { order: string }\ntopic placed: Order\nqueue receipts\nfn charge(Order) -> Receipt\nplaced -> charge ->\ncharge -> receipts\n';
    const diagnostics = compileText('t.flow', flow).diagnostics;
    expect(diagnostics.map((d) => `${d.code} ${d.message} · ${d.help}`)).toEqual(['FL1001 expected a name after `->`, found the end of the line · an edge needs a target after `->`']);
    // Broken before `->`, or after it with a plain target, the chain still continues.
    expect(messages('app a\nplaced\n  -> charge ->\n  receipts\n')).toEqual([]);
  });

  test('a function with `->` and no output type says so, whether a settings block or the end of the line follows', () => {
    const problems = parseFlow('app a\nfn work(Job) -> { timeout = 3s }\nfn rest(Job) ->\nqueue jobs: Job\njobs -> work\n', () => undefined).problems;
    expect(problems.map((p) => [p.message, p.help])).toEqual([
      ['expected the output type after `->`, found a settings block', 'name the output type before the settings (`fn work(Job) -> Result { timeout = … }`), or drop `->` if the function returns nothing'],
      ['expected a name, a string, `{` or `(` after `->`, found the end of the line', "a function's output type follows `->`: `fn charge(Order) -> Receipt`; drop `->` if it returns nothing"],
    ]);
  });

  test('messages never contain token type names', () => {
    const inputs = ['app', 'queue q: ', 'fn f(', 'a -> b {', 'type T = { a }', 'a -> b { x = }', 'x . -> y', '{ a = 1 }', '] ->'];
    for (const input of inputs) {
      for (const message of messages(`${input}\n`)) {
        expect(message).not.toMatch(/Identifier|Kw_|LBrace|RBrace|Newline|NumberLiteral|StringLiteral|EOF|Name\b/);
      }
    }
  });
});
