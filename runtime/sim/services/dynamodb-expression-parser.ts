/**
 * The expression languages of the DynamoDB API, parsed into small trees: condition expressions
 * (also filter and key condition expressions, which are conditions of a restricted shape),
 * update expressions and projection expressions. The grammar and the precedence are AWS's:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 * (comparators, IN, BETWEEN and the functions bind tightest, then NOT, then AND, then OR) and
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
 * (SET, REMOVE, ADD, DELETE, each at most once). Names (`#n`) and values (`:v`) are resolved
 * while parsing, and every placeholder used is recorded, so the caller can refuse unused ones as
 * DynamoDB does. Keywords are case-insensitive; function names are not.
 */
import { AwsServiceError } from '../errors.js';

/** An attribute value in its plain form (what `unmarshall` gives). */
export type Value = string | number | boolean | null | Uint8Array | ReadonlySet<string> | ReadonlySet<number> | readonly Value[] | { readonly [name: string]: Value };

/** A document path: attribute names and list indexes (`a.b[2].c`). */
export type Path = readonly (string | number)[];

export type Operand =
  | { readonly kind: 'path'; readonly path: Path }
  | { readonly kind: 'value'; readonly value: Value }
  | { readonly kind: 'size'; readonly path: Path };

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { readonly kind: 'compare'; readonly op: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly operand: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: 'in'; readonly operand: Operand; readonly list: readonly Operand[] }
  | { readonly kind: 'exists'; readonly path: Path; readonly negated: boolean }
  | { readonly kind: 'type'; readonly path: Path; readonly type: Operand }
  | { readonly kind: 'begins'; readonly path: Path; readonly prefix: Operand }
  | { readonly kind: 'contains'; readonly path: Path; readonly operand: Operand }
  | { readonly kind: 'not'; readonly condition: Condition }
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition };

/** The right-hand side of a SET action. */
export type SetValue =
  | { readonly kind: 'operand'; readonly operand: Operand }
  | { readonly kind: 'if_not_exists'; readonly path: Path; readonly fallback: SetValue }
  | { readonly kind: 'list_append'; readonly first: SetValue; readonly second: SetValue }
  | { readonly kind: 'plus' | 'minus'; readonly left: SetValue; readonly right: SetValue };

export interface UpdateActions {
  readonly set: readonly { readonly path: Path; readonly value: SetValue }[];
  readonly remove: readonly Path[];
  readonly add: readonly { readonly path: Path; readonly value: Value }[];
  readonly delete: readonly { readonly path: Path; readonly value: Value }[];
}

/** The placeholders of one request and which of them its expressions used. */
export class Placeholders {
  readonly usedNames = new Set<string>();
  readonly usedValues = new Set<string>();

  constructor(
    readonly names: Readonly<Record<string, string>>,
    readonly values: Readonly<Record<string, Value>>,
  ) {}

