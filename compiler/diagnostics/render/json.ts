import type { SourceFile } from '../../source/source-file.js';
import type { Span } from '../../source/span.js';
import { codes } from '../codes.js';
import type { Diagnostic, Label } from '../diagnostic.js';

/**
 * The JSON contract (editors and CI depend on it): every element has `code`, `severity`,
 * `message`, `file`, `line` and `column` (1-based, start of the primary span). The rest is
 * additive: new fields may appear, these never change meaning.
 */
export interface JsonDiagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly slug: string;
  readonly label?: string;
  readonly secondary: readonly JsonLabel[];
  /** Places in other files (a handler's function in the .flow file); absent when there is none. */
  readonly related?: readonly JsonRelated[];
  readonly why?: string;
  readonly help?: string;
  readonly notes: readonly string[];
  /** Mechanical fixes (absent when there is none): docs/diagnostics/README.md, "Suggested edits". */
  readonly suggestions?: readonly JsonSuggestion[];
}

export interface JsonSuggestion {
  readonly title: string;
  readonly applicability: 'machine-applicable' | 'maybe-incorrect';
  /** Applied together; ranges are in the original text and never overlap. */
  readonly edits: readonly JsonEdit[];
}

/** Replace the text from line:column to endLine:endColumn (1-based, end exclusive) with `replacement`. */
export interface JsonEdit {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly replacement: string;
}

export interface JsonRelated extends JsonLabel {
  readonly file: string;
}

export interface JsonLabel {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function toJsonDiagnostic(diagnostic: Diagnostic, displayPath: (path: string) => string = (p) => p): JsonDiagnostic {
  const range = rangeOf(diagnostic, diagnostic.primary);
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    file: displayPath(diagnostic.source.path),
    line: range.line,
    column: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
    slug: codes[diagnostic.code].slug,
    ...(diagnostic.primary.message ? { label: diagnostic.primary.message } : {}),
    secondary: diagnostic.secondary.map((label) => ({ message: label.message, ...rangeOf(diagnostic, label) })),
    ...(diagnostic.related === undefined
      ? {}
      : { related: diagnostic.related.map((r) => ({ file: displayPath(r.source.path), message: r.message, ...positions(r.source, r.span) })) }),
    ...(diagnostic.why === undefined ? {} : { why: diagnostic.why }),
    ...(diagnostic.help === undefined ? {} : { help: diagnostic.help }),
    notes: diagnostic.notes,
    ...(diagnostic.suggestions === undefined
      ? {}
      : {
          suggestions: diagnostic.suggestions.map((s) => ({
            title: s.title,
            applicability: s.applicability,
            edits: s.edits.map((e) => ({ ...spanRange(diagnostic, e.span), replacement: e.replacement })),
          })),
        }),
  };
}

export function renderJson(diagnostics: readonly Diagnostic[], displayPath?: (path: string) => string): string {
  return JSON.stringify(
    diagnostics.map((d) => toJsonDiagnostic(d, displayPath)),
    null,
    2,
  );
}

function rangeOf(diagnostic: Diagnostic, label: Label) {
  return spanRange(diagnostic, label.span);
}

function spanRange(diagnostic: Diagnostic, at: Span) {
  return positions(diagnostic.source, at);
}

function positions(source: SourceFile, at: Span) {
  const start = source.position(at.start);
  const end = source.position(at.end);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
