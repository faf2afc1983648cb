import fc from 'fast-check';

/**
 * Flows with hostile text in every position a user controls that reaches a template: env
 * values and names, pattern strings, numbers and keys, declaration and app names, and the
 * file name (the YAML header comment). For the template fuzz test (test/property/) and its
 * longer run (scripts/fuzz-templates.js).
 */

export interface HostileFlow {
  /** The path given to the compiler; its last segment is the file name in the header. */
  readonly path: string;
  readonly text: string;
  /** Lay the app out in nested stacks (a low resource limit), for the nested templates' scalars. */
  readonly nested: boolean;
  /** A value `flowc package` sets in the root template (as it sets the bucket and code keys). */
  readonly packaged: string;
}

/** Characters some YAML parser reads specially, rejects, or takes as a line break. */
export const PROBLEM_CHARACTERS = [
  '\t', '\n', '\r', '\0', '\x01', '\x07', '\x08', '\x0b', '\x0c', '\x1b', '\x1f', '\x7f', '\x80', '\x85', '\x9f', '\xa0',
  '\u00ad', '\u2028', '\u2029', '\u200b', '\ufeff', '\ufffe', '\uffff', '\ud7ff', '\ue000', '\ufffd', '\u{10000}', '\u{1f600}',
  '\u{10ffff}', '\u{fffe}', 'é', '日',
];

/** YAML indicators and the characters of numbers, dates and times. */
const SYNTAX_CHARACTERS = [...` :#-?'"!&*|>%@\`{}[],~=<.+\\/$`, ...'0123456789_eExXoObBtTzZnNyY'];

/** Whole scalars that some YAML 1.1 or 1.2 parser reads as something other than that string. */
export const TRICKY_SCALARS = [
  '', ' ', 'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'y', 'Y', 'n', 'N', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'true', 'True',
  'FALSE', 'null', 'Null', 'NULL', '~', '=', '<<', '1', '-1', '+1', '0', '-0', '017', '0755', '0o17', '0x1F', '0b101', '0b_',
  '1_000', '1_', '0_', '1:30', '-1:30', '190:20:30', '1:30.5', '1e3', '1E3', 'e5', '.e5', '1.', '1_.5', '._', '.5', '.', '-.',
  '3.14', '1.0e+21', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '2001-12-14', '2001-1-1', '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5', '2002-12-14 x', '---', '--- a', '...', '... a', '---x', '%YAML 1.1', '%x', '- a', '-', '? a', '?',
  ': a', ':', 'a:', 'a: b', 'a:b', 'a #b', 'a#b', '#a', '&a', '*a', '!a', '!Ref x', '!!str', '!GetAtt a.b', '|', '|-', '>', '>+',
  "'", '"', "it's", 'say "hi"', `both ' and "`, '@a', '`a', '[a]', '{a: 1}', 'a,b', '"quoted"', "'single'", 'a\\b', '\\',
  'Fn::GetAtt', '${AWS::Region}', 'a\tb', '\ta', 'a\t', 'a ', ' a', 'a\nb', 'a\n', '\n', 'a \nb', 'a\n b', 'x\r', '\r\n',
];

const hostileChar = fc.oneof(fc.constantFrom(...PROBLEM_CHARACTERS), fc.constantFrom(...SYNTAX_CHARACTERS), fc.constantFrom('a', 'b', 'Z'));

/** Any hostile string: a tricky scalar, a run of problem and syntax characters, any code points, a long line. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...TRICKY_SCALARS), weight: 3 },
  { arbitrary: fc.string({ unit: hostileChar, maxLength: 12 }), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom(...TRICKY_SCALARS), hostileChar, fc.constantFrom(...TRICKY_SCALARS)).map((parts) => parts.join('')), weight: 2 },
  // Any code point but lone surrogates, which a .flow file cannot hold (serialize tests cover them).
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom(...TRICKY_SCALARS), fc.integer({ min: 1000, max: 1100 })).map(([s, n]) => s + 'x'.repeat(n)), weight: 1 },
);

/**
 * Any JSON data with hostile strings (keys too, some past 1,024 characters), any numbers and
 * booleans, for the printer alone. With `loneSurrogates`, strings may hold them (libyaml cannot
 * read one, even escaped).
 */
