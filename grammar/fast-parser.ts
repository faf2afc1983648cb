import type { CstNode, IToken, TokenType } from 'chevrotain';
import type { StatementRule } from './parser.js';
import {
  App,
  Arrow,
  Api,
  Bucket,
  Bus,
  Colon,
  Comma,
  Duration,
  Dot,
  Equals,
  Fn,
  GreaterEquals,
  LAngle,
  LBrace,
  LBracket,
  LessEquals,
  LParen,
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
  Stream,
  StringLiteral,
  Table,
  Schedule,
  Topic,
  Type,
} from './tokens.js';

/**
 * A hand-written recursive-descent recognizer for the grammar of `parser.ts`, used first on
 * every statement: it builds exactly the CST that the Chevrotain parser builds, or gives up
 * (returns undefined) at the first token it does not expect. Only then is the Chevrotain
 * parser constructed and run, for its error recovery and messages. Valid files therefore
 * never pay for Chevrotain's grammar analysis at start-up (about 12 ms).
 *
 * The two must agree: test/grammar/fast-parser.test.ts compares their CSTs on every example,
 * every documented program and thousands of generated ones. Any change to parser.ts needs the
 * same change here.
 */
export function fastParse(rule: StatementRule, tokens: readonly IToken[]): CstNode | undefined {
  const parser = new FastParser(tokens);
  try {
    const cst = parser[rule]();
    return parser.atEnd() ? cst : undefined;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

const GIVE_UP = Symbol('give up');

const comparisonOperators: readonly TokenType[] = [RAngle, GreaterEquals, LAngle, LessEquals, Equals];
const resourceKeywords: readonly TokenType[] = [Queue, Topic, Bus, Stream, Table, Api, Bucket, Schedule];

function isA(token: IToken | undefined, type: TokenType): boolean {
  if (token === undefined) return false;
  return token.tokenType === type || (token.tokenType.CATEGORIES?.includes(type) ?? false);
}

class Node {
  readonly children: Record<string, (IToken | CstNode)[]> = {};
  readonly location = { startOffset: NaN, endOffset: NaN };
  constructor(readonly name: string) {}

  add(key: string, child: CstNode): void {
    this.push(key, child, child.location?.startOffset ?? NaN, child.location?.endOffset ?? NaN);
  }

  addToken(key: string, token: IToken): void {
    this.push(key, token, token.startOffset, token.endOffset ?? NaN);
  }

  private push(key: string, child: IToken | CstNode, start: number, end: number): void {
    const list = this.children[key];
    if (list) list.push(child);
    else this.children[key] = [child];
    if (Number.isNaN(this.location.startOffset)) {
      this.location.startOffset = start;
      this.location.endOffset = end;
    } else if (this.location.endOffset < end) {
      this.location.endOffset = end;
    }
  }
}

class FastParser {
  #position = 0;

  constructor(private readonly tokens: readonly IToken[]) {}

  atEnd(): boolean {
    return this.#position === this.tokens.length;
  }

  private peek(offset = 0): IToken | undefined {
    return this.tokens[this.#position + offset];
  }

  private is(type: TokenType, offset = 0): boolean {
    return isA(this.peek(offset), type);
  }

  private consume(node: Node, type: TokenType, key: string = type.name): void {
    const token = this.peek();
    if (!isA(token, type)) throw GIVE_UP;
    node.addToken(key, token as IToken);
    this.#position++;
  }

  appDecl(): CstNode {
    const node = new Node('appDecl');
    this.consume(node, App);
    this.consume(node, Name);
    if (this.is(LBrace)) node.add('settingsBlock', this.settingsBlock());
    return node;
  }

  stageDecl(): CstNode {
    const node = new Node('stageDecl');
    this.consume(node, Stage);
    this.consume(node, Name);
    if (this.is(LBrace)) node.add('settingsBlock', this.settingsBlock());
    return node;
  }

  typeDecl(): CstNode {
    const node = new Node('typeDecl');
    this.consume(node, Type);
    this.consume(node, Name);
    this.consume(node, Equals);
    node.add('typeExpr', this.typeExpr());
    return node;
  }

  fnDecl(): CstNode {
    const node = new Node('fnDecl');
    this.consume(node, Fn);
    this.consume(node, Name);
    if (this.is(LParen)) {
      this.consume(node, LParen);
      node.add('input', this.typeExpr());
      this.consume(node, RParen);
    }
    if (this.is(Arrow)) {
      this.consume(node, Arrow);
      node.add('output', this.typeExpr());
    }
    if (this.is(LBrace)) node.add('settingsBlock', this.settingsBlock());
    return node;
  }

  resourceDecl(): CstNode {
    const node = new Node('resourceDecl');
    const keyword = this.peek()?.tokenType;
    if (keyword === undefined || !resourceKeywords.includes(keyword)) throw GIVE_UP;
    this.consume(node, keyword);
    this.consume(node, Name);
    if (this.is(Colon)) {
      this.consume(node, Colon);
      node.add('typeExpr', this.typeExpr());
    }
    if (this.is(LBrace)) node.add('settingsBlock', this.settingsBlock());
    return node;
  }

  chain(): CstNode {
    const node = new Node('chain');
    node.add('endpoint', this.endpoint());
    if (!this.is(Arrow)) throw GIVE_UP;
    while (this.is(Arrow)) {
      this.consume(node, Arrow);
      node.add('endpoint', this.endpoint());
      if (this.is(LBrace)) node.add('settingsBlock', this.settingsBlock());
    }
    return node;
  }

  endpoint(): CstNode {
    const node = new Node('endpoint');
    this.consume(node, Name);
    if (this.is(Dot)) {
      this.consume(node, Dot);
      this.consume(node, Name);
    }
    return node;
  }

  settingsBlock(): CstNode {
    const node = new Node('settingsBlock');
    this.consume(node, LBrace);
    if (this.is(Name) || this.is(StringLiteral)) {
      node.add('setting', this.setting());
      this.separatedTail(node, 'setting', this.startsSetting, this.setting);
    }
    this.consume(node, RBrace);
    return node;
  }

  setting(): CstNode {
    const node = new Node('setting');
    this.consume(node, this.is(StringLiteral) ? StringLiteral : Name);
    if (this.is(Equals)) {
      this.consume(node, Equals);
      node.add('value', this.value());
    } else if (this.is(LBrace)) {
      node.add('settingsBlock', this.settingsBlock());
    } else if (this.is(LParen)) {
      node.add('arguments', this.arguments());
    } else {
      throw GIVE_UP;
    }
    return node;
  }

  value(): CstNode {
    const node = new Node('value');
    if (this.is(StringLiteral)) this.consume(node, StringLiteral);
    else if (this.is(NumberLiteral)) this.consume(node, NumberLiteral);
    else if (this.is(Duration)) this.consume(node, Duration);
    else if (this.is(Name)) node.add('path', this.path());
    else if (this.is(LBracket)) node.add('list', this.list());
    else if (this.is(LBrace)) node.add('settingsBlock', this.settingsBlock());
    else throw GIVE_UP;
    return node;
  }

  path(): CstNode {
    const node = new Node('path');
    this.consume(node, Name);
    while (this.is(Dot)) {
      this.consume(node, Dot);
      this.consume(node, Name);
    }
    if (this.is(LParen)) node.add('arguments', this.arguments());
    return node;
  }

  arguments(): CstNode {
    const node = new Node('arguments');
    this.consume(node, LParen);
    if (this.startsArgument()) {
      node.add('argument', this.argument());
      this.separatedTail(node, 'argument', this.startsArgument, this.argument);
    }
    this.consume(node, RParen);
    return node;
  }

  argument(): CstNode {
    const node = new Node('argument');
    if (this.startsComparison()) node.add('comparison', this.comparison());
    else node.add('value', this.value());
    return node;
  }

  comparison(): CstNode {
    const node = new Node('comparison');
    const operator = comparisonOperators.find((type) => this.is(type));
    if (operator === undefined) throw GIVE_UP;
    this.consume(node, operator);
    this.consume(node, NumberLiteral);
    return node;
  }

  list(): CstNode {
    const node = new Node('list');
    this.consume(node, LBracket);
    if (this.startsValue()) {
      node.add('value', this.value());
      this.separatedTail(node, 'value', this.startsValue, this.value);
    }
    this.consume(node, RBracket);
    return node;
  }

  typeExpr(): CstNode {
    const node = new Node('typeExpr');
    if (this.is(Pipe)) this.consume(node, Pipe);
    node.add('unionMember', this.unionMember());
    while (this.is(Pipe)) {
      this.consume(node, Pipe);
      node.add('unionMember', this.unionMember());
    }
    return node;
  }

  unionMember(): CstNode {
    const node = new Node('unionMember');
    node.add('primaryType', this.primaryType());
    while (this.is(LBracket)) {
      this.consume(node, LBracket);
      this.consume(node, RBracket);
    }
    return node;
  }

  primaryType(): CstNode {
    const node = new Node('primaryType');
    if (this.is(Name)) {
      this.consume(node, Name);
      if (this.is(LAngle)) {
        this.consume(node, LAngle);
        this.consume(node, Name);
        this.consume(node, RAngle);
      }
    } else if (this.is(StringLiteral)) {
      this.consume(node, StringLiteral);
    } else if (this.is(LBrace)) {
      node.add('recordType', this.recordType());
    } else if (this.is(LParen)) {
      this.consume(node, LParen);
      node.add('typeExpr', this.typeExpr());
      this.consume(node, RParen);
    } else {
      throw GIVE_UP;
    }
    return node;
  }

  recordType(): CstNode {
    const node = new Node('recordType');
    this.consume(node, LBrace);
    if (this.is(Name)) {
      node.add('field', this.field());
      this.separatedTail(node, 'field', this.startsField, this.field);
    }
    this.consume(node, RBrace);
    return node;
  }

  field(): CstNode {
    const node = new Node('field');
    this.consume(node, Name);
    if (this.is(Question)) this.consume(node, Question);
    this.consume(node, Colon);
    node.add('typeExpr', this.typeExpr());
    return node;
  }

  /**
   * `( ("," | newline) item? )*`, as in the settings block, list and record rules. Takes the
   * parser's own methods, called on it, so a statement's parse allocates no closures.
   */
  private separatedTail(node: Node, key: string, startsItem: (this: FastParser) => boolean, item: (this: FastParser) => CstNode): void {
    while (this.is(Comma) || this.is(Newline)) {
      this.consume(node, this.is(Comma) ? Comma : Newline);
      if (startsItem.call(this)) node.add(key, item.call(this));
    }
  }

  private startsSetting(): boolean {
    return this.is(Name) || this.is(StringLiteral);
  }

  private startsField(): boolean {
    return this.is(Name);
  }

  private startsComparison(): boolean {
    return comparisonOperators.some((type) => this.is(type));
  }

  private startsArgument(): boolean {
    return this.startsComparison() || this.startsValue();
  }

  private startsValue(): boolean {
    return this.is(StringLiteral) || this.is(NumberLiteral) || this.is(Duration) || this.is(Name) || this.is(LBracket) || this.is(LBrace);
  }
}
