/**
 * EventBridge wildcard values (aws/event-ruler `WildcardParser.java`): `*` stands for any run of
 * characters, `\*` for a star and `\\` for a backslash; two stars in a row and a backslash before
 * anything else are refused.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */

/** The value as a regular expression over the whole string, or a sentence saying why EventBridge refuses it. */
export function parseWildcard(value: string): RegExp | string {
  let source = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === '*') {
      if (value[i + 1] === '*') return 'two `*` in a row are not allowed';
      source += '[\\s\\S]*';
    } else if (ch === '\\') {
      const next = value[i + 1];
      if (next !== '*' && next !== '\\') return 'a backslash must be followed by `*` or another backslash';
      source += `\\${next}`;
      i++;
    } else {
      source += ch.replace(/[.+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
