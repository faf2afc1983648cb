import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';
import type { Code } from './codes.js';

export type Severity = 'error' | 'warning';

/** Replace the text of `span` with `replacement` (an empty span inserts). */
export interface TextEdit {
  readonly span: Span;
  readonly replacement: string;
}

/**
 * rustc's applicability: `machine-applicable` edits are certainly what the user meant and
 * `flowc check --fix` applies them; `maybe-incorrect` ones are offered (code actions) but
 * need a person to choose.
 */
export type Applicability = 'machine-applicable' | 'maybe-incorrect';

/** A fix as data: edits that are applied together, with a short title ("replace with `orders`"). */
export interface Suggestion {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly applicability: Applicability;
}

/** A place in the source with a short message: `^^^` under the primary, `---` under secondaries. */
export interface Label {
  readonly span: Span;
  readonly message: string;
}

/**
 * A place in another file that the problem concerns: the .flow line of the function whose
 * handler is wrong. Rendered as a frame of its own under the primary one (LSP's related
 * information, codespan's multi-file labels).
 */
export interface RelatedLabel {
  readonly source: SourceFile;
  readonly span: Span;
  readonly message: string;
}

/**
 * One problem found in one file. Rules produce data; the renderers in `render/` turn it into
 * text (pretty, short) or JSON. The message states the fact with names in backticks, `why`
 * gives the AWS consequence, `help` what to do (Biome: what, why, what to do).
 */
export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  readonly source: SourceFile;
  readonly primary: Label;
  readonly secondary: readonly Label[];
  /** Places in other files; absent when there is none. */
  readonly related?: readonly RelatedLabel[];
  readonly why?: string;
  readonly help?: string;
  readonly notes: readonly string[];
  /** Mechanical fixes, best first; absent when there is none. */
  readonly suggestions?: readonly Suggestion[];
}

export function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error';
}

/** Sort by position, then code, so that output is stable whatever order the phases ran in. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.source.path !== b.source.path) return a.source.path < b.source.path ? -1 : 1;
  return a.primary.span.start - b.primary.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
