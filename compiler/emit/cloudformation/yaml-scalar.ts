/**
 * How one scalar of a template is written in YAML: the one place that decides plain, single-
 * or double-quoted, for keys and values alike.
 *
 * A template must read as exactly its JSON data under every parser that reads CloudFormation
 * YAML: PyYAML (the AWS CLI, SAM and cfn-lint; YAML 1.1, pure Python or libyaml), the `yaml`
 * package in its 1.1 and 1.2 modes, and CloudFormation itself (YAML 1.1). So a string is
 * plain only when no parser could read it as anything else: no YAML indicator where one
 * counts, no null, boolean, number, date, merge key (`<<`) or PyYAML value key (`=`) of YAML
 * 1.1 or 1.2, and only characters that YAML 1.1 and 1.2 both print raw and neither reads as a
 * line break. Otherwise it is double-quoted, with escapes for every character outside that
 * set; or single-quoted when it holds a `"` and no `'` and needs no escape. Every choice of
 * the `yaml` package that was already safe is kept, so templates of ordinary text print as
 * before.
 *
 * YAML 1.1 https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html (https://yaml.org/spec/1.1/#id868518) and 1.2 https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html
 * (https://yaml.org/spec/1.2.2/#51-character-set) allow raw only TAB, LF, CR, U+0020–U+007E,
 * U+0085, U+00A0–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF; PyYAML's reader refuses any other
 * character anywhere in the stream, and YAML 1.1 reads U+0085, U+2028 and U+2029 as line breaks.
 */
export function yamlString(text: string): string {
  if (NEEDS_ESCAPE.test(text)) return doubleQuoted(text);
  if (!PLAIN_IS_READ_OTHERWISE.test(text) && !NOT_A_STRING.test(text)) return text;
  // Single quotes escape nothing (`''` is a quote), so only text without `'` is worth them.
  return text.includes('"') && !text.includes("'") ? `'${text}'` : doubleQuoted(text);
}

/**
 * A number as JSON writes it, which every parser reads as that number, except an exponent
 * without a point: PyYAML's floats need one (`1e+21` is a string to it), so `1.0e+21`.
 */
export function yamlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`internal: ${value} in a template`);
  const json = JSON.stringify(value);
  const e = json.indexOf('e');
  return e === -1 || json.includes('.') ? json : `${json.slice(0, e)}.0${json.slice(e)}`;
}

/**
 * Characters no scalar may hold raw: C0 controls (TAB, LF and CR too: a plain or single-quoted
 * scalar would fold or end at them), DEL and C1 controls (U+0085 too: a line break in YAML 1.1),
 * U+2028, U+2029, the byte order mark (only allowed at the start of a stream), the
 * noncharacters U+FFFE and U+FFFF, and lone surrogates.
 */
const NEEDS_ESCAPE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\p{Cs}/u;

/**
 * Plain text that is not read as that text, or not as one scalar (the `yaml` package's rules,
 * which agree with PyYAML's scanner for text without line breaks or tabs): an indicator first
 * (`- `, `? `, `: `, `,`, `[`, `]`, `{`, `}`, `#`, `&`, `*`, `!`, `|`, `>`, `'`, `"`, `%`, `@`,
 * a backquote), a lone `-`, `?` or `:`, `: ` or ` #` inside, a space or `:` last, or a document
 * marker first (`---`, `...`: a directive or a new document at the start of a line).
 */
const PLAIN_IS_READ_OTHERWISE = /^[ ,[\]{}#&*!|>'"%@`]|^[?:-]$|^[?-] |: | #|[ :]$|^(?:---|\.\.\.)/;

/**
 * Plain scalars that some parser resolves to something other than a string: the implicit
 * types of YAML 1.1 (PyYAML's resolver.py and the `yaml` package's 1.1 schema, whichever is
 * wider) and of the YAML 1.2 core schema. Dates are matched wider than either (a date and
 * anything after a space or `T`).
 */
const NOT_A_STRING = new RegExp(
  `^(?:${[
    // null: empty, `~`, `null`
    '|~|null|Null|NULL',
    // booleans (`y` and `n` for the `yaml` package's 1.1 schema)
    '[yYnN]|[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF',
    // YAML 1.1's merge key and PyYAML's value key (which its safe loader cannot even construct)
    '<<|=',
    // integers: binary, decimal and octal (`0755`) with `_`, hexadecimal, 1.2 octal (`0o17`)
    '[-+]?0b[01_]+|[-+]?[0-9][0-9_]*|[-+]?0x[0-9a-fA-F_]+|0o[0-7]+',
    // sexagesimal integers and floats (`1:30`, `1:30.5`)
    '[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?',
    // floats: with an exponent (1.1: `e5` and `.e5` too), with a point (1.1: `.` and `-.` too), infinities, NaN
    '[-+]?(?:[0-9][0-9_]*)?(?:\\.[0-9_]*)?[eE][-+]?[0-9]+|[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*',
    '[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)',
    // timestamps: a date, alone or with anything after `T`, `t`, a space or a tab
    '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \\t].*)?',
  ].join('|')})$`,
);

/**
 * `"…"` with escapes that YAML 1.1 and 1.2 parsers all know: JSON's (`\"`, `\\`, `\b`, `\f`,
 * `\n`, `\r`, `\t`, `\uXXXX`), the short forms YAML prefers for other C0 controls (as the `yaml`
 * package writes them), and escapes for what JSON leaves raw but YAML cannot hold (DEL, C1,
 * U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF). Lone surrogates stay `\uD800`, which PyYAML's pure
 * loader and the `yaml` package read back, though libyaml refuses them; a .flow file cannot
 * hold one (FL1005, FL1006).
 */
function doubleQuoted(text: string): string {
  return JSON.stringify(text).replace(TO_ESCAPE, (match, control: string | undefined) => {
    if (control !== undefined) return CONTROL_ESCAPES[control] ?? `\\x${control}`;
    if (match.length > 1) return match;
    return RAW_ESCAPES[match] ?? `\\x${match.charCodeAt(0).toString(16)}`;
  });
}

/** In JSON text: an escape (whole, so `\\u0000` is a backslash and `u0000`), with the code of a `\u00XX` one; or a raw character to escape. */
const TO_ESCAPE = /\\(?:u00([01][0-9a-f])|.)|[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;

const CONTROL_ESCAPES: Readonly<Record<string, string>> = { '00': '\\0', '07': '\\a', '0b': '\\v', '1b': '\\e' };

const RAW_ESCAPES: Readonly<Record<string, string>> = {
  '\x85': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
  '\ufeff': '\\ufeff',
  '\ufffe': '\\ufffe',
  '\uffff': '\\uffff',
};
