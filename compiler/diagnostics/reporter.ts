import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import { codes, type Code } from './codes.js';
import type { Diagnostic, Label, RelatedLabel, Severity, Suggestion } from './diagnostic.js';

export interface ReportOptions {
  /** Text under the primary span; defaults to nothing. */
  readonly label?: string;
  readonly secondary?: readonly Label[];
  /** Places in other files (the .flow line of a handler's function). */
  readonly related?: readonly RelatedLabel[];
  readonly why?: string;
  readonly help?: string;
  readonly notes?: readonly string[];
  /** Overrides the catalogue's severity (e.g. a rule that is an error in one case, a warning in another). */
  readonly severity?: Severity;
  readonly suggestions?: readonly Suggestion[];
}

/**
 * Collects the diagnostics of one file. Every phase reports through one of these, so the
 * severity comes from the catalogue and nothing is reported without a code.
 */
export class Reporter {
  readonly source: SourceFile;
  readonly #diagnostics: Diagnostic[] = [];

  constructor(source: SourceFile) {
    this.source = source;
  }

  report(code: Code, at: Span, message: string, options: ReportOptions = {}): Diagnostic {
    const diagnostic: Diagnostic = {
      code,
      severity: options.severity ?? codes[code].severity,
      message,
      source: this.source,
      primary: { span: at, message: options.label ?? '' },
      secondary: options.secondary ?? [],
      ...(options.related === undefined || options.related.length === 0 ? {} : { related: options.related }),
      ...(options.why === undefined ? {} : { why: options.why }),
      ...(options.help === undefined ? {} : { help: options.help }),
      notes: options.notes ?? [],
      ...(options.suggestions === undefined || options.suggestions.length === 0 ? {} : { suggestions: options.suggestions }),
    };
    this.#diagnostics.push(diagnostic);
    return diagnostic;
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.#diagnostics;
  }

  get errorCount(): number {
    let count = 0;
    for (const d of this.#diagnostics) if (d.severity === 'error') count++;
    return count;
  }
}
