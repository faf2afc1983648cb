import { byKind } from '../kinds/registry.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type { DeclarationKind } from '../settings/schema.js';
import type {
  AppDecl,
  ChainLink,
  Endpoint,
  FlowFile,
  FnDecl,
  Identifier,
  ResourceDecl,
  Setting,
  SettingsBlock,
  StageDecl,
  TypeDecl,
} from '../syntax/ast.js';

/** The well-formed settings of one block, by name (duplicates and malformed values left out). */
export interface SettingsMap extends ReadonlyMap<string, Setting> {
  /**
   * Settings written with a value of the wrong form or a reference that does not resolve:
   * reported once here (FL2010, FL2001, FL2005), then *poisoned* fields of the model, which the
   * rules stay silent about (`compiler/elaborate/`). Kept by name with the setting as written,
   * for inference, which reads the well-formed parts of a pattern.
   */
  readonly poisoned: ReadonlyMap<string, Setting>;
}

/** An empty settings map that later fills (declarations' settings are resolved after every name is known). */
export function settingsMap(): Map<string, Setting> & { readonly poisoned: Map<string, Setting> } {
  return Object.assign(new Map<string, Setting>(), { poisoned: new Map<string, Setting>() });
}

export interface DeclarationSymbol {
  readonly name: string;
  readonly kind: DeclarationKind;
  readonly decl: FnDecl | ResourceDecl;
  readonly settings: SettingsMap;
  /** On a stage that overrides its settings (`stage prod { charge { … } }`): that block. */
  readonly override?: SettingsBlock;
}

/** `charge { memory = 2048 }` in a stage: one declaration's settings on that stage. */
export interface StageOverride {
  readonly symbol: DeclarationSymbol;
  /** The block as written; its settings replace the declaration's of the same name. */
  readonly block: SettingsBlock;
  readonly settings: SettingsMap;
}

/** One `stage NAME { … }` block, its settings validated, by what they set. */
export interface StageSymbol {
  readonly name: string;
  readonly decl: StageDecl;
  /** Its deploy settings (`region`, `account`, …: the schema's `stage` settings). */
  readonly deploy: SettingsMap;
  /** The app settings it writes, which override the app's on this stage. */
  readonly app: SettingsMap;
  /** By declaration name, in the order written. */
  readonly overrides: ReadonlyMap<string, StageOverride>;
}

/**
 * The AWS mechanism an edge becomes, decided by the kinds of its two ends:
 * - `destination`: a function's success or failure destination (async invocations only)
 * - `queue-trigger`: an SQS event source mapping
 * - `stream-trigger`: a Kinesis event source mapping
 * - `table-trigger`: a DynamoDB stream event source mapping
 * - `subscription`: an SNS subscription (Lambda or SQS)
 * - `rule`: an EventBridge rule with this target
 */
export type { EdgeKind } from '../kinds/kind.js';
import type { EdgeKind } from '../kinds/kind.js';

export type Port = 'success' | 'failure';

export interface Edge {
  /** Position in source order; stable across runs. */
  readonly index: number;
  readonly kind: EdgeKind;
  readonly source: DeclarationSymbol;
  /** Destinations only: which outcome of the source function goes along this edge. */
  readonly port?: Port;
  readonly target: DeclarationSymbol;
  readonly settings: SettingsMap;
  readonly settingsBlock?: SettingsBlock;
  readonly sourceEndpoint: Endpoint;
  readonly link: ChainLink;
  /** From the source endpoint to the target endpoint: where edge diagnostics point. */
  readonly span: Span;
}

/** The result of name resolution: the AST plus side tables. The AST itself is never changed. */
export interface ResolvedProgram {
  readonly source: SourceFile;
  readonly ast: FlowFile;
  readonly app: AppDecl | undefined;
  readonly appSettings: SettingsMap;
  /** Functions and resources by name, in declaration order. */
  readonly declarations: ReadonlyMap<string, DeclarationSymbol>;
  readonly types: ReadonlyMap<string, TypeDecl>;
  readonly edges: readonly Edge[];
  /** Every name that refers to a declaration (edge ends, `dlq = x`, `sends`, `success<f>`) → that declaration. */
  readonly references: ReadonlyMap<Identifier, DeclarationSymbol>;
  /** Names whose declarations had syntax errors: later phases say nothing about them. */
  readonly damagedNames: ReadonlySet<string>;
  /** Every `stage` block of the file, by name (resolve/stages.ts), whatever stage is selected. */
  readonly stages: ReadonlyMap<string, StageSymbol>;
  /** Stage names whose blocks had syntax errors: `--stage` with one of them is not reported unknown. */
  readonly damagedStages: ReadonlySet<string>;
  /**
   * The stage the program is checked for (`--stage`, apply-stage.ts); absent without one. With a
   * `stage` block of that name, the settings above are already the stage's.
   */
  readonly stage?: string;
}

export const builtinTypeNames = ['string', 'number', 'int', 'boolean', 'timestamp'] as const;
export type BuiltinTypeName = (typeof builtinTypeNames)[number];

export function isBuiltinTypeName(name: string): name is BuiltinTypeName {
  return (builtinTypeNames as readonly string[]).includes(name);
}

/** "function" for `fn`: each kind's module says it (compiler/kinds/). */
export const kindNoun: Record<DeclarationKind, string> = byKind((kind) => kind.noun);

/** "a function", "an app". */
export function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
