import type { IToken, StatementRule } from '../../grammar/index.js';
import type { Statement } from './ast.js';

/**
 * The statements of the last parse, by their place and text: `flowc watch` parses a file again
 * after every edit, and most of its statements are as they were. Statements are parsed one by
 * one (ARCHITECTURE.md, "Parsing per statement"), so a statement with the same rule and text
 * at the same offset has the AST it had (spans included), and is not parsed again. Only
 * statements that parsed without a problem or a diagnostic are kept: the others are parsed
 * again, to report again.
 *
 * A statement that moved (an edit before it changed the length of the text) is parsed again:
 * copying its AST with its spans moved was measured to cost as much as parsing it
 * (docs/performance.md). Nodes are shared by several compiles, so a phase that keeps results
 * per node must tell the compiles apart (resolve/pattern.ts).
 *
 * Each parse keeps only what it saw (the hits and the new statements), so the cache holds one
 * file's statements and never grows.
 */
export class StatementCache {
  private previous = new Map<string, Statement>();
  private current = new Map<string, Statement>();

  /** The AST of an unchanged statement; undefined when it is new or moved. */
  take(text: string, rule: StatementRule, tokens: readonly IToken[]): Statement | undefined {
    const key = keyOf(text, rule, tokens);
    const statement = key === undefined ? undefined : this.previous.get(key);
    if (key !== undefined && statement !== undefined) this.current.set(key, statement);
    return statement;
  }

  /** Keeps a statement that parsed cleanly, for the next parse. */
  keep(text: string, rule: StatementRule, tokens: readonly IToken[], statement: Statement): void {
    const key = keyOf(text, rule, tokens);
    if (key !== undefined) this.current.set(key, statement);
  }

  /** Ends a parse: what it did not see is dropped. */
  endParse(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/** The rule, the offset of the first token, the token count and the text from the first token to the end of the last. */
function keyOf(text: string, rule: StatementRule, tokens: readonly IToken[]): string | undefined {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (first === undefined || last === undefined || Number.isNaN(first.startOffset) || Number.isNaN(last.startOffset)) return undefined;
  return `${rule} ${first.startOffset} ${tokens.length}\n${text.slice(first.startOffset, last.startOffset + last.image.length)}`;
}