  /** DynamoDB refuses a request with a name or value that no expression of it uses. */
  checkAllUsed(): void {
    const unusedNames = Object.keys(this.names).filter((n) => !this.usedNames.has(n));
    if (unusedNames.length > 0) throw validation(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
    const unusedValues = Object.keys(this.values).filter((v) => !this.usedValues.has(v));
    if (unusedValues.length > 0) throw validation(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
  }
}

type TokenKind = 'name' | 'nameRef' | 'valueRef' | 'number' | 'punct' | 'end';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly at: number;
}

const PUNCTUATION = ['<>', '<=', '>=', '=', '<', '>', '(', ')', '[', ']', '.', ',', '+', '-'];

function tokenize(text: string, what: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const word = /^(#[A-Za-z0-9_]+|:[A-Za-z0-9_]+|[A-Za-z_][A-Za-z0-9_]*|[0-9]+)/.exec(text.slice(i))?.[0];
    if (word !== undefined) {
      const kind: TokenKind = word.startsWith('#') ? 'nameRef' : word.startsWith(':') ? 'valueRef' : /^[0-9]/.test(word) ? 'number' : 'name';
      tokens.push({ kind, text: word, at: i });
      i += word.length;
      continue;
    }
    const punct = PUNCTUATION.find((p) => text.startsWith(p, i));
    if (punct === undefined) throw validation(`Invalid ${what}: Syntax error; token: "${c}", near: "${near(text, i)}"`);
    tokens.push({ kind: 'punct', text: punct, at: i });
    i += punct.length;
  }
  tokens.push({ kind: 'end', text: '<EOF>', at: text.length });
  return tokens;
}

function near(text: string, at: number): string {
  return text.slice(Math.max(0, at - 8), at + 8);
}

function validation(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

const COMPARATORS: readonly string[] = ['=', '<>', '<', '<=', '>', '>='];

/** A recursive-descent parser over the tokens of one expression. */
class Parser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(
    private readonly text: string,
    /** `ConditionExpression`, `UpdateExpression`…, as DynamoDB's messages name it. */
    private readonly what: string,
    private readonly placeholders: Placeholders,
  ) {
    this.tokens = tokenize(text, what);
  }

  private get peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.peek;
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private isKeyword(word: string): boolean {
    return this.peek.kind === 'name' && this.peek.text.toUpperCase() === word;
  }

  private isPunct(text: string): boolean {
    return this.peek.kind === 'punct' && this.peek.text === text;
  }

  private expectPunct(text: string): void {
    if (!this.isPunct(text)) throw this.syntaxError();
    this.next();
  }

  syntaxError(): AwsServiceError {
    const token = this.peek;
    return validation(`Invalid ${this.what}: Syntax error; token: "${token.text}", near: "${near(this.text, token.at)}"`);
  }

  expectEnd(): void {
    if (this.peek.kind !== 'end') throw this.syntaxError();
  }

  condition(): Condition {
    let left = this.conjunction();
    while (this.isKeyword('OR')) {
      this.next();
      left = { kind: 'or', left, right: this.conjunction() };
    }
    return left;
  }

  private conjunction(): Condition {
    let left = this.negation();
    while (this.isKeyword('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.negation() };
    }
    return left;
  }

  private negation(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', condition: this.negation() };
    }
    return this.primary();
  }

  private primary(): Condition {
    if (this.isPunct('(')) {
      this.next();
      const inner = this.condition();
      this.expectPunct(')');
      return inner;
    }
    const token = this.peek;
    if (token.kind === 'name' && this.tokens[this.index + 1]?.text === '(' && token.text !== 'size') return this.conditionFunction();
    const operand = this.operand();
    if (this.peek.kind === 'punct' && COMPARATORS.includes(this.peek.text)) {
      const op = this.next().text as Comparator;
      return { kind: 'compare', op, left: operand, right: this.operand() };
    }
    if (this.isKeyword('BETWEEN')) {
      this.next();
      const low = this.operand();
      if (!this.isKeyword('AND')) throw this.syntaxError();
      this.next();
      return { kind: 'between', operand, low, high: this.operand() };
    }
    if (this.isKeyword('IN')) {
      this.next();
      this.expectPunct('(');
      const list = [this.operand()];
      while (this.isPunct(',')) {
        this.next();
        list.push(this.operand());
      }
      this.expectPunct(')');
      return { kind: 'in', operand, list };
    }
    throw this.syntaxError();
  }

  private conditionFunction(): Condition {
    const name = this.next().text;
    this.expectPunct('(');
    let condition: Condition;
    switch (name) {
      case 'attribute_exists':
      case 'attribute_not_exists':
        condition = { kind: 'exists', path: this.path(), negated: name === 'attribute_not_exists' };
        break;
      case 'attribute_type':
        condition = { kind: 'type', path: this.path(), type: this.afterComma(() => this.operand()) };
        break;
      case 'begins_with':
        condition = { kind: 'begins', path: this.path(), prefix: this.afterComma(() => this.operand()) };
        break;
      case 'contains':
        condition = { kind: 'contains', path: this.path(), operand: this.afterComma(() => this.operand()) };
        break;
      default:
        throw validation(`Invalid ${this.what}: Invalid function name; function: ${name}`);
    }
    this.expectPunct(')');
    return condition;
  }

  private afterComma<T>(parse: () => T): T {
    this.expectPunct(',');
    return parse();
  }

  operand(): Operand {
    if (this.peek.kind === 'valueRef') return { kind: 'value', value: this.value() };
    if (this.peek.kind === 'name' && this.peek.text === 'size' && this.tokens[this.index + 1]?.text === '(') {
      this.next();
      this.next();
      const path = this.path();
      this.expectPunct(')');
      return { kind: 'size', path };
    }
    return { kind: 'path', path: this.path() };
  }

  value(): Value {
    const token = this.next();
    if (token.kind !== 'valueRef') throw this.syntaxErrorAt(token);
    if (!Object.hasOwn(this.placeholders.values, token.text)) {
      throw validation(`Invalid ${this.what}: An expression attribute value used in expression is not defined; attribute value: ${token.text}`);
    }
    this.placeholders.usedValues.add(token.text);
    return this.placeholders.values[token.text] as Value;
  }

  private syntaxErrorAt(token: Token): AwsServiceError {
    return validation(`Invalid ${this.what}: Syntax error; token: "${token.text}", near: "${near(this.text, token.at)}"`);
  }

  path(): Path {
    const path: (string | number)[] = [this.pathName()];
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        path.push(this.pathName());
      } else if (this.isPunct('[')) {
        this.next();
        const index = this.next();
        if (index.kind !== 'number') throw this.syntaxErrorAt(index);
        path.push(Number(index.text));
        this.expectPunct(']');
      } else {
        return path;
      }
    }
  }

  private pathName(): string {
    const token = this.next();
    if (token.kind === 'name') return token.text;
    if (token.kind !== 'nameRef') throw this.syntaxErrorAt(token);
    const name = this.placeholders.names[token.text];
    if (name === undefined) throw validation(`Invalid ${this.what}: An expression attribute name used in the document path is not defined; attribute name: ${token.text}`);
    this.placeholders.usedNames.add(token.text);
    return name;
  }

  update(): UpdateActions {
    const actions = { set: [] as UpdateActions['set'][number][], remove: [] as Path[], add: [] as UpdateActions['add'][number][], delete: [] as UpdateActions['delete'][number][] };
    const seen = new Set<string>();
    while (this.peek.kind !== 'end') {
      const clause = this.peek.kind === 'name' ? this.peek.text.toUpperCase() : '';
      if (!['SET', 'REMOVE', 'ADD', 'DELETE'].includes(clause)) throw this.syntaxError();
      if (seen.has(clause)) throw validation(`Invalid UpdateExpression: The "${clause}" section can only be used once in an update expression;`);
      seen.add(clause);
      this.next();
      do {
        if (clause === 'SET') {
          const path = this.path();
          this.expectPunct('=');
          actions.set.push({ path, value: this.setValue() });
        } else if (clause === 'REMOVE') {
          actions.remove.push(this.path());
        } else {
          const path = this.path();
          (clause === 'ADD' ? actions.add : actions.delete).push({ path, value: this.value() });
        }
      } while (this.isPunct(',') && this.next());
    }
    if (seen.size === 0) throw this.syntaxError();
    return actions;
  }

  private setValue(): SetValue {
    const left = this.setTerm();
    if (this.isPunct('+') || this.isPunct('-')) {
      const kind = this.next().text === '+' ? 'plus' : 'minus';
      return { kind, left, right: this.setTerm() };
    }
    return left;
  }

  private setTerm(): SetValue {
    const token = this.peek;
    if (token.kind === 'name' && this.tokens[this.index + 1]?.text === '(') {
      if (token.text === 'if_not_exists') {
        this.next();
        this.next();
        const path = this.path();
        const fallback = this.afterComma(() => this.setTerm());
        this.expectPunct(')');
        return { kind: 'if_not_exists', path, fallback };
      }
      if (token.text === 'list_append') {
        this.next();
        this.next();
        const first = this.setTerm();
        const second = this.afterComma(() => this.setTerm());
        this.expectPunct(')');
        return { kind: 'list_append', first, second };
      }
      throw validation(`Invalid UpdateExpression: Invalid function name; function: ${token.text}`);
    }
    const operand = this.operand();
    if (operand.kind === 'size') throw validation('Invalid UpdateExpression: The function is not allowed in an update expression; function: size');
    return { kind: 'operand', operand };
  }

  projection(): Path[] {
    const paths = [this.path()];
    while (this.isPunct(',')) {
      this.next();
      paths.push(this.path());
    }
    return paths;
  }
}

function parser(text: unknown, what: string, placeholders: Placeholders): Parser {
  if (typeof text !== 'string') throw validation(`${what} must be a string`);
  if (text.trim() === '') throw validation(`Invalid ${what}: The expression can not be empty;`);
  return new Parser(text, what, placeholders);
}

export function parseCondition(text: unknown, what: string, placeholders: Placeholders): Condition {
  const p = parser(text, what, placeholders);
  const condition = p.condition();
  p.expectEnd();
  return condition;
}

export function parseUpdate(text: unknown, placeholders: Placeholders): UpdateActions {
  const p = parser(text, 'UpdateExpression', placeholders);
  const actions = p.update();
  p.expectEnd();
  return actions;
}

export function parseProjection(text: unknown, placeholders: Placeholders): Path[] {
  const p = parser(text, 'ProjectionExpression', placeholders);
  const paths = p.projection();
  p.expectEnd();
  return paths;
}
