import { describe, expect, test } from 'vitest';
import { lex, splitStatements } from '../../grammar/lexer.js';

function kinds(text: string): string[] {
  return lex(text).tokens.map((t) => (t.tokenType.name === 'Newline' ? 'NL' : t.image));
}

describe('lexer', () => {
  test('durations, numbers and names are told apart', () => {
    const tokens = lex('500ms 30s 5m 1h 7d 10 -1 0.5 nodejs24.x').tokens;
    expect(tokens.map((t) => `${t.tokenType.name}:${t.image}`)).toEqual([
      'Duration:500ms',
      'Duration:30s',
      'Duration:5m',
      'Duration:1h',
      'Duration:7d',
      'NumberLiteral:10',
      'NumberLiteral:-1',
      'NumberLiteral:0.5',
      'Identifier:nodejs24',
      'Dot:.',
      'Identifier:x',
    ]);
  });

  test('keywords are keywords only as whole words', () => {
    const tokens = lex('queue queued fn fnord type_ app').tokens;
    expect(tokens.map((t) => t.tokenType.name)).toEqual(['Kw_queue', 'Identifier', 'Kw_fn', 'Identifier', 'Identifier', 'Kw_app']);
  });

  test('comments are dropped; line breaks next to operators and brackets are continuations', () => {
    expect(kinds('a -> # go\n  b\n\n\nc\n  -> d')).toEqual(['a', '->', 'b', 'NL', 'c', '->', 'd']);
    expect(kinds('x {\n  a = 1\n  b = 2\n}')).toEqual(['x', '{', 'a', '=', '1', 'NL', 'b', '=', '2', '}']);
    expect(kinds('type S =\n  | "a"\n  | "b"')).toEqual(['type', 'S', '=', '|', '"a"', '|', '"b"']);
    expect(kinds('\n\n app a \n\n')).toEqual(['app', 'a']);
  });

  test('malformed numbers and durations are reported with a fix', () => {
    const { problems } = lex('x = 5min\ny = 1.5h\nz = 1e3\nw = -5s');
    expect(problems.map((p) => [p.kind, p.message, p.help])).toEqual([
      ['malformed-number', '`5min` is not a duration: `min` is not a unit', expect.stringContaining('`500ms`')],
      ['malformed-number', '`1.5h` is not a duration: durations are whole numbers of a unit', 'use a smaller unit, e.g. `90m`'],
      ['malformed-number', '`1e3` is not a number', expect.any(String)],
      ['malformed-number', '`-5s` is not a duration: durations cannot be negative', 'write `5s`'],
    ]);
  });

  test('look-alike characters get a hint, and a unicode arrow still works as an arrow', () => {
    const { tokens, problems } = lex('a → b');
    expect(tokens.map((t) => t.tokenType.name)).toEqual(['Identifier', 'Arrow', 'Identifier']);
    expect(problems[0]).toMatchObject({ kind: 'invalid-character', start: 2, help: 'write an edge as `->`' });
    expect(lex("x = 'a'").problems[0]?.help).toBe('strings use double quotes: `"…"`');
  });

  test('an unterminated string is reported and kept as a string', () => {
    const { tokens, problems } = lex('x = "open\ny = 1');
    expect(problems).toMatchObject([{ kind: 'unterminated-string', start: 4 }]);
    expect(tokens.map((t) => t.tokenType.name)).toEqual(['Identifier', 'Equals', 'StringLiteral', 'Newline', 'Identifier', 'Equals', 'NumberLiteral']);
  });
});

describe('statement splitting', () => {
  test('splits at top-level line breaks and picks the rule from the first two tokens', () => {
    const { tokens } = lex('app a\nqueue q { fifo = true\n dlq = d }\nqueue -> f\nfn.failure -> x');
    const statements = splitStatements(tokens, []);
    expect(statements.map((s) => s.rule)).toEqual(['appDecl', 'resourceDecl', 'chain', 'chain']);
  });

  test('an unclosed block ends where the next declaration plainly starts', () => {
    const { tokens } = lex('queue q {\n  fifo = true\nfn f\nq -> f');
    const statements = splitStatements(tokens, []);
    expect(statements.map((s) => s.tokens.map((t) => t.image).join(' '))).toEqual(['queue q { fifo = true', 'fn f', 'q -> f']);
  });

  test('nesting deeper than 64 is refused once per statement', () => {
    const problems: Parameters<typeof splitStatements>[1] = [];
    const { tokens } = lex(`type T = ${'('.repeat(100)}string\nfn f`);
    const statements = splitStatements(tokens, problems);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.kind).toBe('too-deeply-nested');
    expect(statements.map((s) => s.tooDeep)).toEqual([true, false]);
  });
});
