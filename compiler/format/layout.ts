import type { IToken, StatementRule } from '../../grammar/index.js';
import { breakParent, type Doc, entryEnd, group, hardline, ifBreak, indent, line, lineSuffix, mark, softline } from './doc.js';
import { firstToken, type GroupNode, lastToken, type Node } from './tree.js';
import type { Trivia } from './trivia.js';

/**
 * The canonical layout of a statement, as a document (docs/fmt.md describes it):
 * - one space between tokens, none around `.`, inside `(…)`, `[…]` and `<…>`, before `:`,
 *   `?` and `,`, and between a name and the `(`, `[` or `<` that follows it;
 * - a bracketed group is flat (`{ a = 1, b = 2 }`, `[a, b]`) when it fits on its line, and
 *   broken otherwise, one item per line, indented by two, without commas; a `{…}` block
 *   written with a line break after its `{`, or holding a comment or a blank line between
 *   items, is always broken;
 * - a chain that does not fit breaks before each `->` after its first edge;
 * - a union type that does not fit breaks before each `|`;
 * - a comment stays where it was: after the token it followed on its line, or on a line of
 *   its own before the next token; a blank line between items of a block is kept (one).
 */
export class Layout {
  private entries = 0;

  constructor(
    private readonly tokens: readonly IToken[],
    private readonly trivia: readonly Trivia[],
  ) {}

  statement(rule: StatementRule, nodes: readonly Node[]): Doc {
    if (rule === 'chain') return this.chain(nodes);
    if (rule === 'typeDecl') return this.typeDecl(nodes);
    return this.sequence(nodes);
  }

  /** `a -> b { … } -> c`: the first edge on the statement's line, the rest broken as one. */
  private chain(nodes: readonly Node[]): Doc {
    const segments: Node[][] = [[]];
    for (const node of nodes) {
      if (node.kind === 'token' && this.type(node.index) === 'Arrow') segments.push([]);
      (segments[segments.length - 1] as Node[]).push(node);
    }
    const [head = [], first = [], ...rest] = segments;
    const entry = this.entries++;
    const tail = rest.map((segment) => [this.boundary(firstToken(segment[0] as Node), line, false), this.sequence(segment)]);
    return [
      this.sequence(head),
      mark('chain', entry),
      this.boundary(firstToken(first[0] as Node), ' '),
      this.sequence(first),
      group(indent(tail), { isolated: true }),
      entryEnd(entry),
    ];
  }

  /** `type T = A | B`: `=` aligned with the neighbouring declarations' `=`, a long union broken before each `|`. */
  private typeDecl(nodes: readonly Node[]): Doc {
    const equals = nodes.findIndex((n) => n.kind === 'token' && this.type(n.index) === 'Equals');
    if (equals < 0 || equals + 1 >= nodes.length) return this.sequence(nodes);
    const entry = this.entries++;
    const members: Node[][] = [[]];
    for (const node of nodes.slice(equals + 1)) {
      if (node.kind === 'token' && this.type(node.index) === 'Pipe') members.push([]);
      (members[members.length - 1] as Node[]).push(node);
    }
    const [firstMember = [], ...others] = members;
    const equalsNode = nodes[equals] as Node;
    const rest = others.map((member) => [this.boundary(firstToken(member[0] as Node), line, false), this.sequence(member)]);
    const head = firstMember.length === 0 ? [] : [this.boundary(firstToken(firstMember[0] as Node), ' '), this.sequence(firstMember)];
    return [
      this.sequence(nodes.slice(0, equals)),
      mark('type', entry),
      this.boundary(firstToken(equalsNode), ' '),
      this.node(equalsNode),
      group([...head, indent(rest)], { isolated: true }),
      entryEnd(entry),
    ];
  }

  /** Nodes one after another, spaced by `spaceBetween`, with the comments between them. */
  private sequence(nodes: readonly Node[]): Doc {
    const parts: Doc[] = [];
    nodes.forEach((node, k) => {
      if (k > 0) parts.push(this.boundary(firstToken(node), this.spaceBetween(lastToken(nodes[k - 1] as Node), firstToken(node))));
      parts.push(this.node(node));
    });
    return parts;
  }

  private node(node: Node): Doc {
    return node.kind === 'token' ? this.image(node.index) : this.group(node);
  }

