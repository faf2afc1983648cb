/**
 * A Wadler-style document algebra (Wadler, "A prettier printer"; the printer follows
 * Prettier's and Gleam's): text, line breaks that are a space (or nothing) when their group
 * fits on the line, groups, indentation. The printer chooses per group, outermost first, to
 * lay it out flat when the rest of the line fits in WIDTH columns, and to break every line of
 * the group otherwise. It yields lines with the alignment marks of `align.ts`, not a string.
 */

/** Lines longer than this are broken where the layout allows (alignment may add a little). */
const WIDTH = 100;

export type Doc = string | readonly Doc[] | Line | Group | Indent | IfBreak | LineSuffix | Mark | EntryEnd | BreakParent;

interface Line {
  readonly kind: 'line';
  /** Flat, a soft line is nothing and a line is a space; a hard line always breaks. */
  readonly flat: '' | ' ' | 'hard';
}
export interface Group {
  readonly kind: 'group';
  readonly contents: Doc;
  /** Broken whatever the width: set by the layout, or by `propagateBreaks` for a hard line inside. */
  broken: boolean;
  /**
   * An isolated group breaks only for a hard line directly in it, not for a broken group
   * inside it: a chain stays on one line when only a settings block at its end is broken.
   */
  readonly isolated: boolean;
}
interface Indent {
  readonly kind: 'indent';
  readonly contents: Doc;
}
interface IfBreak {
  readonly kind: 'if-break';
  readonly broken: Doc;
  readonly flat: Doc;
}
/** A trailing comment: printed at the end of the current line, ignored when measuring. */
interface LineSuffix {
  readonly kind: 'line-suffix';
  readonly text: string;
}
/** A column that `align.ts` lines up with the same kind of mark on neighbouring lines. */
interface Mark {
  readonly kind: 'mark';
  readonly align: AlignKind;
  readonly entry: number;
}
/** Where the entry of a mark ends: a mark aligns only when its entry is on one line. */
interface EntryEnd {
  readonly kind: 'entry-end';
  readonly entry: number;
}
/** Breaks the enclosing group, like a hard line, without a line of its own. */
interface BreakParent {
  readonly kind: 'break-parent';
}

export type AlignKind = 'type' | 'chain' | 'setting';

export const line: Doc = { kind: 'line', flat: ' ' };
export const softline: Doc = { kind: 'line', flat: '' };
export const hardline: Doc = { kind: 'line', flat: 'hard' };
export const breakParent: Doc = { kind: 'break-parent' };

export function group(contents: Doc, options: { broken?: boolean; isolated?: boolean } = {}): Group {
  return { kind: 'group', contents, broken: options.broken ?? false, isolated: options.isolated ?? false };
}
export const indent = (contents: Doc): Doc => ({ kind: 'indent', contents });
export const ifBreak = (broken: Doc, flat: Doc = ''): Doc => ({ kind: 'if-break', broken, flat });
export const lineSuffix = (text: string): Doc => ({ kind: 'line-suffix', text });
export const mark = (align: AlignKind, entry: number): Doc => ({ kind: 'mark', align, entry });
export const entryEnd = (entry: number): Doc => ({ kind: 'entry-end', entry });

/**
 * Marks every group that must break: one with a hard line directly in it, and (unless
 * isolated) one holding a broken group. Returns whether `doc` holds a direct hard line and
 * whether it holds any break, for the enclosing group.
 */
export function propagateBreaks(doc: Doc): { direct: boolean; any: boolean } {
  if (typeof doc === 'string') return { direct: false, any: false };
  if (Array.isArray(doc)) {
    let direct = false;
    let any = false;
    for (const part of doc as readonly Doc[]) {
      const inner = propagateBreaks(part);
      direct ||= inner.direct;
      any ||= inner.any;
    }
    return { direct, any };
  }
  const node = doc as Exclude<Doc, string | readonly Doc[]>;
  switch (node.kind) {
    case 'line':
      return node.flat === 'hard' ? { direct: true, any: true } : { direct: false, any: false };
    case 'break-parent':
      return { direct: true, any: true };
    case 'group': {
      const inner = propagateBreaks(node.contents);
      if (node.isolated ? inner.direct : inner.any) node.broken = true;
      return { direct: false, any: node.broken };
    }
    case 'indent':
      return propagateBreaks(node.contents);
    case 'if-break': {
      const broken = propagateBreaks(node.broken);
      const flat = propagateBreaks(node.flat);
      return { direct: broken.direct || flat.direct, any: broken.any || flat.any };
    }
    default:
      return { direct: false, any: false };
  }
}