export function hostileData(loneSurrogates: boolean): fc.Arbitrary<unknown> {
  const text = fc.oneof(
    fc.constantFrom(...TRICKY_SCALARS),
    fc.string({ unit: fc.oneof(hostileChar, fc.constantFrom(...(loneSurrogates ? ['\ud800', '\udfff'] : ['\\']))), maxLength: 8 }),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.string({ unit: fc.constantFrom('a', ' ', ':', '"'), minLength: 1020, maxLength: 1030 }),
  );
  return fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 3 }),
    map: fc.dictionary(text, tie('value'), { maxKeys: 3 }),
  })).value;
}

/** Identifiers some YAML parser reads as a boolean, null or number when plain. */
const TRICKY_NAMES = ['yes', 'Yes', 'no', 'No', 'NO', 'y', 'Y', 'n', 'N', 'on', 'On', 'ON', 'off', 'OFF', 'true', 'True', 'FALSE', 'null', 'Null', 'NULL', 'e', 'E', '_', 'inf', 'nan', 'x'];

/** A declaration name (and an app name, an env or pattern key): `[A-Za-z_][A-Za-z0-9_]*`. */
const identifier = fc.oneof(
  fc.constantFrom(...TRICKY_NAMES),
  fc.tuple(fc.constantFrom(...'abcxyzABN_'), fc.string({ unit: fc.constantFrom(...'aenoy_019'), maxLength: 6 })).map(([first, rest]) => first + rest),
);

/** A key past the 1,024 characters of an implicit YAML key. */
const longIdentifier = fc.integer({ min: 1000, max: 1100 }).map((n) => `k${'y'.repeat(n)}`);

/** Lambda accepts `[a-zA-Z][a-zA-Z0-9_]+` (FL4033). */
const envName = fc.oneof(longIdentifier, fc.constantFrom('yes', 'Yes', 'NO', 'on', 'ON', 'off', 'OFF', 'true', 'True', 'FALSE', 'null', 'Null', 'NULL'), identifier.filter((n) => /^[a-zA-Z][a-zA-Z0-9_]+$/.test(n)));

/** A .flow string literal for `text`: escapes for what the lexer needs escaped, and for the rest either escapes or raw characters. */
function literal(text: string, raw: boolean): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if ((code >= 0x20 && code < 0x7f) || (raw && code !== 0 && code !== 0x2028 && code !== 0x2029 && code !== 0x85)) out += ch;
    else out += `\\u{${code.toString(16)}}`;
  }
  return `${out}"`;
}

const literalOf = (text: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.tuple(text, fc.boolean()).map(([t, raw]) => literal(t, raw));

const patternNumber = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.constantFrom('0', '-0', '1000000000000000000000', '123456789012345678901234567890', '9007199254740993', '0.5', '-0.25', '0.000001', '0.0000001', '1.50'),
);

const patternValue = fc.oneof(literalOf(hostileString), patternNumber, fc.constantFrom('true', 'false'));

/**
 * `match { detail { … } }`: strings, numbers and booleans (or lists of them), one nested block.
 * The keys sit under `detail`: an event's top-level fields are EventBridge's own (FL3015).
 */
const pattern = fc
  .tuple(
    fc.uniqueArray(fc.oneof({ arbitrary: identifier, weight: 9 }, { arbitrary: longIdentifier, weight: 1 }), { minLength: 1, maxLength: 3 }),
    fc.array(fc.oneof(patternValue, fc.array(patternValue, { minLength: 1, maxLength: 3 }).map((vs) => `[${vs.join(', ')}]`)), { minLength: 3, maxLength: 3 }),
    identifier,
    fc.uniqueArray(identifier, { minLength: 1, maxLength: 2 }),
    fc.array(patternValue, { minLength: 2, maxLength: 2 }),
  )
  .map(([keys, values, nestedKey, nestedKeys, nestedValues]) => {
    const top = keys.filter((k) => k !== nestedKey).map((k, i) => `${k} = ${values[i] as string}`);
    const nested = nestedKeys.map((k, i) => `${k} = ${nestedValues[i] as string}`);
    return `match { detail { ${[...top, `${nestedKey} { ${nested.join(', ')} }`].join(', ')} } }`;
  });

