import { createTokenInstance, Lexer, type IToken, type TokenType } from 'chevrotain';
import {
  allTokens,
  App,
  Arrow,
  Bucket,
  Bus,
  Colon,
  Comma,
  declarationKeywords,
  Dot,
  Equals,
  Fn,
  GreaterEquals,
  Identifier,
  LAngle,
  LBrace,
  LBracket,
  LessEquals,
  LParen,
  MalformedNumber,
  Minus,
  Name,
  Newline,
  NumberLiteral,
  Pipe,
  Question,
  Queue,
  RAngle,
  RBrace,
  RBracket,
  RParen,
  Stage,
  Schedule,
  Stream,
  StringLiteral,
  Table,
  Api,
  Topic,
  Type,
  UnterminatedString,
} from './tokens.js';
import { countTokens, fastTokenize } from './fast-lexer.js';
import type { StatementRule } from './parser.js';

/** A problem found before or while parsing, worded for the user; `compiler/syntax` gives it a code. */
export interface GrammarProblem {
  readonly kind:
    | 'invalid-character'
    | 'unterminated-string'
    | 'malformed-number'
    | 'too-deeply-nested'
    | 'too-many-tokens'
    | 'syntax';
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly label?: string;
  readonly help?: string;
  readonly note?: string;
}

/** Brackets nested deeper than this are refused before parsing, so no input can exhaust the stack. */
export const MAX_NESTING_DEPTH = 64;

/**
 * The most tokens flowc reads from one file (graphql-js's `maxTokens`): the lexer stops there
 * and the file is refused (FL1013), so no file, however it is made, costs more than this many
 * tokens of memory and parsing time. A 10,000-function flow has about 270,000.
 */
export const MAX_TOKENS = 4_000_000;

/** Text is lexed in pieces of about this many characters, each ending after a line break. */
const CHUNK_LENGTH = 1 << 16;

/** Lexical errors described at most; the parser stops at a similar count. */
const MAX_LEX_PROBLEMS = 1000;

let lexer: Lexer | undefined;
function getLexer(): Lexer {
  lexer ??= new Lexer(allTokens as TokenType[], {
    positionTracking: 'onlyOffset',
    ensureOptimizations: false,
    skipValidations: true,
  });
  return lexer;
}

/** Characters that users type for something the language spells differently. */
const lookalikes: Record<string, string> = {
  '→': 'write an edge as `->`',
  '⇒': 'write an edge as `->`',
  '“': 'strings use straight double quotes: `"…"`',
  '”': 'strings use straight double quotes: `"…"`',
  "'": 'strings use double quotes: `"…"`',
  '‘': 'strings use straight double quotes: `"…"`',
  '’': 'strings use straight double quotes: `"…"`',
  ';': 'statements end at the end of the line; settings are separated by `,` or a new line',
  '/': 'comments start with `#`',
  '@': 'names are letters, digits and `_`',
  $: 'names are letters, digits and `_`',
  '*': 'a list of values is written `[a, b]`',
};

export interface LexResult {
  /** Significant tokens with continuation line breaks removed (see `layout`). */
  readonly tokens: readonly IToken[];
  readonly problems: readonly GrammarProblem[];
}

