import type { SourceFile } from '../../source/source-file.js';
import type { Diagnostic, Label } from '../diagnostic.js';

export interface PrettyOptions {
  /** ANSI colours; the CLI turns them on only on a TTY without NO_COLOR. */
  readonly color?: boolean;
  /** How the file path is shown (e.g. relative to the working directory). */
  readonly displayPath?: (path: string) => string;
}

const TAB_WIDTH = 4;
/** Source lines longer than this are shown as a window around the label. */
const MAX_LINE_WIDTH = 120;
/** Lines of context shown above a label before a gap marker is drawn. */
const CONTEXT_LINES = 0;

interface Style {
  error(text: string): string;
  warning(text: string): string;
  primary(text: string): string;
  secondary(text: string): string;
  gutter(text: string): string;
  bold(text: string): string;
}

function makeStyle(color: boolean): Style {
  const wrap = (open: string) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[0m` : text);
  return {
    error: wrap('1;31'),
    warning: wrap('1;33'),
    primary: wrap('31'),
    secondary: wrap('36'),
    gutter: wrap('34'),
    bold: wrap('1'),
  };
}

interface PlacedLabel {
  readonly line: number;
  /** 0-based display columns after tab expansion. */
  readonly from: number;
  readonly to: number;
  readonly message: string;
  readonly primary: boolean;
}

/**
 * Renders a diagnostic with a code frame in the style of codespan/rustc:
 *
 *     error[FL2001]: unknown name `setlements`
 *       ┌─ shop.flow:9:17
 *       │
 *     9 │ charge -> setlements
 *       │           ^^^^^^^^^^ no queue, topic, bus or function has this name
 *       │
 *       = help: did you mean `settlements`?
 */
export function renderPretty(diagnostic: Diagnostic, options: PrettyOptions = {}): string {
  const style = makeStyle(options.color ?? false);
  const source = diagnostic.source;
  const start = source.position(diagnostic.primary.span.start);
  const path = (options.displayPath ?? ((p: string) => p))(source.path);
  const severityText =
    diagnostic.severity === 'error'
      ? style.error(`error[${diagnostic.code}]`)
      : style.warning(`warning[${diagnostic.code}]`);

  const labels = placeLabels(source, [
    { ...diagnostic.primary, primary: true },
    ...diagnostic.secondary.map((l) => ({ ...l, primary: false })),
  ]);
  const lineNumbers = [...new Set(labels.map((l) => l.line))].sort((a, b) => a - b);
  const gutterWidth = String(lineNumbers[lineNumbers.length - 1] ?? start.line).length;
  const pad = ' '.repeat(gutterWidth);
  const bar = style.gutter('│');

  const out: string[] = [];
  out.push(`${severityText}${style.bold(`: ${diagnostic.message}`)}`);
  out.push(`${pad} ${style.gutter('┌─')} ${path}:${start.line}:${start.column}`);
  // A file-level problem (not text, too large, empty) has no code to show.
  const hasFrame = source.text.length > 0;
  if (hasFrame) out.push(`${pad} ${bar}`);
  let previousLine = 0;
  for (const line of hasFrame ? lineNumbers : []) {
    if (previousLine !== 0 && line > previousLine + 1 + CONTEXT_LINES) out.push(`${pad} ${style.gutter('·')}`);
    else if (previousLine !== 0 && line === previousLine + 2) {
      out.push(`${style.gutter(String(line - 1).padStart(gutterWidth))} ${bar} ${expandTabs(source.lineText(line - 1))}`.trimEnd());
    }
    const onLine = labels.filter((l) => l.line === line).sort((a, b) => a.from - b.from);
    const { text, shift } = window(expandTabs(source.lineText(line)), onLine[0]?.from ?? 0);
    out.push(`${style.gutter(String(line).padStart(gutterWidth))} ${bar} ${text}`.trimEnd());
    for (const label of onLine) {
      const from = label.from - shift;
      const width = Math.max(1, Math.min(label.to - label.from, MAX_LINE_WIDTH));
      const mark = (label.primary ? '^' : '-').repeat(width);
      const colored = label.primary ? style.primary : style.secondary;
      const message = label.message ? ` ${label.message}` : '';
      out.push(`${pad} ${bar} ${' '.repeat(from)}${colored(mark + message)}`.trimEnd());
    }
    previousLine = line;
  }
  if (hasFrame) out.push(`${pad} ${bar}`);
  const notes: [string, string | undefined][] = [
    ['why', diagnostic.why],
    ['help', diagnostic.help],
    ...diagnostic.notes.map((n): [string, string] => ['note', n]),
  ];
  for (const [kind, text] of notes) {
    if (text === undefined) continue;
    out.push(indentNote(`${pad} ${style.gutter('=')} ${style.bold(`${kind}:`)} `, text, pad.length + kind.length + 5));
  }
  return out.join('\n');
}

/** Places each label on the first line of its span; a label that spans lines underlines to the end of its first line. */
function placeLabels(source: SourceFile, labels: readonly (Label & { primary: boolean })[]): PlacedLabel[] {
  return labels.map((label) => {
    const from = source.position(label.span.start);
    const to = source.position(label.span.end);
    const raw = source.lineText(from.line);
    const endColumn = to.line === from.line ? to.column : raw.length + 1;
    return {
      line: from.line,
      from: displayColumn(raw, from.column - 1),
      to: Math.max(displayColumn(raw, from.column - 1) + 1, displayColumn(raw, endColumn - 1)),
      message: label.message,
      primary: label.primary,
    };
  });
}

/**
 * Long lines are cut to a window that shows the first label with some context before it,
 * marked with `…`, so a frame never wraps into noise.
 */
function window(line: string, firstLabelColumn: number): { text: string; shift: number } {
  if (line.length <= MAX_LINE_WIDTH) return { text: line, shift: 0 };
  const start = Math.max(0, Math.min(firstLabelColumn - 40, line.length - MAX_LINE_WIDTH));
  const end = start + MAX_LINE_WIDTH;
  const head = start > 0 ? '…' : '';
  const tail = end < line.length ? '…' : '';
  return { text: head + line.slice(start, end) + tail, shift: start - head.length };
}

function expandTabs(text: string): string {
  let out = '';
  for (const ch of text) out += ch === '\t' ? ' '.repeat(TAB_WIDTH - (out.length % TAB_WIDTH)) : ch;
  return out;
}

function displayColumn(line: string, index: number): number {
  return expandTabs(line.slice(0, index)).length;
}

function indentNote(prefix: string, text: string, visibleWidth: number): string {
  const [first = '', ...rest] = text.split('\n');
  return [prefix + first, ...rest.map((l) => ' '.repeat(visibleWidth) + l)].join('\n');
}
