import type { CstNode, IToken } from '../../grammar/index.js';
import type {
  AppDeclCstNode,
  StageDeclCstNode,
  ArgumentsCstNode,
  ChainCstNode,
  ComparisonCstNode,
  EndpointCstNode,
  FieldCstNode,
  FnDeclCstNode,
  ListCstNode,
  PathCstNode,
  PrimaryTypeCstNode,
  RecordTypeCstNode,
  ResourceDeclCstNode,
  SettingCstNode,
  SettingsBlockCstNode,
  TypeDeclCstNode,
  TypeExprCstNode,
  UnionMemberCstNode,
  ValueCstNode,
} from '../../grammar/cst.generated.js';
import type { StatementCst } from '../../grammar/index.js';
import type { Reporter } from '../diagnostics/reporter.js';
import { type Span, span } from '../source/span.js';
import { MAX_TYPE_DEPTH } from './limits.js';
import type {
  AppDecl,
  Argument,
  CallValue,
  Chain,
  ChainLink,
  Comparison,
  ComparisonOperator,
  LiteralTimeUnit,
  Endpoint,
  Field,
  FnDecl,
  Identifier,
  PathValue,
  ResourceDecl,
  ResourceKind,
  Setting,
  SettingsBlock,
  StageDecl,
  Statement,
  TypeDecl,
  TypeExpr,
  Value,
} from './ast.js';

/**
 * CST → AST. The CST may be partial where the parser recovered from an error that is already
 * reported; a node whose required parts are missing is dropped rather than guessed, so later
 * phases only see what the user wrote.
 */
export function buildStatement(statement: StatementCst, reporter: Reporter, hadError = false): { statement: Statement | undefined; tooDeep: boolean } {
  const builder = new AstBuilder(reporter, hadError);
  const built = buildWith(builder, statement);
  // A statement with a type nested too deeply is dropped whole (FL3010 says why): no later
  // phase then walks a type deeper than MAX_TYPE_DEPTH.
  return builder.tooDeep ? { statement: undefined, tooDeep: true } : { statement: built, tooDeep: false };
}

function buildWith(builder: AstBuilder, statement: StatementCst): Statement | undefined {
  if (statement.cst === undefined) return undefined;
  switch (statement.rule) {
    case 'appDecl':
      return builder.appDecl(statement.cst as AppDeclCstNode);
    case 'stageDecl':
      return builder.stageDecl(statement.cst as StageDeclCstNode);
    case 'typeDecl':
      return builder.typeDecl(statement.cst as TypeDeclCstNode);
    case 'fnDecl':
      return builder.fnDecl(statement.cst as FnDeclCstNode);
    case 'resourceDecl':
      return builder.resourceDecl(statement.cst as ResourceDeclCstNode);
    case 'chain':
      return builder.chain(statement.cst as ChainCstNode);
  }
}

const MS_PER_UNIT: Record<LiteralTimeUnit, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A real token of the input (Chevrotain inserts virtual tokens with no offsets when it recovers). */
function real(token: IToken | undefined): token is IToken {
  return token !== undefined && !Number.isNaN(token.startOffset) && token.isInsertedInRecovery !== true;
}

function tokenSpan(token: IToken): Span {
  return span(token.startOffset, token.startOffset + token.image.length);
}

/**
 * The span of everything a CST node covers, from the offsets Chevrotain records while parsing
 * (`nodeLocationTracking`); undefined when recovery left the node without real tokens.
 */
function nodeSpan(node: CstNode): Span | undefined {
  const location = node.location;
  if (location === undefined || Number.isNaN(location.startOffset) || Number.isNaN(location.endOffset ?? NaN)) return undefined;
  return span(location.startOffset, (location.endOffset ?? location.startOffset) + 1);
}

function first<T>(items: readonly T[] | undefined): T | undefined {
  return items?.[0];
}

class AstBuilder {
  /** Levels of each type expression built (each record, array and union is one, a name or literal one). */
  readonly #depth = new WeakMap<TypeExpr, number>();
  /** A type of this statement nests deeper than MAX_TYPE_DEPTH (reported once, FL3010). */
  tooDeep = false;

