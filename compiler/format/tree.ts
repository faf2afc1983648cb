import type { IToken } from '../../grammar/index.js';

/**
 * A statement as the formatter sees it: tokens and bracketed groups, each group a list of
 * items (what its `,` or line-break separators divide). The separators are not kept: the
 * printer writes its own. Tokens are numbered in file order (`index`), the numbering of the
 * trivia.
 */
export type Node = TokenNode | GroupNode;

export interface TokenNode {
  readonly kind: 'token';
  readonly index: number;
}

export interface GroupNode {
  readonly kind: 'group';
  readonly open: number;
  readonly close: number;
  readonly items: readonly (readonly Node[])[];
}

const openers = new Set(['LBrace', 'LBracket', 'LParen']);
const closers = new Set(['RBrace', 'RBracket', 'RParen']);
const separators = new Set(['Comma', 'Newline']);

interface OpenGroup {
  readonly open: number;
  readonly items: Node[][];
  current: Node[];
}

/**
 * The nodes of one statement. Its printed tokens (every token but the separators) are
 * appended to `printed`, which numbers them. The statement parsed without error, so its
 * brackets match.
 */
export function statementTree(tokens: readonly IToken[], printed: IToken[]): Node[] {
  const top: Node[] = [];
  const stack: OpenGroup[] = [];
  const currentItem = () => (stack.length === 0 ? top : (stack[stack.length - 1] as OpenGroup).current);
  for (const token of tokens) {
    const type = token.tokenType.name;
    const open = stack[stack.length - 1];
    if (separators.has(type) && open !== undefined) {
      if (open.current.length > 0) open.items.push(open.current);
      open.current = [];
      continue;
    }
    const index = printed.length;
    printed.push(token);
    if (openers.has(type)) {
      stack.push({ open: index, items: [], current: [] });
      continue;
    }
    if (closers.has(type) && open !== undefined) {
      stack.pop();
      if (open.current.length > 0) open.items.push(open.current);
      currentItem().push({ kind: 'group', open: open.open, close: index, items: open.items });
      continue;
    }
    currentItem().push({ kind: 'token', index });
  }
  return top;
}

export function firstToken(node: Node): number {
  return node.kind === 'token' ? node.index : node.open;
}

export function lastToken(node: Node): number {
  return node.kind === 'token' ? node.index : node.close;
}