export function lex(text: string): LexResult {
  const result = tokenizeBounded(text);
  if (result.cutAt !== undefined) {
    const limit = MAX_TOKENS.toLocaleString('en-US');
    return {
      tokens: [],
      problems: [
        {
          kind: 'too-many-tokens',
          start: result.cutAt,
          end: result.cutAt + 1,
          message: `the file has more than ${limit} tokens; flowc reads at most ${limit}`,
          label: `token number ${(MAX_TOKENS + 1).toLocaleString('en-US')}`,
          help: 'a flow this large is not hand-written; check that this is the file you meant, or split it into several apps',
        },
      ],
    };
  }
  const problems: GrammarProblem[] = [];
  // Arrow look-alikes become arrows, so `a → b` costs one error, not a cascade.
  const arrows: IToken[] = [];
  for (const error of result.errors) {
    // Past a few hundred errors the input is not a .flow file; describing the rest is wasted work.
    if (problems.length > MAX_LEX_PROBLEMS) break;
    const bad = text.slice(error.offset, error.offset + error.length);
    const first = String.fromCodePoint(bad.codePointAt(0) ?? 0x3f);
    const help = lookalikes[first];
    if (first === '→' || first === '⇒') arrows.push(createTokenInstance(Arrow, first, error.offset, error.offset + first.length - 1, NaN, NaN, NaN, NaN));
    problems.push({
      kind: 'invalid-character',
      start: error.offset,
      end: error.offset + first.length,
      message: `unexpected character ${describeCharacter(first)}`,
      label: 'not part of the language',
      ...(help === undefined ? {} : { help }),
    });
  }
  const tokens: IToken[] = [];
  let hyphenReportedUntil = -1;
  // Per open `{`: whether it opens a `tags` block, whose keys may be hyphenated (`cost-center`).
  const tagBlocks: boolean[] = [];
  for (let index = 0; index < result.tokens.length; index++) {
    const token = result.tokens[index] as IToken;
    if (token.tokenType === LBrace) {
      const opener = tokens[tokens.length - 1];
      tagBlocks.push(opener !== undefined && isName(opener) && opener.image === TAGS_SETTING);
    } else if (token.tokenType === RBrace) tagBlocks.pop();
    // 'onlyOffset' tokens carry no end; the parser's CST locations need it.
    token.endOffset = token.startOffset + token.image.length - 1;
    if (token.tokenType === UnterminatedString) {
      problems.push({
        kind: 'unterminated-string',
        start: token.startOffset,
        end: token.startOffset + 1,
        message: 'this string has no closing `"`',
        label: 'the string starts here',
        help: 'add a `"` before the end of the line; strings cannot span lines',
      });
      tokens.push(retype(token, StringLiteral, `${token.image.endsWith('\\') ? token.image.slice(0, -1) : token.image}"`));
      continue;
    }
    if (token.tokenType === MalformedNumber) {
      // Kept as a number so that parsing goes on; the AST builder turns it into an invalid value.
      problems.push(malformedNumber(token));
      tokens.push(retype(token, NumberLiteral, token.image));
      continue;
    }
    if (token.tokenType === Minus) {
      const word = hyphenatedName(text, token.startOffset);
      const hyphenated = word?.text;
      const joined = hyphenated !== undefined && tagBlocks.at(-1) === true ? joinHyphenated(tokens, token, result.tokens[index + 1]) : undefined;
      if (joined !== undefined) {
        // A tag key such as `cost-center`: one name, hyphen kept (AWS allows `-` in tag keys).
        tokens[tokens.length - 1] = joined;
        index++;
        continue;
      }
      // `equals-ignore-case` is one mistake, not two.
      if (word === undefined || token.startOffset >= hyphenReportedUntil) problems.push({
        kind: 'invalid-character',
        start: token.startOffset,
        end: token.startOffset + 1,
        message: 'unexpected `-`',
        label: hyphenated === undefined ? 'a minus sign must be followed by a number, or `>` for an edge' : 'names do not contain `-`',
        help:
          hyphenated === undefined
            ? 'write an edge as `a -> b` and a negative number as `-1`'
            : `names are letters, digits and \`_\`: write \`${hyphenated.replaceAll('-', '_')}\``,
      });
      if (word !== undefined) hyphenReportedUntil = word.end;
      // `anything-but` reads on as `anything_but`, so that the one mistake costs one error.
      const before = tokens[tokens.length - 1];
      const after = result.tokens[index + 1];
      if (hyphenated !== undefined && before !== undefined && after !== undefined && isName(before) && isName(after) && before.startOffset + before.image.length === token.startOffset && after.startOffset === token.startOffset + 1) {
        tokens[tokens.length - 1] = createTokenInstance(Identifier, `${before.image}_${after.image}`, before.startOffset, after.startOffset + after.image.length - 1, NaN, NaN, NaN, NaN);
        index++;
      }
      continue;
    }
    tokens.push(token);
  }
  if (arrows.length > 0) {
    tokens.push(...arrows);
    tokens.sort((a, b) => a.startOffset - b.startOffset);
  }
  return { tokens: layout(tokens), problems };
}

/** The setting whose block takes hyphenated keys (compiler/settings/schema.ts `tags`). */
const TAGS_SETTING = 'tags';