  constructor(
    private readonly reporter: Reporter,
    /** The statement has a syntax error: what recovery left of it may be partial. */
    private readonly damaged: boolean,
  ) {}

  private depthOf(type: TypeExpr): number {
    return this.#depth.get(type) ?? 1;
  }

  /** Records the depth of a built type; past the limit, reports FL3010 once and cuts the type. */
  private measured<T extends TypeExpr>(type: T, depth: number, at: Span): T | undefined {
    if (depth <= MAX_TYPE_DEPTH) {
      this.#depth.set(type, depth);
      return type;
    }
    if (!this.tooDeep) {
      this.tooDeep = true;
      this.reporter.report('FL3010', at, `this type nests more than ${MAX_TYPE_DEPTH} levels deep`, {
        label: `level ${depth}`,
        why: `flowc checks a payload along every edge, generates a TypeScript type for it and validates it in the simulator, each level by level; a limit of ${MAX_TYPE_DEPTH} levels keeps each of these bounded whatever the file says.`,
        help: 'flatten the payload: a JSON message rarely needs more than a few levels (naming the inner parts does not help, the levels of named types count too)',
      });
    }
    return undefined;
  }

  appDecl(node: AppDeclCstNode): AppDecl | undefined {
    const name = this.identifier(first(node.children.Name));
    const whole = nodeSpan(node);
    if (!name || !whole) return undefined;
    const settings = this.optionalBlock(node.children.settingsBlock);
    return { kind: 'AppDecl', span: whole, name, ...(settings && { settings }) };
  }

  stageDecl(node: StageDeclCstNode): StageDecl | undefined {
    const name = this.identifier(first(node.children.Name));
    const whole = nodeSpan(node);
    if (!name || !whole) return undefined;
    const settings = this.optionalBlock(node.children.settingsBlock);
    return { kind: 'StageDecl', span: whole, name, ...(settings && { settings }) };
  }

  typeDecl(node: TypeDeclCstNode): TypeDecl | undefined {
    const name = this.identifier(first(node.children.Name));
    const type = this.typeExpr(first(node.children.typeExpr));
    const whole = nodeSpan(node);
    if (!name || !type || !whole) return undefined;
    return { kind: 'TypeDecl', span: whole, name, type };
  }

  fnDecl(node: FnDeclCstNode): FnDecl | undefined {
    const name = this.identifier(first(node.children.Name));
    const whole = nodeSpan(node);
    if (!name || !whole) return undefined;
    const input = this.typeExpr(first(node.children.input));
    const output = this.typeExpr(first(node.children.output));
    const settings = this.optionalBlock(node.children.settingsBlock);
    return { kind: 'FnDecl', span: whole, name, ...(input && { input }), ...(output && { output }), ...(settings && { settings }) };
  }

  resourceDecl(node: ResourceDeclCstNode): ResourceDecl | undefined {
    const c = node.children;
    const resource: ResourceKind | undefined = c.Kw_queue
      ? 'queue'
      : c.Kw_topic
        ? 'topic'
        : c.Kw_bus
          ? 'bus'
          : c.Kw_stream
            ? 'stream'
            : c.Kw_table
              ? 'table'
              : c.Kw_api
                ? 'api'
                : c.Kw_bucket
                ? 'bucket'
                : c.Kw_schedule
                ? 'schedule'
                : undefined;
    const name = this.identifier(first(c.Name));
    const whole = nodeSpan(node);
    if (!resource || !name || !whole) return undefined;
    const type = this.typeExpr(first(c.typeExpr));
    const settings = this.optionalBlock(c.settingsBlock);
    return { kind: 'ResourceDecl', span: whole, resource, name, ...(type && { type }), ...(settings && { settings }) };
  }

