import { lambda, sqs } from '../../runtime/aws/limits.js';
import type { FieldPath } from '../../runtime/manifest/schema.js';
import type { Code } from '../diagnostics/codes.js';
import type { Model } from '../elaborate/elaborate.js';
import type { AppModel, DeclarationModel, EdgeModel, FieldOf, FunctionModel, ModelItem, QueueModel, StreamModel, TableModel, TopicModel } from '../elaborate/model.js';
import type { Reporter, ReportOptions } from '../diagnostics/reporter.js';
import type { DeclarationSymbol, Edge, ResolvedProgram, SettingsMap } from '../resolve/program.js';
import type { DurationUnit } from '../settings/units.js';
import { millisecondsPer } from '../settings/units.js';
import type { Setting } from '../syntax/ast.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type { TypedProgram } from './typed-program.js';

/**
 * What a rule sees: the typed program, settings read with their defaults, memoized graph
 * queries, and a `report` bound to the rule's own code. Declarations damaged by a syntax error
 * are never visited, so no rule reports a follow-on error.
 */
export class CheckContext {
  #code: Code = 'FL9002';

  constructor(
    readonly typed: TypedProgram,
    readonly model: Model,
    private readonly reporter: Reporter,
  ) {}

  get program(): ResolvedProgram {
    return this.typed.program;
  }

  /** The text of the file, for rules whose suggested edits follow its layout. */
  get source(): SourceFile {
    return this.typed.program.source;
  }

  /** Used by the runner: the code `report` raises while a rule's visitor runs (a new visit: no poisoned field read yet). */
  withCode(code: Code): this {
    this.#code = code;
    this.model.poison.touched = false;
    return this;
  }

  /**
   * Reports this rule's code. `options.severity` may turn an error rule's finding into a
   * warning. Silent once the visit has read a poisoned field: that value already has its one
   * diagnostic (FL2010, FL2001, FL4003), and whatever follows from it would be a follow-on error.
   */
  report(at: Span, message: string, options: ReportOptions = {}): void {
    if (this.model.poison.touched) return;
    this.reporter.report(this.#code, at, message, options);
  }

  // The model (compiler/elaborate/): effective values, and where each came from

  fn(symbol: DeclarationSymbol): FunctionModel {
    return this.#declaration(symbol, 'fn');
  }

  queue(symbol: DeclarationSymbol): QueueModel {
    return this.#declaration(symbol, 'queue');
  }

  topic(symbol: DeclarationSymbol): TopicModel {
    return this.#declaration(symbol, 'topic');
  }

  stream(symbol: DeclarationSymbol): StreamModel {
    return this.#declaration(symbol, 'stream');
  }

  table(symbol: DeclarationSymbol): TableModel {
    return this.#declaration(symbol, 'table');
  }

  edge(edge: Edge): EdgeModel {
    const item = this.model.edges[edge.index];
    if (item?.edge !== edge) throw new Error(`internal: edge ${edge.index} is not in the model`);
    return item;
  }

  get app(): AppModel {
    return this.model.app;
  }

  /** The setting a field was written at (on the item, or the app's for an inherited one). */
  settingOf<T extends ModelItem>(item: T, field: FieldOf<T>): Setting | undefined {
    return this.model.provenance.settingOf(item, field);
  }

  /** The setting written on the item itself, if any. */
  writtenOf<T extends ModelItem>(item: T, field: FieldOf<T>): Setting | undefined {
    return this.model.provenance.writtenOf(item, field);
  }

  spanOf<T extends ModelItem>(item: T, field: FieldOf<T>): Span | 'default' {
    return this.model.provenance.spanOf(item, field);
  }

  #declaration<K extends DeclarationModel['kind']>(symbol: DeclarationSymbol, kind: K): Extract<DeclarationModel, { kind: K }> {
    const item = this.model.declarations.get(symbol.name);
    if (item?.kind !== kind) throw new Error(`internal: \`${symbol.name}\` is not a ${kind} of the model`);
    return item as Extract<DeclarationModel, { kind: K }>;
  }