/** `before-after` as one name, when the `-` joins the two names around it without spaces; else undefined. */
function joinHyphenated(tokens: readonly IToken[], minus: IToken, after: IToken | undefined): IToken | undefined {
  const before = tokens[tokens.length - 1];
  if (before === undefined || after === undefined || !isName(before) || !isName(after)) return undefined;
  if (before.startOffset + before.image.length !== minus.startOffset || after.startOffset !== minus.startOffset + 1) return undefined;
  return createTokenInstance(Identifier, `${before.image}-${after.image}`, before.startOffset, after.startOffset + after.image.length - 1, NaN, NaN, NaN, NaN);
}

/**
 * The word around a `-` written inside a name, as in `anything-but` or `detail-type` (the
 * EventBridge spellings of `anything_but` and `detail_type`); undefined when the `-` does not
 * join two words.
 */
function hyphenatedName(text: string, offset: number): { text: string; end: number } | undefined {
  const wordChar = /[A-Za-z0-9_]/;
  if (!wordChar.test(text[offset - 1] ?? '') || !/[A-Za-z_]/.test(text[offset + 1] ?? '')) return undefined;
  // Bounded, so that a file of `a-a-a-…` stays linear.
  const reach = 64;
  let start = offset;
  while (start > 0 && offset - start < reach && /[A-Za-z0-9_-]/.test(text[start - 1] ?? '')) start--;
  let end = offset + 1;
  while (end < text.length && end - offset < reach && /[A-Za-z0-9_-]/.test(text[end] ?? '')) end++;
  const word = text.slice(start, end);
  return /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z_][A-Za-z0-9_]*)+$/.test(word) ? { text: word, end } : undefined;
}

interface LexerError {
  readonly offset: number;
  readonly length: number;
}

/**
 * Tokens and lexical errors of the whole text, lexed a piece at a time so that counting can
 * stop at MAX_TOKENS before the rest is even looked at (`cutAt`: the offset of the first token
 * past the limit). Pieces end just after a line break, and no token spans a line break (a
 * string or comment ends at the end of its line, a line break is a token of its own), so the
 * tokens are exactly those of lexing the whole text at once. A text longer than MAX_TOKENS
 * characters is counted first, keeping nothing, so that a file over the limit is refused
 * without holding millions of tokens.
 */
function tokenizeBounded(text: string): { tokens: IToken[]; errors: LexerError[]; cutAt?: number } {
  if (text.length > MAX_TOKENS) {
    const counted = lexPieces(text, false);
    if (counted.cutAt !== undefined) return counted;
  }
  return lexPieces(text, true);
}

function lexPieces(text: string, keep: boolean): { tokens: IToken[]; errors: LexerError[]; cutAt?: number } {
  const tokens: IToken[] = [];
  const errors: LexerError[] = [];
  // A run of characters the language does not use counts as a token: a file of stray
  // characters must not cost more than a file of words.
  let counted = 0;
  for (let base = 0; base < text.length; ) {
    const newline = text.indexOf('\n', Math.min(base + CHUNK_LENGTH, text.length) - 1);
    const end = newline === -1 ? text.length : newline + 1;
    const before = tokens.length;
    const fast = keep ? fastTokenize(text, base, end, tokens)?.length : countTokens(text, base, end);
    if (fast !== undefined) {
      // The common case: a piece of words the fast path knows, offsets already right.
      const added = keep ? tokens.length - before : fast;
      if (counted + added > MAX_TOKENS) {
        const cut = keep ? (tokens[before + (MAX_TOKENS - counted)] as IToken).startOffset : cutOffset(text, base, end, MAX_TOKENS - counted);
        return { tokens, errors, cutAt: cut };
      }
      counted += added;
      base = end;
      continue;
    }
    tokens.length = before;
    const result = getLexer().tokenize(text.slice(base, end));
    // Tokens and errors in offset order, so the cut falls where the limit is reached.
    const items: (IToken | LexerError)[] = [...result.tokens, ...result.errors].sort((a, b) => at(a) - at(b));
    for (const item of items) {
      if (++counted > MAX_TOKENS) return { tokens, errors, cutAt: at(item) + base };
      if (!keep) continue;
      if ('offset' in item) {
        if (errors.length <= MAX_LEX_PROBLEMS) errors.push({ offset: item.offset + base, length: item.length });
        continue;
      }
      item.startOffset += base;
      tokens.push(item);
    }
    base = end;
  }
  return { tokens, errors };
}