  chain(node: ChainCstNode): Chain | undefined {
    const endpoints = (node.children.endpoint ?? []).map((e) => this.endpoint(e));
    const head = endpoints[0];
    const whole = nodeSpan(node);
    if (!head || !whole) return undefined;
    const arrows = (node.children.Arrow ?? []).filter(real);
    const blocks = (node.children.settingsBlock ?? []).map((b) => this.settingsBlock(b)).filter((b) => b !== undefined);
    const links: ChainLink[] = [];
    for (let i = 0; i < arrows.length; i++) {
      const arrow = arrows[i] as IToken;
      const target = endpoints[i + 1];
      if (!target) break;
      const nextArrow = arrows[i + 1]?.startOffset ?? Infinity;
      // A settings block belongs to the link whose target it follows.
      const settings = blocks.find((b) => b.span.start > target.span.start && b.span.start < nextArrow);
      const end = settings ? settings.span.end : target.span.end;
      links.push({
        kind: 'ChainLink',
        span: span(arrow.startOffset, end),
        arrow: tokenSpan(arrow),
        target,
        ...(settings && { settings }),
      });
    }
    if (links.length === 0) return undefined;
    return { kind: 'Chain', span: whole, head, links };
  }

  endpoint(node: EndpointCstNode): Endpoint | undefined {
    const [nameToken, portToken] = node.children.Name ?? [];
    const name = this.identifier(nameToken);
    if (!name) return undefined;
    const port = this.identifier(portToken);
    return {
      kind: 'Endpoint',
      span: port ? span(name.span.start, port.span.end) : name.span,
      name,
      ...(port && { port }),
    };
  }

  optionalBlock(nodes: readonly SettingsBlockCstNode[] | undefined): SettingsBlock | undefined {
    const node = first(nodes);
    return node ? this.settingsBlock(node) : undefined;
  }

  settingsBlock(node: SettingsBlockCstNode): SettingsBlock | undefined {
    const whole = nodeSpan(node);
    if (!whole) return undefined;
    const entries = (node.children.setting ?? []).map((s) => this.setting(s)).filter((s) => s !== undefined);
    return { kind: 'SettingsBlock', span: whole, entries, ...(this.damaged && { damaged: true as const }) };
  }

  setting(node: SettingCstNode): Setting | undefined {
    const quoted = first(node.children.StringLiteral);
    const name = quoted !== undefined && real(quoted) ? { kind: 'Identifier' as const, span: tokenSpan(quoted), text: this.stringContent(quoted) } : this.identifier(first(node.children.Name));
    const block = first(node.children.settingsBlock);
    const args = first(node.children.arguments);
    if (name && args) {
      const callee: PathValue = { kind: 'PathValue', span: name.span, segments: [name], text: name.text };
      const call = this.call(callee, args);
      if (!call) return undefined;
      return { kind: 'Setting', span: call.span, name, value: call, call: true };
    }
    const value = block ? this.settingsBlock(block) : this.value(first(node.children.value));
    if (!name || !value) return undefined;
    return { kind: 'Setting', span: span(name.span.start, value.span.end), name, value, ...(quoted !== undefined && { quoted: true as const }) };
  }

  /** `callee(arguments)`; undefined when recovery left the arguments without their brackets. */
  call(callee: PathValue, node: ArgumentsCstNode): CallValue | undefined {
    const whole = nodeSpan(node);
    if (!whole || !real(first(node.children.RParen))) return undefined;
    const args: Argument[] = [];
    for (const argument of node.children.argument ?? []) {
      const comparison = first(argument.children.comparison);
      const item = comparison ? this.comparison(comparison) : this.value(first(argument.children.value));
      if (item) args.push(item);
    }
    return { kind: 'CallValue', span: span(callee.span.start, whole.end), callee, args };
  }

  comparison(node: ComparisonCstNode): Comparison | undefined {
    const c = node.children;
    const operatorToken = first(c.RAngle) ?? first(c.GreaterEquals) ?? first(c.LAngle) ?? first(c.LessEquals) ?? first(c.Equals);
    const numberToken = first(c.NumberLiteral);
    if (!real(operatorToken) || !real(numberToken)) return undefined;
    return {
      kind: 'Comparison',
      span: span(operatorToken.startOffset, numberToken.startOffset + numberToken.image.length),
      operator: operatorToken.image as ComparisonOperator,
      operand: this.number(numberToken),
    };
  }

