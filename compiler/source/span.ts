/**
 * A half-open range of UTF-16 offsets `[start, end)` into one source file. Every AST node carries
 * one; line and column are computed only when a diagnostic is rendered (graphql-js `Location`).
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/** The smallest span covering both. */
export function joinSpans(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
