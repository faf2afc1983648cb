import type { SourceFile } from '../../source/source-file.js';
import type { Diagnostic, Label, RelatedLabel } from '../diagnostic.js';
import { formatCount } from '../count.js';

export interface PrettyOptions {
  /** ANSI colours; the CLI turns them on only on a TTY without NO_COLOR. */
  readonly color?: boolean;
  /** How the file path is shown (e.g. relative to the working directory). */
  readonly displayPath?: (path: string) => string;
}

const TAB_WIDTH = 4;
/** Source lines longer than this are shown as a window around the label. */
const MAX_LINE_WIDTH = 120;
/** Columns shown before the first label of a window. */
const WINDOW_CONTEXT = 40;
/** Lines of context shown above a label before a gap marker is drawn. */
const CONTEXT_LINES = 0;
/**
 * Labels drawn in one frame at most; the rest are counted on a last line. A frame of more is
 * unreadable, and its size would grow with the input (40,000 consumers of one queue).
 */
const MAX_LABELS = 50;

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

  const shownSecondary = diagnostic.secondary.slice(0, MAX_LABELS - 1);
  const hiddenLabels = diagnostic.secondary.length - shownSecondary.length;
  const labels = placeLabels(source, [
    { ...diagnostic.primary, primary: true },
    ...shownSecondary.map((l) => ({ ...l, primary: false })),
  ]);
  // Grouped once: each line then finds its labels without scanning all of them.
  const labelsByLine = new Map<number, PlacedLabel[]>();
  for (const label of labels) {
    const list = labelsByLine.get(label.line);
    if (list) list.push(label);
    else labelsByLine.set(label.line, [label]);
  }
  const lineNumbers = [...labelsByLine.keys()].sort((a, b) => a - b);
  const related = diagnostic.related ?? [];
  const relatedLines = related.map((r) => r.source.position(r.span.start).line);
  const gutterWidth = Math.max(String(lineNumbers[lineNumbers.length - 1] ?? start.line).length, ...relatedLines.map((l) => String(l).length));
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
      out.push(`${style.gutter(String(line - 1).padStart(gutterWidth))} ${bar} ${window(layoutOf(source, line - 1).expanded, 0).text}`.trimEnd());
    }
    const onLine = (labelsByLine.get(line) ?? []).sort((a, b) => a.from - b.from);
    const expanded = layoutOf(source, line).expanded;
    for (const group of windowGroups(onLine, expanded.length)) {
      const { text, shift } = window(expanded, group[0]?.from ?? 0);
      out.push(`${style.gutter(String(line).padStart(gutterWidth))} ${bar} ${text}`.trimEnd());
      for (const label of group) {
        const from = Math.max(0, label.from - shift);
        // The underline stays inside the window shown.
        const width = Math.max(1, Math.min(label.to - label.from, MAX_LINE_WIDTH, text.length - from));
        const mark = (label.primary ? '^' : '-').repeat(width);
        const colored = label.primary ? style.primary : style.secondary;
        const message = label.message ? ` ${label.message}` : '';
        out.push(`${pad} ${bar} ${' '.repeat(from)}${colored(mark + message)}`.trimEnd());
      }
    }
    previousLine = line;
  }
  if (hasFrame && hiddenLabels > 0) out.push(`${pad} ${style.gutter('·')} and ${formatCount(hiddenLabels)} more ${hiddenLabels === 1 ? 'place' : 'places'} not shown`);
  if (hasFrame) out.push(`${pad} ${bar}`);
  for (const label of related) out.push(...relatedFrame(label, { style, pad, gutterWidth, path: options.displayPath ?? ((p: string) => p) }));
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

/**
 * A place in another file, as a frame of its own with `---` under it:
 *
 *       ┌─ shop.flow:26:1
 *       │
 *    26 │ fn charge(Order) -> Receipt
 *       │ --------- the function whose handler this is
 *       │
 */
function relatedFrame(label: RelatedLabel, frame: { style: Style; pad: string; gutterWidth: number; path: (path: string) => string }): string[] {
  const { style, pad } = frame;
  const bar = style.gutter('│');
  const at = label.source.position(label.span.start);
  const out = [`${pad} ${style.gutter('┌─')} ${frame.path(label.source.path)}:${at.line}:${at.column}`];
  if (label.source.text.length === 0) return out;
  const [placed] = placeLabels(label.source, [{ span: label.span, message: label.message, primary: false }]);
  if (placed === undefined) return out;
  const { text, shift } = window(layoutOf(label.source, at.line).expanded, placed.from);
  const from = Math.max(0, placed.from - shift);
  const width = Math.max(1, Math.min(placed.to - placed.from, MAX_LINE_WIDTH, text.length - from));
  const message = label.message ? ` ${label.message}` : '';
  out.push(`${pad} ${bar}`);
  out.push(`${style.gutter(String(at.line).padStart(frame.gutterWidth))} ${bar} ${text}`.trimEnd());
  out.push(`${pad} ${bar} ${' '.repeat(from)}${style.secondary('-'.repeat(width) + message)}`.trimEnd());
  out.push(`${pad} ${bar}`);
  return out;
}