  number(token: IToken): Value & { kind: 'NumberValue' | 'InvalidValue' } {
    const value = Number(token.image);
    // A malformed number was kept as a number token by the lexer and is already reported.
    if (!/^-?\d+(\.\d+)?$/.test(token.image) || !Number.isFinite(value)) {
      return { kind: 'InvalidValue', span: tokenSpan(token) };
    }
    return { kind: 'NumberValue', span: tokenSpan(token), value, raw: token.image };
  }

  value(node: ValueCstNode | undefined): Value | undefined {
    if (!node) return undefined;
    const c = node.children;
    const stringToken = first(c.StringLiteral);
    if (real(stringToken)) {
      return { kind: 'StringValue', span: tokenSpan(stringToken), value: this.stringContent(stringToken) };
    }
    const numberToken = first(c.NumberLiteral);
    if (real(numberToken)) return this.number(numberToken);
    const durationToken = first(c.Duration);
    if (real(durationToken)) {
      const match = /^(\d+)(ms|s|m|h|d)$/.exec(durationToken.image);
      const amount = Number(match?.[1]);
      const unit = (match?.[2] ?? 's') as LiteralTimeUnit;
      return {
        kind: 'DurationValue',
        span: tokenSpan(durationToken),
        amount,
        unit,
        milliseconds: amount * MS_PER_UNIT[unit],
        raw: durationToken.image,
      };
    }
    const pathNode = first(c.path);
    if (pathNode) {
      const path = this.path(pathNode);
      const args = first(pathNode.children.arguments);
      if (path && args) return this.call(path, args);
      if (path && path.segments.length === 1 && (path.text === 'true' || path.text === 'false')) {
        return { kind: 'BooleanValue', span: path.span, value: path.text === 'true' };
      }
      return path;
    }
    const listNode = first(c.list);
    if (listNode) return this.list(listNode);
    const block = first(c.settingsBlock);
    if (block) return this.settingsBlock(block);
    return undefined;
  }

  path(node: PathCstNode): PathValue | undefined {
    const segments = (node.children.Name ?? []).map((t) => this.identifier(t)).filter((s) => s !== undefined);
    const head = segments[0];
    const last = segments[segments.length - 1];
    if (!head || !last) return undefined;
    return {
      kind: 'PathValue',
      span: span(head.span.start, last.span.end),
      segments,
      text: segments.map((s) => s.text).join('.'),
    };
  }

  list(node: ListCstNode): Value | undefined {
    const whole = nodeSpan(node);
    if (!whole) return undefined;
    const items = (node.children.value ?? []).map((v) => this.value(v)).filter((v) => v !== undefined);
    return { kind: 'ListValue', span: whole, items };
  }

  typeExpr(node: TypeExprCstNode | undefined): TypeExpr | undefined {
    if (!node) return undefined;
    const members = (node.children.unionMember ?? []).map((m) => this.unionMember(m)).filter((m) => m !== undefined);
    if (members.length === 0) return undefined;
    if (members.length === 1) return members[0];
    const whole = nodeSpan(node);
    if (!whole) return undefined;
    let deepest = 0;
    for (const member of members) deepest = Math.max(deepest, this.depthOf(member));
    return this.measured({ kind: 'UnionType', span: whole, members }, deepest + 1, whole);
  }

  unionMember(node: UnionMemberCstNode): TypeExpr | undefined {
    let type = this.primaryType(first(node.children.primaryType));
    if (!type) return undefined;
    for (const bracket of (node.children.RBracket ?? []).filter(real)) {
      const arraySpan = span(type.span.start, bracket.startOffset + 1);
      type = this.measured({ kind: 'ArrayType', span: arraySpan, element: type }, this.depthOf(type) + 1, span(bracket.startOffset, bracket.startOffset + 1));
      if (!type) return undefined;
    }
    return type;
  }

