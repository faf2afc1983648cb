import type { Pattern } from '../manifest/schema.js';

/**
 * The exact strings a pattern lets a top-level field be (`detail-type = ["A", "B"]`, also across
 * the alternatives of `any_of`), or undefined when it lets other values through: an operator, a
 * non-string value, or an alternative that does not constrain the field.
 */
export function exactStrings(pattern: Pattern, field: string): string[] | undefined {
  for (const entry of pattern.entries) {
    if (entry.kind !== 'field' || entry.name !== field) continue;
    if (entry.match.kind !== 'values') return undefined;
    const strings: string[] = [];
    for (const condition of entry.match.conditions) {
      if (condition.kind !== 'equals' || typeof condition.value !== 'string') return undefined;
      strings.push(condition.value);
    }
    return strings;
  }
  const anyOf = pattern.entries.find((e) => e.kind === 'anyOf');
  if (anyOf?.kind !== 'anyOf') return undefined;
  const union: string[] = [];
  for (const alternative of anyOf.alternatives) {
    const strings = exactStrings(alternative, field);
    if (strings === undefined) return undefined;
    for (const s of strings) if (!union.includes(s)) union.push(s);
  }
  return union;
}
