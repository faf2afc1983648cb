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

/** Tokens of `text` (skipped groups left out), or undefined where Chevrotain's lexer must take over. */
export function fastTokenize(text: string): IToken[] | undefined {
  const candidates = candidatesByFirstChar();
  const tokens: IToken[] = [];
  let offset = 0;
  outer: while (offset < text.length) {
    const list = candidates.get(text.charCodeAt(offset));
    if (list === undefined) return undefined;
    for (const candidate of list) {
      candidate.regex.lastIndex = offset;
      const match = candidate.regex.exec(text);
      if (match === null) continue;
      let image = match[0];
      let type = candidate.type;
      const longer = candidate.longerAlt;
      if (longer) {
        longer.regex.lastIndex = offset;
        const longerMatch = longer.regex.exec(text);
        if (longerMatch && longerMatch[0].length > image.length) {
          image = longerMatch[0];
          type = longer.type;
        }
      }
      if (!candidate.skipped) {
        tokens.push({
          image,
          startOffset: offset,
          tokenTypeIdx: type.tokenTypeIdx as number,
          tokenType: type,
          endOffset: offset + image.length - 1,
        } as IToken);
      }
      offset += image.length;
      continue outer;
    }
    return undefined;
  }
  return tokens;
}