  /** Whether any error has been reported so far, by any phase or rule (for rules that stay quiet until a file compiles). */
  hasErrors(): boolean {
    return this.reporter.errorCount > 0;
  }

  isDamaged(name: string): boolean {
    return this.program.damagedNames.has(name);
  }

  // Settings

  setting(owner: DeclarationSymbol | Edge | SettingsMap, name: string): Setting | undefined {
    const settings = owner instanceof Map ? owner : (owner as { settings: SettingsMap }).settings;
    return settings.get(name);
  }

  number(owner: DeclarationSymbol | Edge | SettingsMap, name: string): number | undefined {
    const value = this.setting(owner, name)?.value;
    return value?.kind === 'NumberValue' ? value.value : undefined;
  }

  bool(owner: DeclarationSymbol | Edge | SettingsMap, name: string): boolean | undefined {
    const value = this.setting(owner, name)?.value;
    return value?.kind === 'BooleanValue' ? value.value : undefined;
  }

  /** A word setting (`start = latest`) or a bare name (`dlq = dead`) as text. */
  word(owner: DeclarationSymbol | Edge | SettingsMap, name: string): string | undefined {
    const value = this.setting(owner, name)?.value;
    if (value?.kind === 'PathValue') return value.text;
    if (value?.kind === 'StringValue') return value.value;
    return undefined;
  }

  /** A field-path setting (`group = customer.id`) as its segments. */
  fieldPath(owner: DeclarationSymbol | Edge | SettingsMap, name: string): FieldPath | undefined {
    const value = this.setting(owner, name)?.value;
    return value?.kind === 'PathValue' ? value.segments.map((s) => s.text) : undefined;
  }

  /**
   * A duration setting in `unit`, or undefined when absent or when it does not divide evenly
   * (that is reported once, by the duration-unit rule).
   */
  duration(owner: DeclarationSymbol | Edge | SettingsMap, name: string, unit: DurationUnit = 'seconds'): number | undefined {
    const value = this.setting(owner, name)?.value;
    if (value?.kind !== 'DurationValue') return undefined;
    const per = millisecondsPer[unit];
    return value.milliseconds % per === 0 ? value.milliseconds / per : undefined;
  }

  /** The declaration a reference setting names (`dlq = dead`, `on_failure = q`). */
  referenced(owner: DeclarationSymbol | Edge, name: string): DeclarationSymbol | undefined {
    const value = this.setting(owner, name)?.value;
    if (value?.kind !== 'PathValue' || value.segments.length !== 1) return undefined;
    return this.program.declarations.get(value.text);
  }

  // Effective values (the user's setting, else the app's, else AWS's default)

  functionTimeoutSeconds(fn: DeclarationSymbol): number {
    return this.duration(fn, 'timeout') ?? this.duration(this.program.appSettings, 'timeout') ?? lambda.timeoutSecondsDefault;
  }

  queueVisibilitySeconds(queue: DeclarationSymbol): number {
    return this.duration(queue, 'visibility') ?? sqs.visibilityTimeoutSecondsDefault;
  }

  queueRetentionSeconds(queue: DeclarationSymbol): number {
    return this.duration(queue, 'retention') ?? sqs.messageRetentionSecondsDefault;
  }

  isFifo(symbol: DeclarationSymbol): boolean {
    if (symbol.kind === 'queue') return this.queue(symbol).fifo;
    if (symbol.kind === 'topic') return this.topic(symbol).fifo;
    return false;
  }

  /** Whether anything invokes the function asynchronously: SNS, an EventBridge rule, or a destination. */
  isInvokedAsync(fn: DeclarationSymbol): boolean {
    return this.typed.edgesInto(fn.name).some((e) => e.kind === 'subscription' || e.kind === 'rule' || e.kind === 'destination');
  }

  /** Functions whose code writes to a declaration (`sends`). */
  sendersTo(name: string): readonly DeclarationSymbol[] {
    return this.typed.sendersTo(name);
  }
}
