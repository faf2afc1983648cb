import type { Diagnostic } from '../diagnostic.js';

/** One line per diagnostic, the format CI logs and editors' problem matchers expect. */
export function renderShort(diagnostic: Diagnostic, displayPath: (path: string) => string = (p) => p): string {
  const { line, column } = diagnostic.source.position(diagnostic.primary.span.start);
  return `${displayPath(diagnostic.source.path)}:${line}:${column}: ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
}
