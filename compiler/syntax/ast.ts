import type { Span } from '../source/span.js';
import type { ResourceKind } from '../../runtime/manifest/schema.js';

/**
 * The .flow AST: plain, immutable data, a union tagged by `kind`, a span on every node and no
 * behaviour (graphql-js `ast.ts`). Later phases keep their results in side tables and never
 * change a node.
 */

export interface Identifier {
  readonly kind: 'Identifier';
  readonly span: Span;
  readonly text: string;
}

export interface FlowFile {
  readonly kind: 'FlowFile';
  readonly span: Span;
  readonly statements: readonly Statement[];
}

export type Statement = Declaration | Chain;
export type Declaration = AppDecl | StageDecl | TypeDecl | FnDecl | ResourceDecl;

export interface AppDecl {
  readonly kind: 'AppDecl';
  readonly span: Span;
  readonly name: Identifier;
  readonly settings?: SettingsBlock;
}

/**
 * `stage prod { region = "eu-west-1", memory = 1024, charge { memory = 2048 } }`: what differs
 * on one stage (`--stage prod`): app settings, deploy settings, and `NAME { … }` blocks that
 * override one declaration's settings (compiler/resolve/stages.ts).
 */
export interface StageDecl {
  readonly kind: 'StageDecl';
  readonly span: Span;
  readonly name: Identifier;
  readonly settings?: SettingsBlock;
}

export interface TypeDecl {
  readonly kind: 'TypeDecl';
  readonly span: Span;
  readonly name: Identifier;
  readonly type: TypeExpr;
}

export interface FnDecl {
  readonly kind: 'FnDecl';
  readonly span: Span;
  readonly name: Identifier;
  readonly input?: TypeExpr;
  readonly output?: TypeExpr;
  readonly settings?: SettingsBlock;
}

/** The kinds of resource a declaration can be: the manifest's, one name for the one concept. */
export type { ResourceKind };

export interface ResourceDecl {
  readonly kind: 'ResourceDecl';
  readonly span: Span;
  readonly resource: ResourceKind;
  readonly name: Identifier;
  readonly type?: TypeExpr;
  readonly settings?: SettingsBlock;
}

/** `a -> b -> c { … }`: a head endpoint and one link per arrow. */
export interface Chain {
  readonly kind: 'Chain';
  readonly span: Span;
  readonly head: Endpoint;
  readonly links: readonly ChainLink[];
}

/** One arrow of a chain, its target and the settings block that configures this edge. */
export interface ChainLink {
  readonly kind: 'ChainLink';
  readonly span: Span;
  readonly arrow: Span;
  readonly target: Endpoint;
  readonly settings?: SettingsBlock;
}

/** `name` or `name.port` (`charge.failure`). */
export interface Endpoint {
  readonly kind: 'Endpoint';
  readonly span: Span;
  readonly name: Identifier;
  readonly port?: Identifier;
}

export interface SettingsBlock {
  readonly kind: 'SettingsBlock';
  readonly span: Span;
  readonly entries: readonly Setting[];
  /** In a statement with a syntax error (reported): entries may be missing, so it is not judged as a pattern. */
  readonly damaged?: true;
}

/**
 * `name = value`, or `name { … }` (then `value` is a SettingsBlock), or `name(…)`, an operator
 * written as an entry of a pattern block such as `any_of({ … }, { … })` (then `value` is the
 * CallValue of that name and `call` is true).
 */
export interface Setting {
  readonly kind: 'Setting';
  readonly span: Span;
  readonly name: Identifier;
  readonly value: Value;
  readonly call?: true;
  /** The name was written as a string (`"cost-center" = "42"`): a key that is not a name, allowed in a block of tags. */
  readonly quoted?: true;
}

export type Value =
  | StringValue
  | NumberValue
  | DurationValue
  | BooleanValue
  | PathValue
  | ListValue
  | SettingsBlock
  | CallValue
  | InvalidValue;

