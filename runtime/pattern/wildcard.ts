/**
 * EventBridge wildcard values (aws/event-ruler `WildcardParser.java`): `*` stands for any run of
 * characters, `\*` for a star and `\\` for a backslash; two stars in a row and a backslash before
 * anything else are refused.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */

/** The literal runs between the stars: `a*b*c` is `["a", "b", "c"]`, `*x` is `["", "x"]`. */
export type Wildcard = readonly string[];

/** The value as its literal runs, or a sentence saying why EventBridge refuses it. */
export function parseWildcard(value: string): Wildcard | string {
  const parts: string[] = [''];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === '*') {
      if (value[i + 1] === '*') return 'two `*` in a row are not allowed';
      parts.push('');
    } else if (ch === '\\') {
      const next = value[i + 1];
      if (next !== '*' && next !== '\\') return 'a backslash must be followed by `*` or another backslash';
      parts[parts.length - 1] += next;
      i++;
    } else {
      parts[parts.length - 1] += ch;
    }
  }
  return parts;
}

/**
 * Whether the whole of `text` matches: the first run at the start, the last at the end, the
 * others in order between them, each at its leftmost place (which is always enough for stars,
 * so the time is linear in the text for each run, with no backtracking).
 */
export function wildcardMatches(wildcard: Wildcard, text: string): boolean {
  const first = wildcard[0] as string;
  if (wildcard.length === 1) return text === first;
  const last = wildcard[wildcard.length - 1] as string;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < wildcard.length - 1; i++) {
    const run = wildcard[i] as string;
    const found = text.indexOf(run, at);
    if (found === -1 || found + run.length > end) return false;
    at = found + run.length;
  }
  return true;
}