/** Places each label on the first line of its span; a label that spans lines underlines to the end of its first line. */
function placeLabels(source: SourceFile, labels: readonly (Label & { primary: boolean })[]): PlacedLabel[] {
  return labels.map((label) => {
    const from = source.position(label.span.start);
    const to = source.position(label.span.end);
    const layout = layoutOf(source, from.line);
    const endColumn = to.line === from.line ? to.column : layout.length + 1;
    const start = layout.display(from.column - 1);
    return {
      line: from.line,
      from: start,
      to: Math.max(start + 1, layout.display(endColumn - 1)),
      message: label.message,
      primary: label.primary,
    };
  });
}

/** A source line with its tabs expanded, and where each character lands on screen. */
interface LineLayout {
  readonly expanded: string;
  /** Characters in the line as written. */
  readonly length: number;
  /** The display column of the character at `index`. */
  display(index: number): number;
}

/**
 * Lines laid out once per file, not once per label: a line carrying thousands of labels (5,000
 * duplicate settings on one line) is expanded and indexed one time.
 */
const layouts = new WeakMap<SourceFile, Map<number, LineLayout>>();

function layoutOf(source: SourceFile, line: number): LineLayout {
  let lines = layouts.get(source);
  if (!lines) layouts.set(source, (lines = new Map()));
  let layout = lines.get(line);
  if (!layout) lines.set(line, (layout = layLine(source.lineText(line))));
  return layout;
}

function layLine(raw: string): LineLayout {
  if (!raw.includes('\t')) return { expanded: raw, length: raw.length, display: (index) => Math.min(index, raw.length) };
  // For each tab, its index and the display column just after it; a character's column is
  // that of the last tab before it plus its distance from that tab.
  const tabs: number[] = [];
  const after: number[] = [];
  let expanded = '';
  let column = 0;
  let copied = 0;
  for (let i = raw.indexOf('\t'); i !== -1; i = raw.indexOf('\t', i + 1)) {
    column += i - copied;
    const width = TAB_WIDTH - (column % TAB_WIDTH);
    expanded += raw.slice(copied, i) + ' '.repeat(width);
    column += width;
    copied = i + 1;
    tabs.push(i);
    after.push(column);
  }
  expanded += raw.slice(copied);
  const display = (index: number): number => {
    const clamped = Math.min(index, raw.length);
    let low = 0;
    let high = tabs.length - 1;
    let last = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if ((tabs[mid] as number) < clamped) {
        last = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return last === -1 ? clamped : (after[last] as number) + (clamped - (tabs[last] as number) - 1);
  };
  return { expanded, length: raw.length, display };
}

/**
 * The labels of one line, in groups that each fit one window of it: a long line with labels
 * far apart is shown once per group, so no label is drawn outside what is shown.
 */
function windowGroups(labels: readonly PlacedLabel[], lineLength: number): PlacedLabel[][] {
  if (lineLength <= MAX_LINE_WIDTH) return [[...labels]];
  const groups: PlacedLabel[][] = [];
  let current: PlacedLabel[] = [];
  for (const label of labels) {
    const first = current[0];
    if (first !== undefined && label.from - first.from > MAX_LINE_WIDTH - WINDOW_CONTEXT - 10) {
      groups.push(current);
      current = [];
    }
    current.push(label);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Long lines are cut to a window that shows the first label with some context before it,
 * marked with `…`, so a frame never wraps into noise.
 */
function window(line: string, firstLabelColumn: number): { text: string; shift: number } {
  if (line.length <= MAX_LINE_WIDTH) return { text: line, shift: 0 };
  const start = Math.max(0, Math.min(firstLabelColumn - WINDOW_CONTEXT, line.length - MAX_LINE_WIDTH));
  const end = start + MAX_LINE_WIDTH;
  const head = start > 0 ? '…' : '';
  const tail = end < line.length ? '…' : '';
  return { text: head + line.slice(start, end) + tail, shift: start - head.length };
}

function indentNote(prefix: string, text: string, visibleWidth: number): string {
  const [first = '', ...rest] = text.split('\n');
  return [prefix + first, ...rest.map((l) => ' '.repeat(visibleWidth) + l)].join('\n');
}
