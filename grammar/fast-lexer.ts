import { type IToken, Lexer, type TokenType } from 'chevrotain';
import { allTokens } from './tokens.js';

/**
 * The lexer's fast path: the same token patterns, tried in the same order as Chevrotain's
 * lexer (longest alternative for keywords included), dispatched on the first character. It
 * exists because constructing Chevrotain's lexer analyses every pattern, a cost paid on each
 * run of the CLI; this needs no analysis. On the first character no pattern matches it gives
 * up, and the caller runs the Chevrotain lexer, which reports the error.
 * test/grammar/fast-parser.test.ts checks that both produce identical tokens.
 */
interface Candidate {
  readonly type: TokenType;
  readonly regex: RegExp;
  readonly skipped: boolean;
  readonly longerAlt: Candidate | undefined;
}

let table: Map<number, Candidate[]> | undefined;

function candidatesByFirstChar(): Map<number, Candidate[]> {
  if (table) return table;
  const byType = new Map<TokenType, Candidate>();
  const make = (type: TokenType): Candidate => {
    const existing = byType.get(type);
    if (existing) return existing;
    const pattern = type.PATTERN as RegExp;
    const longer = type.LONGER_ALT as TokenType | undefined;
    const candidate: Candidate = {
      type,
      regex: new RegExp(pattern.source, 'y'),
      skipped: type.GROUP === Lexer.SKIPPED,
      longerAlt: longer ? make(longer) : undefined,
    };
    byType.set(type, candidate);
    return candidate;
  };
  table = new Map();
  for (const type of allTokens) {
    if (!(type.PATTERN instanceof RegExp)) continue;
    const candidate = make(type);
    for (const ch of type.START_CHARS_HINT ?? []) {
      const code = typeof ch === 'number' ? ch : ch.charCodeAt(0);
      const list = table.get(code);
      if (list) list.push(candidate);
      else table.set(code, [candidate]);
    }
  }
  return table;
}

/** The token `matchAt` found: filled in place, one per lexing run, so that a token costs no match object. */
interface Match {
  type: TokenType;
  end: number;
  skipped: boolean;
}

/**
 * Whether a token starts at `offset`, and then its type, end and whether it is skipped, in
 * `match`. `test` rather than `exec`: the sticky regex's `lastIndex` is the token's end, so no
 * match array is made for each token.
 */
function matchAt(text: string, offset: number, candidates: Map<number, Candidate[]>, match: Match): boolean {
  const list = candidates.get(text.charCodeAt(offset));
  if (list === undefined) return false;
  for (const candidate of list) {
    candidate.regex.lastIndex = offset;
    if (!candidate.regex.test(text)) continue;
    match.type = candidate.type;
    match.end = candidate.regex.lastIndex;
    match.skipped = candidate.skipped;
    const longer = candidate.longerAlt;
    if (longer) {
      longer.regex.lastIndex = offset;
      if (longer.regex.test(text) && longer.regex.lastIndex > match.end) {
        match.type = longer.type;
        match.end = longer.regex.lastIndex;
      }
    }
    return true;
  }
  return false;
}

function newMatch(): Match {
  return { type: allTokens[0] as TokenType, end: 0, skipped: false };
}

/**
 * Tokens of `text` (skipped groups left out), or undefined where Chevrotain's lexer must take
 * over. With `from` and `to`, only that part of the text is lexed (it must not cut a token),
 * and the tokens are appended to `tokens`; on undefined some may have been appended already.
 */
export function fastTokenize(text: string, from = 0, to = text.length, tokens: IToken[] = []): IToken[] | undefined {
  const candidates = candidatesByFirstChar();
  const match = newMatch();
  for (let offset = from; offset < to; offset = match.end) {
    if (!matchAt(text, offset, candidates, match)) return undefined;
    if (!match.skipped) {
      tokens.push({
        image: text.slice(offset, match.end),
        startOffset: offset,
        tokenTypeIdx: match.type.tokenTypeIdx as number,
        tokenType: match.type,
        endOffset: match.end - 1,
      } as IToken);
    }
  }
  return tokens;
}

/**
 * How many tokens `text[from, to)` has, without making them, or undefined where Chevrotain's
 * lexer must take over: for a file so long that it may be over the token limit, the count
 * comes before any memory is spent on tokens.
 */
export function countTokens(text: string, from = 0, to = text.length): number | undefined {
  const candidates = candidatesByFirstChar();
  const match = newMatch();
  let count = 0;
  for (let offset = from; offset < to; offset = match.end) {
    if (!matchAt(text, offset, candidates, match)) return undefined;
    if (!match.skipped) count++;
  }
  return count;
}