const env = fc.uniqueArray(fc.tuple(envName, literalOf(hostileString)), { minLength: 1, maxLength: 4, selector: ([name]) => name }).map(
  (entries) => `env { ${entries.map(([name, value]) => `${name} = ${value}`).join(', ')} }`,
);

/** The base name of the file: any hostile text without `/` (or `\`, which flowc also splits paths at). */
const fileName = fc.oneof(fc.constant('app'), hostileString).map((name) => `${name.replace(/[/\\]/g, '_')}.flow`);

const eventFlow: fc.Arbitrary<HostileFlow> = fc
  .record({
    app: identifier,
    // bus, queue, two functions: distinct names (one namespace).
    names: fc.uniqueArray(identifier, { minLength: 4, maxLength: 4 }),
    envs: fc.array(env, { minLength: 2, maxLength: 2 }),
    patterns: fc.array(pattern, { minLength: 2, maxLength: 2 }),
    file: fileName,
    nested: fc.boolean(),
    packaged: hostileString,
  })
  .map(({ app, names, envs, patterns, file, nested, packaged }) => {
    const [bus, queue, f, g] = names as [string, string, string, string];
    const text = [
      `app ${app}`,
      `bus ${bus}`,
      `queue ${queue}`,
      `fn ${f} { ${envs[0] as string} }`,
      `fn ${g} { ${envs[1] as string} }`,
      `${bus} -> ${f} { ${patterns[0] as string} }`,
      `${bus} -> ${queue} { ${patterns[1] as string} }`,
      `${queue} -> ${g}`,
      '',
    ].join('\n');
    return { path: `project/${file}`, text, nested, packaged };
  });

/**
 * Where events come from: a schedule's constant input and a bucket notification's key filters
 * hold hostile strings, and so do the tags of the app and of a declaration (the values
 * AWS refuses are refused by the checker, and that flow is then skipped).
 */
/** The tricky scalars a tag value may hold: AWS takes letters, digits, spaces and `_ . : / = + - @` (FL4055). */
const tagScalar = fc.constantFrom(...TRICKY_SCALARS.filter((scalar) => /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(scalar)));

const sourcesFlow: fc.Arbitrary<HostileFlow> = fc
  .record({
    // S3 takes lowercase bucket names only (FL4080), and the bucket's name starts with the app's.
    app: identifier.map((name) => name.toLowerCase().replace(/_/g, 'x')),
    names: fc.uniqueArray(identifier, { minLength: 4, maxLength: 4 }),
    inputs: fc.array(literalOf(hostileString), { minLength: 2, maxLength: 2 }),
    keys: fc.array(literalOf(hostileString), { minLength: 2, maxLength: 2 }),
    tags: fc.array(fc.oneof(literalOf(hostileString), literalOf(tagScalar)), { minLength: 2, maxLength: 2 }),
    file: fileName,
    nested: fc.boolean(),
    packaged: hostileString,
  })
  .map(({ app, names, inputs, keys, tags, file, nested, packaged }) => {
    const [schedule, upper, f, g] = names as [string, string, string, string];
    const bucket = upper.toLowerCase().replace(/_/g, 'x');
    const text = [
      `app ${app} { tags { team = ${tags[0] as string} } }`,
      'type Tick = { source: string, note: string }',
      `schedule ${schedule}: Tick { every = 1h, input = { source = ${inputs[0] as string}, note = ${inputs[1] as string} } }`,
      `bucket ${bucket} { tags { owner = ${tags[1] as string} } }`,
      `fn ${f}(Tick)`,
      `fn ${g}`,
      `${schedule} -> ${f}`,
      `${bucket} -> ${g} { events = [created], prefix = ${keys[0] as string}, suffix = ${keys[1] as string} }`,
      '',
    ].join('\n');
    return { path: `project/${file}`, text, nested, packaged };
  });

export const hostileFlow: fc.Arbitrary<HostileFlow> = fc.oneof({ arbitrary: eventFlow, weight: 2 }, { arbitrary: sourcesFlow, weight: 1 });
