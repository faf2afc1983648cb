import { createToken, Lexer, type TokenType } from 'chevrotain';

/**
 * Every token of the .flow language. `LABEL` is what error messages call a token, in the
 * user's words (`a name`, `` `{` ``), never the token type's name.
 */

/*
 * Every token gives `start_chars_hint`, the characters it can start with, so that the lexer
 * does not analyse the regular expressions at start-up (a few milliseconds on every run).
 */
const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_'];
const digits = [...'0123456789'];

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\f\v\u00a0\ufeff]+/,
  group: Lexer.SKIPPED,
  start_chars_hint: [' ', '\t', '\r', '\f', '\v', '\u00a0', '\ufeff'],
});
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n]*/, group: Lexer.SKIPPED, start_chars_hint: ['#'] });
export const Newline = createToken({ name: 'Newline', pattern: /\n/, label: 'a new line', line_breaks: true, start_chars_hint: ['\n'] });

/** Any word: identifiers and the contextual keywords below, which stay usable as names. */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA, label: 'a name' });
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  label: 'a name',
  categories: [Name],
  start_chars_hint: letters,
});

function keyword(word: string): TokenType {
  return createToken({
    name: `Kw_${word}`,
    pattern: new RegExp(`${word}(?![A-Za-z0-9_])`),
    label: `\`${word}\``,
    longer_alt: Identifier,
    categories: [Name],
    start_chars_hint: [word[0] as string],
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
/** `stage prod { … }`: one stage's settings (docs/language.md "Stages"). */
export const Stage = keyword('stage');
export const Api = keyword('api');
export const Bucket = keyword('bucket');
export const Schedule = keyword('schedule');

/** The declaration keywords: a line that starts with one of these followed by a name starts a declaration. */
export const declarationKeywords: readonly TokenType[] = [App, Type, Fn, Queue, Topic, Bus, Stream, Table, Stage, Api, Bucket, Schedule];
export const resourceKeywords: readonly TokenType[] = [Queue, Topic, Bus, Stream, Table, Api, Bucket, Schedule];

export const Arrow = createToken({ name: 'Arrow', pattern: /->/, label: '`->`', start_chars_hint: ['-'] });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/, label: '`{`', start_chars_hint: ['{'] });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/, label: '`}`', start_chars_hint: ['}'] });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, label: '`[`', start_chars_hint: ['['] });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/, label: '`]`', start_chars_hint: [']'] });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: '`(`', start_chars_hint: ['('] });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: '`)`', start_chars_hint: [')'] });
export const LAngle = createToken({ name: 'LAngle', pattern: /</, label: '`<`', start_chars_hint: ['<'] });
export const RAngle = createToken({ name: 'RAngle', pattern: />/, label: '`>`', start_chars_hint: ['>'] });
/** `<=` and `>=`: the comparisons of a pattern's `numeric(…)`, such as `numeric(>= 0, < 100)`. */
export const LessEquals = createToken({ name: 'LessEquals', pattern: /<=/, label: '`<=`', start_chars_hint: ['<'] });
export const GreaterEquals = createToken({ name: 'GreaterEquals', pattern: />=/, label: '`>=`', start_chars_hint: ['>'] });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: '`,`', start_chars_hint: [','] });
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: '`:`', start_chars_hint: [':'] });
export const Equals = createToken({ name: 'Equals', pattern: /=/, label: '`=`', start_chars_hint: ['='] });
export const Dot = createToken({ name: 'Dot', pattern: /\./, label: '`.`', start_chars_hint: ['.'] });
export const Question = createToken({ name: 'Question', pattern: /\?/, label: '`?`', start_chars_hint: ['?'] });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/, label: '`|`', start_chars_hint: ['|'] });

export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\n]|\\.)*"/, label: 'a string', start_chars_hint: ['"'] });
/** A string that reaches the end of its line; the lexer turns it into a diagnostic and a string. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\n]|\\.)*\\?/, label: 'a string', start_chars_hint: ['"'] });
export const Duration = createToken({ name: 'Duration', pattern: /\d+(?:ms|s|m|h|d)(?![A-Za-z0-9_.])/, label: 'a duration', start_chars_hint: digits });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /-?\d+(?:\.\d+)?(?![A-Za-z0-9_.])/, label: 'a number', start_chars_hint: ['-', ...digits] });
/** Digits run into letters or dots (`5min`, `1.5h`, `1e3`): reported as a malformed number. */
export const MalformedNumber = createToken({ name: 'MalformedNumber', pattern: /-?\d[A-Za-z0-9_.]*/, label: 'a number', start_chars_hint: ['-', ...digits] });
/** A minus sign not followed by a digit or `>`. */
export const Minus = createToken({ name: 'Minus', pattern: /-/, label: '`-`', start_chars_hint: ['-'] });

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
  LessEquals,
  GreaterEquals,
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
