/**
 * The lexer skips comments, so the formatter finds them in the text between two printed
 * tokens (the gap holds only white space, comments and the `,` separators that the formatter
 * re-prints itself). What it keeps of a gap: its comments, which line each is on, and where
 * blank lines are.
 */
export interface Comment {
  /** From `#` to the end of its line, trailing white space removed. */
  readonly text: string;
  /** On the line of the token before it (a trailing comment), not on a line of its own. */
  readonly trailing: boolean;
  /** A blank line comes before it. */
  readonly blankBefore: boolean;
}

export interface Trivia {
  readonly comments: readonly Comment[];
  /** A blank line comes between the last comment (or the previous token) and the token. */
  readonly blankBefore: boolean;
  /** The gap has a line break. */
  readonly newline: boolean;
}

const NONE: Trivia = { comments: [], blankBefore: false, newline: false };

/** The trivia of `text[from, to)`; `atStart` for the gap before the first token of the file. */
export function scanGap(text: string, from: number, to: number, atStart = false): Trivia {
  let newlines = 0;
  let sawNewline = false;
  let comments: Comment[] | undefined;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      newlines++;
      sawNewline = true;
      continue;
    }
    if (ch !== 35) continue; // white space or a `,`
    let end = text.indexOf('\n', i);
    if (end === -1 || end > to) end = to;
    comments ??= [];
    comments.push({ text: text.slice(i, end).trimEnd(), trailing: newlines === 0 && !atStart && comments.length === 0, blankBefore: newlines >= 2 });
    newlines = 0;
    i = end - 1;
  }
  if (comments === undefined && !sawNewline) return NONE;
  return { comments: comments ?? [], blankBefore: newlines >= 2, newline: sawNewline };
}
