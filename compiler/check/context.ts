import { lambda, sqs } from '../../runtime/aws/limits.js';
import type { FieldPath } from '../../runtime/manifest/schema.js';
import type { Code } from '../diagnostics/codes.js';
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
    private readonly reporter: Reporter,
  ) {}

  get program(): ResolvedProgram {
    return this.typed.program;
  }

  /** The text of the file, for rules whose suggested edits follow its layout. */
  get source(): SourceFile {
    return this.typed.program.source;
  }

  /** Used by the runner: the code `report` raises while a rule's visitor runs. */
  withCode(code: Code): this {
    this.#code = code;
    return this;
  }

  /** Reports this rule's code. `options.severity` may turn an error rule's finding into a warning. */
  report(at: Span, message: string, options: ReportOptions = {}): void {
    this.reporter.report(this.#code, at, message, options);
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
    return (symbol.kind === 'queue' || symbol.kind === 'topic') && this.bool(symbol, 'fifo') === true;
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
