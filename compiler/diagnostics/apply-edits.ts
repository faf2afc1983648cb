import type { Diagnostic, TextEdit } from './diagnostic.js';

/**
 * The machine-applicable edits of these diagnostics that `flowc check --fix` applies: the
 * first such suggestion of each diagnostic, whole, and only when none of its edits overlaps
 * an edit already taken (the earlier diagnostic wins; the other stays for the next run).
 */
export function safeEdits(diagnostics: readonly Diagnostic[]): { edits: TextEdit[]; fixed: Diagnostic[] } {
  const edits: TextEdit[] = [];
  const fixed: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const suggestion = diagnostic.suggestions?.find((s) => s.applicability === 'machine-applicable');
    if (suggestion === undefined || suggestion.edits.length === 0) continue;
    if (suggestion.edits.some((e) => edits.some((taken) => overlaps(e, taken)))) continue;
    edits.push(...suggestion.edits);
    fixed.push(diagnostic);
  }
  return { edits, fixed };
}

/** Two edits overlap when their spans share text, or both insert at one place (their order would be a guess). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.span.start === a.span.end && b.span.start === b.span.end) return a.span.start === b.span.start;
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

/** Applies non-overlapping edits, all given in offsets of the original text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let at = 0;
  for (const edit of ordered) {
    out += text.slice(at, edit.span.start) + edit.replacement;
    at = Math.max(at, edit.span.end);
  }
  return out + text.slice(at);
}
