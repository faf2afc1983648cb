import type { Printed, PrintedLine, PrintedMark } from './doc.js';

/** Spaces between the code of a line and its trailing comment, at the least. */
const COMMENT_GAP = 2;

/**
 * Lines up the printed lines the way gofmt's tabwriter does, then joins them:
 * - the marks of a run of neighbouring lines of one kind at one indentation (the `=` of
 *   `type` declarations, the first `->` of chains, the `=` of settings in a broken block),
 *   counting only entries written on one line: a line without such a mark ends the run;
 * - the trailing comments of a run of neighbouring lines that each have one, one column
 *   past the longest code of the run.
 * A blank line ends every run.
 */
export function alignLines(printed: Printed): string {
  const { lines, entryEnds } = printed;
  const marks = lines.map((line, index) => firstAlignableMark(line, index, entryEnds));
  for (let start = 0; start < lines.length; ) {
    const first = marks[start];
    if (first === undefined) {
      start++;
      continue;
    }
    const indentation = indentOf(lines[start] as PrintedLine);
    let end = start + 1;
    while (end < lines.length && marks[end]?.align === first.align && indentOf(lines[end] as PrintedLine) === indentation) end++;
    const column = Math.max(...marks.slice(start, end).map((m) => (m as PrintedMark).column));
    for (let i = start; i < end; i++) {
      const line = lines[i] as PrintedLine;
      const at = (marks[i] as PrintedMark).column;
      line.text = line.text.slice(0, at) + ' '.repeat(column - at) + line.text.slice(at);
    }
    start = end;
  }
  for (let start = 0; start < lines.length; ) {
    if (lines[start]?.comment === undefined) {
      start++;
      continue;
    }
    let end = start + 1;
    while (end < lines.length && lines[end]?.comment !== undefined) end++;
    const run = lines.slice(start, end);
    const column = Math.max(...run.map((l) => (l.text.length === 0 ? 0 : l.text.length + COMMENT_GAP)));
    for (const line of run) line.text = `${line.text.length === 0 ? '' : line.text.padEnd(column)}${line.comment}`;
    start = end;
  }
  return lines.map((l) => l.text).join('\n');
}

function firstAlignableMark(line: PrintedLine, index: number, entryEnds: ReadonlyMap<number, number>): PrintedMark | undefined {
  const mark = line.marks[0];
  if (mark === undefined || entryEnds.get(mark.entry) !== index) return undefined;
  return mark;
}

function indentOf(line: PrintedLine): number {
  return line.text.length - line.text.trimStart().length;
}