export interface PrintedMark {
  readonly align: AlignKind;
  readonly column: number;
  readonly entry: number;
}

export interface PrintedLine {
  text: string;
  readonly marks: PrintedMark[];
  /** The trailing comment, without the spaces before it. */
  comment: string | undefined;
}

export interface Printed {
  readonly lines: PrintedLine[];
  /** The last line of each entry that has marks. */
  readonly entryEnds: Map<number, number>;
}

type Mode = 'flat' | 'break';
interface Command {
  readonly indent: number;
  readonly mode: Mode;
  readonly doc: Doc;
}

/** Prints a document whose breaks were propagated (`propagateBreaks`). */
export function print(doc: Doc, width = WIDTH): Printed {
  const lines: PrintedLine[] = [];
  const entryEnds = new Map<number, number>();
  let current: PrintedLine = { text: '', marks: [], comment: undefined };
  const newLine = (indentation: number) => {
    current.text = current.text.trimEnd();
    lines.push(current);
    current = { text: ' '.repeat(indentation), marks: [], comment: undefined };
  };
  const commands: Command[] = [{ indent: 0, mode: 'break', doc }];
  while (commands.length > 0) {
    const { indent: ind, mode, doc: next } = commands.pop() as Command;
    if (typeof next === 'string') {
      current.text += next;
      continue;
    }
    if (Array.isArray(next)) {
      for (let i = next.length - 1; i >= 0; i--) commands.push({ indent: ind, mode, doc: next[i] as Doc });
      continue;
    }
    const node = next as Exclude<Doc, string | readonly Doc[]>;
    switch (node.kind) {
      case 'line':
        if (mode === 'flat' && node.flat !== 'hard') current.text += node.flat;
        else newLine(ind);
        break;
      case 'group': {
        const flat = !node.broken && fits({ indent: ind, mode: 'flat', doc: node.contents }, commands, width - current.text.length, node.isolated);
        commands.push({ indent: ind, mode: flat ? 'flat' : 'break', doc: node.contents });
        break;
      }
      case 'indent':
        commands.push({ indent: ind + 2, mode, doc: node.contents });
        break;
      case 'if-break':
        commands.push({ indent: ind, mode, doc: mode === 'break' ? node.broken : node.flat });
        break;
      case 'line-suffix':
        current.comment = current.comment === undefined ? node.text : `${current.comment} ${node.text}`;
        break;
      case 'mark':
        current.marks.push({ align: node.align, column: current.text.length, entry: node.entry });
        break;
      case 'entry-end':
        entryEnds.set(node.entry, lines.length);
        break;
      case 'break-parent':
        break;
    }
  }
  current.text = current.text.trimEnd();
  lines.push(current);
  return { lines, entryEnds };
}

/**
 * Whether `next`, and then what follows it up to the next line break, fits in `remaining`
 * columns. Groups already broken count as breaking at their first line, and so does every
 * group inside an isolated one (`inner`): whether a chain breaks must not depend on whether
 * the block at its end is broken already, or formatting a second time would break it
 * differently.
 */
function fits(next: Command, rest: readonly Command[], remaining: number, inner = false): boolean {
  const stack: Command[] = [next];
  let restIndex = rest.length;
  while (remaining >= 0) {
    if (stack.length === 0) {
      if (restIndex === 0) return true;
      stack.push(rest[--restIndex] as Command);
      continue;
    }
    const { mode, doc } = stack.pop() as Command;
    if (typeof doc === 'string') {
      remaining -= doc.length;
      continue;
    }
    if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) stack.push({ indent: 0, mode, doc: doc[i] as Doc });
      continue;
    }
    const node = doc as Exclude<Doc, string | readonly Doc[]>;
    switch (node.kind) {
      case 'line':
        if (mode === 'break' || node.flat === 'hard') return true;
        remaining -= node.flat.length;
        break;
      case 'group':
        stack.push({ indent: 0, mode: node.broken || inner ? 'break' : mode, doc: node.contents });
        break;
      case 'indent':
        stack.push({ indent: 0, mode, doc: node.contents });
        break;
      case 'if-break':
        stack.push({ indent: 0, mode, doc: mode === 'break' ? node.broken : node.flat });
        break;
      default:
        break;
    }
  }
  return false;
}
