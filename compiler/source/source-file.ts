import type { Span } from './span.js';

/** 1-based line and column, the way editors and compilers print them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * The text of one .flow file with a lazily built line index, so that offsets in spans can be
 * turned into line:column only when something is reported.
 */
export class SourceFile {
  readonly path: string;
  readonly text: string;
  #lineStarts: number[] | undefined;

  constructor(path: string, text: string) {
    this.path = path;
    this.text = text;
  }

  /** Offsets at which each line starts; line n (1-based) starts at `lineStarts[n - 1]`. */
  get lineStarts(): readonly number[] {
    if (this.#lineStarts === undefined) {
      const starts = [0];
      const text = this.text;
      // indexOf is native: a loop over every character runs cold in a CLI process (1,000
      // handler files, each indexed for one diagnostic), before V8 has optimised it.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.#lineStarts = starts;
    }
    return this.#lineStarts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Offset → 1-based line:column. Columns count UTF-16 code units, as LSP does by default. */
  position(offset: number): Position {
    const starts = this.lineStarts;
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - (starts[low] ?? 0) + 1 };
  }

  /** 1-based line:column → offset (clamped to the file). */
  offset(position: Position): number {
    const starts = this.lineStarts;
    const lineIndex = Math.max(0, Math.min(position.line - 1, starts.length - 1));
    const lineStart = starts[lineIndex] ?? 0;
    const lineEnd = this.lineEnd(lineIndex + 1);
    return Math.min(lineStart + Math.max(0, position.column - 1), lineEnd);
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const end = this.lineEnd(line);
    // A CRLF file's lines end in `\r`, which is not part of the text shown.
    return this.text.slice(start, end > start && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end);
  }

  slice(range: Span): string {
    return this.text.slice(range.start, range.end);
  }

  private lineEnd(line: number): number {
    const next = this.lineStarts[line];
    return next === undefined ? this.text.length : next - 1;
  }
}
