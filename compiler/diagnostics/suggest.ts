import type { Span } from '../source/span.js';
import type { Suggestion } from './diagnostic.js';

/**
 * "Did you mean …?" candidates by optimal string alignment distance (Damerau–Levenshtein
 * restricted to adjacent transpositions), as Elm's `Reporting/Suggest.hs` and graphql-js
 * `suggestionList` do. Case differences count as half an edit so `Order` → `order` wins.
 */
export function suggest(input: string, candidates: Iterable<string>, max = 3, budget?: SuggestionBudget): string[] {
  const threshold = Math.max(1, Math.floor(input.length * 0.4));
  const scored: { name: string; distance: number }[] = [];
  const lowerInput = input.toLowerCase();
  for (const name of candidates) {
    if (name === input) continue;
    if (budget !== undefined && budget.comparisons-- <= 0) return [];
    const lower = name.toLowerCase();
    const distance = lower === lowerInput ? 0.5 : editDistance(lowerInput, lower, threshold);
    if (distance <= threshold) scored.push({ name, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : 1));
  return scored.slice(0, max).map((s) => s.name);
}

/** Returns the distance, or a value above `limit` as soon as it is certain to exceed it. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previousPrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * How many names one file's suggestions may compare in all. Each unknown name is compared
 * with every declared name, so a file of thousands of mistakes among thousands of
 * declarations would cost their product; past the budget, messages go without "did you mean".
 */
export class SuggestionBudget {
  comparisons = 1_000_000;
}

/** "did you mean `a`?" or "did you mean `a`, `b` or `c`?"; undefined when there is nothing close. */
export function didYouMean(input: string, candidates: Iterable<string>, budget?: SuggestionBudget): string | undefined {
  return didYouMeanOf(suggest(input, candidates, 3, budget));
}

/** The words of `didYouMean` for names already found. */
export function didYouMeanOf(found: readonly string[]): string | undefined {
  if (found.length === 0) return undefined;
  return `did you mean ${listWords(found.map((n) => `\`${n}\``), 'or')}?`;
}

/** `a`, `a or b`, `a, b or c`. */
export function listWords(words: readonly string[], conjunction: 'and' | 'or'): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/**
 * `replace with \`name\`` for each close name: one suggestion each, replacing `at`. Only a lone
 * candidate is machine-applicable; with two, a person has to choose.
 */
export function replaceWith(at: Span, names: readonly string[]): Suggestion[] {
  return names.map((name) => ({
    title: `replace with \`${name}\``,
    edits: [{ span: at, replacement: name }],
    applicability: names.length === 1 ? 'machine-applicable' : 'maybe-incorrect',
  }));
}
