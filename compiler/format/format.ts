import { type GrammarProblem, type IToken, parseFlow, type StatementRule } from '../../grammar/index.js';
import { alignLines } from './align.js';
import { type Doc, hardline, lineSuffix, print, propagateBreaks } from './doc.js';
import { Layout } from './layout.js';
import { firstToken, type Node, statementTree } from './tree.js';
import { scanGap, type Trivia } from './trivia.js';

export type FormatResult =
  | { readonly ok: true; readonly text: string; readonly shape: readonly string[]; readonly comments: readonly string[] }
  /** The text has syntax errors: formatting it could change what it means. */
  | { readonly ok: false; readonly problems: readonly GrammarProblem[] };

/**
 * `flowc fmt`'s formatter: the one canonical layout of a .flow text (docs/fmt.md), from its
 * tokens, with every comment where it was. Pure, and refuses a text with syntax errors.
 * Idempotent, and the result has the same tokens (but for `,` separators), the same comments
 * in the same order and so the same meaning (test/format/properties.test.ts).
 */
export function formatFlow(text: string): FormatResult {
  const read = readStatements(text);
  if (read.problems.length > 0) return { ok: false, problems: read.problems };
  const { statements, printed } = read;
  const trivia: Trivia[] = printed.map((token, k) => {
    const previous = printed[k - 1];
    return scanGap(text, previous === undefined ? 0 : previous.startOffset + previous.image.length, token.startOffset, k === 0);
  });
  const last = printed[printed.length - 1];
  const end = scanGap(text, last === undefined ? 0 : last.startOffset + last.image.length, text.length, last === undefined);
  const layout = new Layout(printed, trivia);
  const parts: Doc[] = [];
  statements.forEach((statement, s) => {
    const first = trivia[firstToken(statement.nodes[0] as Node)] as Trivia;
    if (s > 0) {
      const trailing = first.comments[0];
      if (trailing?.trailing === true) parts.push(lineSuffix(trailing.text));
      parts.push(hardline);
    }
    const own = first.comments.filter((c) => !c.trailing);
    own.forEach((comment, m) => {
      if (comment.blankBefore && (s > 0 || m > 0)) parts.push(hardline);
      parts.push(comment.text, hardline);
    });
    if (first.blankBefore && (s > 0 || own.length > 0)) parts.push(hardline);
    parts.push(layout.statement(statement.rule, statement.nodes));
  });
  const trailing = end.comments[0];
  if (trailing?.trailing === true) parts.push(lineSuffix(trailing.text));
  end.comments
    .filter((c) => !c.trailing)
    .forEach((comment, m) => {
      if (statements.length > 0 || m > 0) parts.push(hardline);
      if (comment.blankBefore && (statements.length > 0 || m > 0)) parts.push(hardline);
      parts.push(comment.text);
    });
  const shape = statements.map((statement) => shapeOf(statement, printed));
  const comments = [...trivia.flatMap((t) => t.comments), ...end.comments].map((c) => c.text);
  if (statements.length === 0 && end.comments.length === 0) return { ok: true, text: '', shape, comments };
  propagateBreaks(parts);
  return { ok: true, text: `${alignLines(print(parts))}\n`, shape, comments };
}

/**
 * Checks that a formatted text means what its original meant, from the formatter's own
 * result and the formatted text parsed again: no syntax error, the same statements made of
 * the same tokens in the same groups and items, and the same comments in the same order.
 * Undefined when it does; otherwise what differs. `flowc fmt` writes nothing that fails it.
 */
export function formattingChanged(original: Extract<FormatResult, { ok: true }>): string | undefined {
  const again = formatFlow(original.text);
  if (!again.ok) return `the formatted text has a syntax error: ${again.problems[0]?.message ?? ''}`;
  if (again.shape.length !== original.shape.length) return `the formatted text has ${again.shape.length} statements, the original ${original.shape.length}`;
  const changed = again.shape.findIndex((shape, k) => shape !== original.shape[k]);
  if (changed >= 0) return `statement ${changed + 1} reads differently once formatted`;
  if (again.comments.join('\n') !== original.comments.join('\n')) return 'the formatted text does not have the same comments';
  if (again.text !== original.text) return 'formatting the formatted text changes it again';
  return undefined;
}

interface ReadStatements {
  readonly statements: { rule: StatementRule; nodes: Node[] }[];
  /** The printed tokens (all but separators), numbered in file order. */
  readonly printed: IToken[];
  readonly problems: readonly GrammarProblem[];
}

function readStatements(text: string): ReadStatements {
  const statements: { rule: StatementRule; nodes: Node[] }[] = [];
  const printed: IToken[] = [];
  const { problems } = parseFlow(text, (statement) => {
    statements.push({ rule: statement.rule, nodes: statementTree(statement.tokens, printed) });
  });
  return { statements, printed, problems };
}

/** A statement's kind, tokens and grouping in one string: equal shapes mean equal statements. */
function shapeOf(statement: { rule: StatementRule; nodes: readonly Node[] }, printed: readonly IToken[]): string {
  const of = (node: Node): string =>
    node.kind === 'token'
      ? (printed[node.index] as IToken).image
      : `${(printed[node.open] as IToken).image}${node.items.map((item) => item.map(of).join(' ')).join(' , ')}${(printed[node.close] as IToken).image}`;
  return `${statement.rule}: ${statement.nodes.map(of).join(' ')}`;
}