  /** `{…}`, `[…]` or `(…)`: flat when it fits, else one item per line. */
  private group(node: GroupNode): Doc {
    const braces = this.type(node.open) === 'LBrace';
    const pad = braces ? line : softline;
    const closing = this.trivia[node.close] as Trivia;
    if (node.items.length === 0 && closing.comments.length === 0) return [this.image(node.open), this.image(node.close)];
    const body: Doc[] = [];
    node.items.forEach((item, k) => {
      const trivia = this.trivia[firstToken(item[0] as Node)] as Trivia;
      if (k > 0) body.push(ifBreak('', ','));
      body.push(this.trailingComment(trivia));
      body.push(k === 0 ? pad : line);
      const own = trivia.comments.filter((c) => !c.trailing);
      own.forEach((comment, m) => {
        if (comment.blankBefore && (k > 0 || m > 0)) body.push(hardline);
        body.push(comment.text, hardline);
      });
      if (trivia.blankBefore && (k > 0 || own.length > 0)) body.push(hardline);
      body.push(this.item(item, braces));
    });
    body.push(this.trailingComment(closing));
    closing.comments
      .filter((c) => !c.trailing)
      .forEach((comment, m) => body.push(m === 0 && node.items.length === 0 ? pad : hardline, comment.text));
    // A `{` followed by a line break in the source: the writer laid the block out one setting a line.
    const broken = braces && (this.trivia[node.open + 1] as Trivia).newline;
    return group([this.image(node.open), indent(body), pad, this.image(node.close)], { broken });
  }

  /** An item of a group; a setting `name = value` (or a quoted tag key `"key" = value`) of a broken block aligns its `=`. */
  private item(item: readonly Node[], braces: boolean): Doc {
    const [name, equals] = item;
    const setting =
      braces && name?.kind === 'token' && equals?.kind === 'token' && this.type(equals.index) === 'Equals' && (isName(this.tokens[name.index] as IToken) || this.type(name.index) === 'StringLiteral');
    if (!setting) return this.sequence(item);
    const entry = this.entries++;
    return [this.node(name), ifBreak(mark('setting', entry)), this.boundary(equals.index, ' '), this.sequence(item.slice(1)), entryEnd(entry)];
  }

  private trailingComment(trivia: Trivia): Doc {
    const first = trivia.comments[0];
    return first?.trailing === true ? [lineSuffix(first.text), breakParent] : '';
  }

  /**
   * What comes between two tokens: `normal` (a space, nothing or a line), or, when comments
   * come between them, the comment that trails the first token and a line break, then each
   * comment on a line of its own. The source had a line break there, so one here keeps the
   * statement the same. The lines after the break are a continuation, indented by two unless
   * `normal` is a line of an indented layout already.
   */
  private boundary(index: number, normal: Doc, continuation = true): Doc {
    const trivia = this.trivia[index] as Trivia;
    if (trivia.comments.length === 0) return normal;
    const parts: Doc[] = [this.trailingComment(trivia), hardline];
    for (const comment of trivia.comments) if (!comment.trailing) parts.push(comment.text, hardline);
    return continuation ? indent(parts) : parts;
  }

  private spaceBetween(a: number, b: number): '' | ' ' {
    const before = this.type(a);
    const after = this.type(b);
    if (after === 'Dot' || after === 'Question' || after === 'Colon' || after === 'RParen' || after === 'RBracket') return '';
    if (before === 'Dot' || before === 'LParen' || before === 'LBracket') return '';
    const nameBefore = isName(this.tokens[a] as IToken);
    if (before === 'LAngle' && isName(this.tokens[b] as IToken)) return '';
    if (nameBefore && (after === 'LAngle' || after === 'RAngle' || after === 'LParen')) return '';
    if (after === 'LBracket' && (nameBefore || before === 'RBracket' || before === 'RParen' || before === 'RBrace' || before === 'RAngle' || before === 'StringLiteral')) return '';
    return ' ';
  }

  private type(index: number): string {
    return (this.tokens[index] as IToken).tokenType.name;
  }

  private image(index: number): string {
    return (this.tokens[index] as IToken).image;
  }
}

function isName(token: IToken): boolean {
  const name = token.tokenType.name;
  return name === 'Identifier' || name.startsWith('Kw_');
}
