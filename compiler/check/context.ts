import type { Code } from '../diagnostics/codes.js';
import type { Model } from '../elaborate/elaborate.js';
import type { ApiModel, AppModel, DeclarationModel, EdgeModel, FieldOf, FunctionModel, ModelItem, QueueModel, ScheduleModel, StreamModel, TableModel, TopicModel } from '../elaborate/model.js';
import type { Reporter, ReportOptions } from '../diagnostics/reporter.js';
import { invocationOf } from '../kinds/kind.js';
import type { DeclarationSymbol, Edge, ResolvedProgram } from '../resolve/program.js';
import type { Setting } from '../syntax/ast.js';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type { TypedProgram } from './typed-program.js';

/**
 * What a rule sees: the typed program, the model of compiler/elaborate/ (every setting's
 * effective value as a typed field, and where it came from: a rule never reads a setting by its
 * name, test/lint/setting-reads.test.ts holds to that), memoized graph queries, and a `report` bound to the rule's own code. Declarations damaged by a syntax error
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

  api(symbol: DeclarationSymbol): ApiModel {
    return this.#declaration(symbol, 'api');
  }

  schedule(symbol: DeclarationSymbol): ScheduleModel {
    return this.#declaration(symbol, 'schedule');
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

  /**
   * The setting written on the item, even with a value of the wrong form, without silencing the
   * visit: for a rule whose finding is that the setting is there at all, whatever its value
   * (FL4008: a FIFO trigger takes no window, `1500ms` or `2s`). Any other rule reads the field.
   */
  presentOn<T extends ModelItem>(item: T, field: FieldOf<T>): Setting | undefined {
    return this.model.provenance.asWritten(item, field);
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

  /** The model of any declaration. */
  declaration(symbol: DeclarationSymbol): DeclarationModel {
    const item = this.model.declarations.get(symbol.name);
    if (item === undefined) throw new Error(`internal: \`${symbol.name}\` is not in the model`);
    return item;
  }

  /** The declaration a reference field names (`deadLetterQueue`, `onFailure`, `idempotencyTable`), if it is one. */
  named(name: string | null): DeclarationSymbol | undefined {
    return name === null ? undefined : this.model.declarations.get(name)?.symbol;
  }

  /**
   * The dead-letter queue `queue` names in its written `dlq`, when it is another queue whose
   * declaration is whole: what the rules about a DLQ judge (a queue that is its own DLQ, or a
   * `dlq` naming something else, is FL4026's or resolve's).
   */
  deadLetterQueueOf(queue: DeclarationSymbol): { readonly setting: Setting; readonly dlq: DeclarationSymbol } | undefined {
    const item = this.queue(queue);
    const setting = this.writtenOf(item, 'deadLetterQueue');
    const dlq = this.named(item.deadLetterQueue);
    if (!setting || !dlq || dlq.kind !== 'queue' || dlq === queue || this.isDamaged(dlq.name)) return undefined;
    return { setting, dlq };
  }

  /** The `fifo = true` that makes a queue or topic FIFO, for a secondary label. */
  fifoSetting(symbol: DeclarationSymbol): Setting | undefined {
    const item = this.declaration(symbol);
    return item.kind === 'queue' || item.kind === 'topic' ? this.model.provenance.writtenOf(item, 'fifo') : undefined;
  }

  isFifo(symbol: DeclarationSymbol): boolean {
    if (symbol.kind === 'queue') return this.queue(symbol).fifo;
    if (symbol.kind === 'topic') return this.topic(symbol).fifo;
    return false;
  }

  /** Whether anything invokes the function asynchronously (`invocationOf`, compiler/kinds/kind.ts): SNS, an EventBridge rule or schedule, a destination, an S3 notification. */
  isInvokedAsync(fn: DeclarationSymbol): boolean {
    return this.typed.edgesInto(fn.name).some((e) => invocationOf[e.kind] === 'async');
  }

  /** Functions whose code writes to a declaration (`sends`). */
  sendersTo(name: string): readonly DeclarationSymbol[] {
    return this.typed.sendersTo(name);
  }
}
