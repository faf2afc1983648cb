import { createToken, Lexer, type TokenType } from 'chevrotain';

/**
 * Every token of the .flow language. `LABEL` is what error messages call a token, in the
 * user's words (`a name`, `` `{` ``), never the token type's name.
 */

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n]*/, group: Lexer.SKIPPED });
export const Newline = createToken({ name: 'Newline', pattern: /\n/, label: 'a new line', line_breaks: true });

/** Any word: identifiers and the contextual keywords below, which stay usable as names. */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA, label: 'a name' });
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  label: 'a name',
  categories: [Name],
});

function keyword(word: string): TokenType {
  return createToken({
    name: `Kw_${word}`,
    pattern: new RegExp(`${word}(?![A-Za-z0-9_])`),
    label: `\`${word}\``,
    longer_alt: Identifier,
    categories: [Name],
  });
}

export const App = keyword('app');
export const Type = keyword('type');
export const Fn = keyword('fn');
export const Queue = keyword('queue');
export const Topic = keyword('topic');
export const Bus = keyword('bus');
export const Stream = keyword('stream');
export const Table = keyword('table');

/** The declaration keywords: a line that starts with one of these followed by a name starts a declaration. */
export const declarationKeywords: readonly TokenType[] = [App, Type, Fn, Queue, Topic, Bus, Stream, Table];
export const resourceKeywords: readonly TokenType[] = [Queue, Topic, Bus, Stream, Table];

export const Arrow = createToken({ name: 'Arrow', pattern: /->/, label: '`->`' });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/, label: '`{`' });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/, label: '`}`' });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, label: '`[`' });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/, label: '`]`' });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: '`(`' });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: '`)`' });
export const LAngle = createToken({ name: 'LAngle', pattern: /</, label: '`<`' });
export const RAngle = createToken({ name: 'RAngle', pattern: />/, label: '`>`' });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: '`,`' });
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: '`:`' });
export const Equals = createToken({ name: 'Equals', pattern: /=/, label: '`=`' });
export const Dot = createToken({ name: 'Dot', pattern: /\./, label: '`.`' });
export const Question = createToken({ name: 'Question', pattern: /\?/, label: '`?`' });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/, label: '`|`' });

export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\n]|\\.)*"/, label: 'a string' });
/** A string that reaches the end of its line; the lexer turns it into a diagnostic and a string. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\n]|\\.)*\\?/, label: 'a string' });
export const Duration = createToken({ name: 'Duration', pattern: /\d+(?:ms|s|m|h|d)(?![A-Za-z0-9_.])/, label: 'a duration' });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /-?\d+(?:\.\d+)?(?![A-Za-z0-9_.])/, label: 'a number' });
/** Digits run into letters or dots (`5min`, `1.5h`, `1e3`): reported as a malformed number. */
export const MalformedNumber = createToken({ name: 'MalformedNumber', pattern: /-?\d[A-Za-z0-9_.]*/, label: 'a number' });
/** A minus sign not followed by a digit or `>`. */
export const Minus = createToken({ name: 'Minus', pattern: /-/, label: '`-`' });

/** Lexing order matters: longer and more specific patterns first. */
export const allTokens: readonly TokenType[] = [
  WhiteSpace,
  Comment,
  Newline,
  Arrow,
  Duration,
  NumberLiteral,
  MalformedNumber,
  Minus,
  StringLiteral,
  UnterminatedString,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  LParen,
  RParen,
  LAngle,
  RAngle,
  Comma,
  Colon,
  Equals,
  Dot,
  Question,
  Pipe,
  ...declarationKeywords,
  Identifier,
  Name,
];
