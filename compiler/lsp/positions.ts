import type { Position, Range } from 'vscode-languageserver';
import type { SourceFile } from '../source/source-file.js';
import type { Span } from '../source/span.js';

/** A span as an LSP range: 0-based lines, UTF-16 columns (SourceFile counts columns the same way). */
export function toRange(source: SourceFile, at: Span): Range {
  return { start: toPosition(source, at.start), end: toPosition(source, at.end) };
}

function toPosition(source: SourceFile, offset: number): Position {
  const p = source.position(offset);
  return { line: p.line - 1, character: p.column - 1 };
}

export function toOffset(source: SourceFile, position: Position): number {
  return source.offset({ line: position.line + 1, column: position.character + 1 });
}