  primaryType(node: PrimaryTypeCstNode | undefined): TypeExpr | undefined {
    if (!node) return undefined;
    const c = node.children;
    const stringToken = first(c.StringLiteral);
    if (real(stringToken)) {
      return { kind: 'StringLiteralType', span: tokenSpan(stringToken), value: this.stringContent(stringToken) };
    }
    const record = first(c.recordType);
    if (record) return this.recordType(record);
    const inner = first(c.typeExpr);
    if (inner) return this.typeExpr(inner);
    const [nameToken, argumentToken] = c.Name ?? [];
    const name = this.identifier(nameToken);
    if (!name) return undefined;
    if (!c.LAngle) return { kind: 'NamedType', span: name.span, name };
    const argument = this.identifier(argumentToken);
    const whole = nodeSpan(node);
    if (!argument || !whole) return undefined;
    if (name.text !== 'success' && name.text !== 'failure') {
      this.reporter.report('FL1009', name.span, `\`${name.text}<…>\` is not a type`, {
        label: 'only `success` and `failure` take an argument',
        help: /^(list|array|set|seq|vec)$/i.test(name.text)
          ? `a list is written \`${argument.text}[]\``
          : `\`success<f>\` and \`failure<f>\` are the records a destination of function \`f\` receives; a list is written \`${argument.text}[]\``,
      });
      return undefined;
    }
    return { kind: 'InvocationRecordType', span: whole, condition: name.text, function: argument };
  }

  recordType(node: RecordTypeCstNode): TypeExpr | undefined {
    const whole = nodeSpan(node);
    if (!whole) return undefined;
    const fields = (node.children.field ?? []).map((f) => this.field(f)).filter((f) => f !== undefined);
    let deepest = 0;
    for (const field of fields) deepest = Math.max(deepest, this.depthOf(field.type));
    return this.measured({ kind: 'RecordType', span: whole, fields }, deepest + 1, whole);
  }

  field(node: FieldCstNode): Field | undefined {
    const name = this.identifier(first(node.children.Name));
    const type = this.typeExpr(first(node.children.typeExpr));
    if (!name || !type) return undefined;
    return { kind: 'Field', span: span(name.span.start, type.span.end), name, optional: node.children.Question !== undefined, type };
  }

  identifier(token: IToken | undefined): Identifier | undefined {
    if (!real(token)) return undefined;
    return { kind: 'Identifier', span: tokenSpan(token), text: token.image };
  }

  /** Decodes the escapes of a string token (`\" \\ \n \t \r \u{…}`), reporting unknown ones. */
  stringContent(token: IToken): string {
    const body = token.image.slice(1, -1);
    if (!body.includes('\\')) return body;
    let out = '';
    for (let i = 0; i < body.length; i++) {
      const ch = body[i] as string;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const next = body[i + 1];
      const at = token.startOffset + 1 + i;
      const simple: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r' };
      if (next !== undefined && simple[next] !== undefined) {
        out += simple[next];
        i++;
        continue;
      }
      const unicode = /^u\{([0-9A-Fa-f]{1,6})\}/.exec(body.slice(i + 1));
      const codePoint = unicode ? Number.parseInt(unicode[1] as string, 16) : NaN;
      // Lone surrogates are not characters: a file that held one would not be valid UTF-8.
      if (unicode && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff)) {
        out += String.fromCodePoint(codePoint);
        i += unicode[0].length;
        continue;
      }
      if (unicode) {
        this.reporter.report('FL1005', span(at, at + 1 + unicode[0].length), `\`\\${unicode[0]}\` is not a character`, {
          label: codePoint > 0x10ffff ? 'beyond U+10FFFF' : 'a lone surrogate',
          help: 'use a code point from U+0000 to U+10FFFF outside U+D800–U+DFFF, e.g. `\\u{1F600}`',
        });
        i += unicode[0].length;
        continue;
      }
      this.reporter.report('FL1005', span(at, at + 2), `unknown escape sequence \`\\${next ?? ''}\` in a string`, {
        label: 'not an escape',
        help: 'strings know `\\"`, `\\\\`, `\\n`, `\\t`, `\\r` and `\\u{1F600}`',
      });
      i++;
    }
    return out;
  }
}
