import type { Diagnostic, Suggestion } from '../diagnostics/diagnostic.js';
import type { Analysis } from './analysis.js';

export interface Action {
  readonly title: string;
  readonly diagnostic: Diagnostic;
  readonly suggestion: Suggestion;
  /** A machine-applicable suggestion: the one `flowc check --fix` applies. */
  readonly preferred: boolean;
}

/** The suggested edits of the diagnostics that touch `[from, to]`: the quick fixes offered there. */
export function actionsIn(analysis: Analysis, from: number, to: number): Action[] {
  const out: Action[] = [];
  for (const diagnostic of analysis.diagnostics) {
    const at = diagnostic.primary.span;
    if (at.end < from || at.start > to) continue;
    for (const suggestion of diagnostic.suggestions ?? []) {
      out.push({ title: suggestion.title, diagnostic, suggestion, preferred: suggestion.applicability === 'machine-applicable' });
    }
  }
  return out;
}