/** The offset of token number `index` (0-based) of a piece the fast path knows. */
function cutOffset(text: string, from: number, to: number, index: number): number {
  const tokens = fastTokenize(text, from, to) ?? [];
  return tokens[index]?.startOffset ?? from;
}

function at(item: IToken | LexerError): number {
  return 'offset' in item ? item.offset : item.startOffset;
}

function malformedNumber(token: IToken): GrammarProblem {
  const image = token.image;
  const base = {
    kind: 'malformed-number' as const,
    start: token.startOffset,
    end: token.startOffset + image.length,
    label: 'not a number or a duration',
  };
  if (/^-\d+(ms|s|m|h|d)$/.test(image)) {
    return { ...base, message: `\`${image}\` is not a duration: durations cannot be negative`, help: `write \`${image.slice(1)}\`` };
  }
  const decimalDuration = /^(\d+)\.(\d+)(ms|s|m|h|d)$/.exec(image);
  if (decimalDuration) {
    return {
      ...base,
      message: `\`${image}\` is not a duration: durations are whole numbers of a unit`,
      help: `use a smaller unit, e.g. \`${smallerUnit(image)}\``,
    };
  }
  const unit = /^\d+([A-Za-z_]+)$/.exec(image)?.[1];
  if (unit !== undefined) {
    return {
      ...base,
      message: `\`${image}\` is not a duration: \`${unit}\` is not a unit`,
      help: 'durations are a whole number followed by `ms`, `s`, `m`, `h` or `d`, e.g. `500ms`, `30s`, `5m`, `1h`, `7d`',
    };
  }
  return {
    ...base,
    message: `\`${image}\` is not a number`,
    help: 'numbers are written like `10`, `-1` or `0.5`; durations like `30s`',
  };
}

function smallerUnit(image: string): string {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(image);
  if (!match) return '90s';
  const value = Number(match[1]);
  const factor: Record<string, [number, string]> = { d: [24, 'h'], h: [60, 'm'], m: [60, 's'], s: [1000, 'ms'], ms: [1, 'ms'] };
  const [times, unit] = factor[match[2] ?? 's'] ?? [1, 's'];
  return `${Math.round(value * times)}${unit}`;
}

function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 0x20 || code === 0x7f) return `(control character ${hex})`;
  return `\`${ch}\` (${hex})`;
}

function retype(token: IToken, type: TokenType, image: string): IToken {
  return createTokenInstance(type, image, token.startOffset, token.startOffset + token.image.length - 1, NaN, NaN, NaN, NaN);
}

/** Tokens after which a line break continues the statement (an operator or an opening bracket). */
const continuesAfter: ReadonlySet<TokenType> = new Set([LBrace, LBracket, LParen, LAngle, LessEquals, GreaterEquals, Comma, Arrow, Equals, Colon, Pipe, Dot, Question]);
/** Tokens before which a line break continues the statement (a closing bracket or an operator). */
const continuesBefore: ReadonlySet<TokenType> = new Set([RBrace, RBracket, RParen, RAngle, Arrow, Pipe, Comma]);

/**
 * Keeps only the line breaks that separate something: runs collapse to one, and a break
 * next to an operator or bracket is a continuation and disappears. So a chain may be broken
 * after or before `->`, a union before `|`, and a block's first and last breaks vanish,
 * while breaks between settings, fields and statements stay as separators.
 */
function layout(tokens: readonly IToken[]): IToken[] {
  const out: IToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as IToken;
    if (token.tokenType !== Newline) {
      out.push(token);
      continue;
    }
    const previous = out[out.length - 1];
    if (previous === undefined || previous.tokenType === Newline) continue;
    let next = tokens[i + 1];
    while (next !== undefined && next.tokenType === Newline) next = tokens[++i + 1];
    if (next === undefined || continuesBefore.has(next.tokenType)) continue;
    // A dangling operator does not swallow a line that plainly starts a declaration, nor a
    // dangling `->` a line that starts an edge (`a -> b`): the chain would run on into it.
    if (continuesAfter.has(previous.tokenType) && !startsDeclaration(tokens, i + 1) && !(previous.tokenType === Arrow && startsEdge(tokens, i + 1))) continue;
    out.push(token);
  }
  if (out[out.length - 1]?.tokenType === Newline) out.pop();
  return out;
}