export interface StringValue {
  readonly kind: 'StringValue';
  readonly span: Span;
  readonly value: string;
}

export interface NumberValue {
  readonly kind: 'NumberValue';
  readonly span: Span;
  readonly value: number;
  readonly raw: string;
}

/**
 * The unit a duration literal is written in (`500ms`, `30s`, `5m`, `1h`, `14d`); not to be
 * confused with `DurationUnit` (compiler/settings/units.ts), the unit of the AWS property a
 * duration setting feeds.
 */
export type LiteralTimeUnit = 'ms' | 's' | 'm' | 'h' | 'd';

export interface DurationValue {
  readonly kind: 'DurationValue';
  readonly span: Span;
  readonly amount: number;
  readonly unit: LiteralTimeUnit;
  /** The duration in milliseconds; emitters convert to each property's unit. */
  readonly milliseconds: number;
  readonly raw: string;
}

export interface BooleanValue {
  readonly kind: 'BooleanValue';
  readonly span: Span;
  readonly value: boolean;
}

/** A bare name or dotted path: a declaration (`dlq = dead`), a field path (`group = order.id`), or a word (`start = latest`). */
export interface PathValue {
  readonly kind: 'PathValue';
  readonly span: Span;
  readonly segments: readonly Identifier[];
  /** The segments joined with `.`. */
  readonly text: string;
}

export interface ListValue {
  readonly kind: 'ListValue';
  readonly span: Span;
  readonly items: readonly Value[];
}

/** An operator of a pattern applied to its arguments: `prefix("us-")`, `numeric(> 0, <= 100)`. */
export interface CallValue {
  readonly kind: 'CallValue';
  readonly span: Span;
  /** The operator's name as written; a path, so that a dotted name can be refused where it is. */
  readonly callee: PathValue;
  readonly args: readonly Argument[];
}

export type Argument = Value | Comparison;

export const comparisonOperators = ['>', '>=', '<', '<=', '='] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

/** `> 0`, `<= 100`, `= 5`: a bound of `numeric(…)`. */
export interface Comparison {
  readonly kind: 'Comparison';
  readonly span: Span;
  readonly operator: ComparisonOperator;
  /** Invalid when the number failed to lex (already reported). */
  readonly operand: NumberValue | InvalidValue;
}

/** A value that failed to lex; its error is already reported, later phases skip it silently. */
export interface InvalidValue {
  readonly kind: 'InvalidValue';
  readonly span: Span;
}

export type TypeExpr = NamedType | ArrayType | RecordType | UnionType | StringLiteralType | InvocationRecordType;

/** A built-in (`string`, `int`, …) or declared type. */
export interface NamedType {
  readonly kind: 'NamedType';
  readonly span: Span;
  readonly name: Identifier;
}

export interface ArrayType {
  readonly kind: 'ArrayType';
  readonly span: Span;
  readonly element: TypeExpr;
}

export interface RecordType {
  readonly kind: 'RecordType';
  readonly span: Span;
  readonly fields: readonly Field[];
}

export interface Field {
  readonly kind: 'Field';
  readonly span: Span;
  readonly name: Identifier;
  readonly optional: boolean;
  readonly type: TypeExpr;
}

export interface UnionType {
  readonly kind: 'UnionType';
  readonly span: Span;
  readonly members: readonly TypeExpr[];
}

export interface StringLiteralType {
  readonly kind: 'StringLiteralType';
  readonly span: Span;
  readonly value: string;
}

/** `success<f>` / `failure<f>`: the invocation record a destination of `f` receives. */
export interface InvocationRecordType {
  readonly kind: 'InvocationRecordType';
  readonly span: Span;
  readonly condition: 'success' | 'failure';
  readonly function: Identifier;
}

export type Node =
  | FlowFile
  | Identifier
  | AppDecl
  | StageDecl
  | TypeDecl
  | FnDecl
  | ResourceDecl
  | Chain
  | ChainLink
  | Endpoint
  | Setting
  | Value
  | Comparison
  | TypeExpr
  | Field;