export interface Statement {
  readonly rule: StatementRule;
  readonly tokens: readonly IToken[];
  /** Nested beyond MAX_NESTING_DEPTH: reported, and not parsed. */
  readonly tooDeep: boolean;
}

const openers: ReadonlySet<TokenType> = new Set([LBrace, LBracket, LParen]);
const closers: ReadonlySet<TokenType> = new Set([RBrace, RBracket, RParen]);
const declarationKeywordSet: ReadonlySet<TokenType> = new Set(declarationKeywords);

/**
 * Splits the token stream into statements at line breaks outside brackets. A line that
 * plainly starts a new statement (`queue q`, `fn f`, `a -> b`) also ends an unclosed block, so
 * a missing `}` costs one error, not the rest of the file.
 */
export function splitStatements(tokens: readonly IToken[], problems: GrammarProblem[]): Statement[] {
  const statements: Statement[] = [];
  let current: IToken[] = [];
  let depth = 0;
  let tooDeep = false;
  const flush = () => {
    if (current.length > 0) statements.push({ rule: statementRule(current), tokens: current, tooDeep });
    current = [];
    depth = 0;
    tooDeep = false;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as IToken;
    if (token.tokenType === Newline) {
      if (depth === 0 || startsStatement(tokens, i + 1)) flush();
      else current.push(token);
      continue;
    }
    if (openers.has(token.tokenType)) {
      depth++;
      if (depth > MAX_NESTING_DEPTH && !tooDeep) {
        tooDeep = true;
        problems.push({
          kind: 'too-deeply-nested',
          start: token.startOffset,
          end: token.startOffset + 1,
          message: `brackets are nested more than ${MAX_NESTING_DEPTH} deep`,
          label: `bracket number ${depth}`,
          help: 'give the inner parts names with `type` declarations',
        });
      }
    } else if (closers.has(token.tokenType)) {
      depth = Math.max(0, depth - 1);
    }
    current.push(token);
  }
  flush();
  return statements;
}

function startsDeclaration(tokens: readonly IToken[], index: number): boolean {
  const first = tokens[index];
  const second = tokens[index + 1];
  return first !== undefined && second !== undefined && declarationKeywordSet.has(first.tokenType) && isName(second);
}

function startsStatement(tokens: readonly IToken[], index: number): boolean {
  const first = tokens[index];
  const second = tokens[index + 1];
  if (first === undefined || second === undefined) return false;
  if (declarationKeywordSet.has(first.tokenType) && second.tokenType.CATEGORIES?.includes(Name)) return true;
  return startsEdge(tokens, index);
}

/** `a ->` or `a.port ->`. */
function startsEdge(tokens: readonly IToken[], index: number): boolean {
  const first = tokens[index];
  const second = tokens[index + 1];
  if (first === undefined || second === undefined) return false;
  return isName(first) && (second.tokenType === Arrow || (second.tokenType === Dot && tokens[index + 3]?.tokenType === Arrow));
}

function isName(token: IToken): boolean {
  return token.tokenType === Name || (token.tokenType.CATEGORIES?.includes(Name) ?? false);
}

const ruleOfKeyword = new Map<TokenType, StatementRule>([
  [App, 'appDecl'],
  [Stage, 'stageDecl'],
  [Type, 'typeDecl'],
  [Fn, 'fnDecl'],
  [Queue, 'resourceDecl'],
  [Topic, 'resourceDecl'],
  [Bus, 'resourceDecl'],
  [Stream, 'resourceDecl'],
  [Table, 'resourceDecl'],
  [Api, 'resourceDecl'],
  [Bucket, 'resourceDecl'],
  [Schedule, 'resourceDecl'],
]);

/** A keyword followed by `->` or `.` is a name used in an edge (keywords are contextual). */
function statementRule(tokens: readonly IToken[]): StatementRule {
  const first = tokens[0];
  const second = tokens[1]?.tokenType;
  const rule = first === undefined ? undefined : ruleOfKeyword.get(first.tokenType);
  if (rule !== undefined && second !== Arrow && second !== Dot) return rule;
  return 'chain';
}

export { isName };
