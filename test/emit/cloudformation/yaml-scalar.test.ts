import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { yamlNumber, yamlString } from '../../../compiler/emit/cloudformation/yaml-scalar.js';

/**
 * The quoting decision, class by class: what each parser that reads CloudFormation YAML
 * (PyYAML, libyaml, the `yaml` package in 1.1 and 1.2) would read differently if written
 * plain or raw. test/property/templates.prop.test.ts has PyYAML itself read fuzzed templates.
 */

/** Every printed scalar reads back as itself, as a value and as a key, in YAML 1.1 and 1.2. */
function expectReadsBack(text: string): void {
  const printed = yamlString(text);
  for (const version of ['1.1', '1.2'] as const) {
    expect(parse(`k: ${printed}\n`, { version }), `${JSON.stringify(text)} as a value in ${version}`).toEqual({ k: text });
    // (Past 1,024 characters a key must be explicit: YamlPrinter writes it so.)
    const asKey = parse(printed.length > 1024 ? `? ${printed}\n: 1\n` : `${printed}: 1\n`, { version, merge: false }) as Record<string, unknown>;
    expect(Object.keys(asKey), `${JSON.stringify(text)} as a key in ${version}`).toEqual([text]);
  }
}

function expectPrinted(cases: Record<string, string>): void {
  for (const [text, printed] of Object.entries(cases)) {
    expect(yamlString(text), JSON.stringify(text)).toBe(printed);
    expectReadsBack(text);
  }
}

describe('yamlString', () => {
  test('ordinary text stays plain, as the yaml package printed it', () => {
    const plain = [
      'AWS::SQS::Queue', 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:shop-orders', 'Fn::GetAtt', 'a b', 'a#b', 'a:b',
      ':a', '-a', '?a', 'a-', "it's", 'say "hi"', `both ' and "`, 'é', '日本', '😀', '\u00a0', 'a\u00a0', 'x'.repeat(2000),
      'a%', 'a---', 'a...', '1a', 'Yess', 'nul', 'true1', '0x', '0xg', '0b2', '1.2.3', '1:60', '2001-12', '<', '<<<', '==',
      '\\u0000', '\\', '~a', 'a~', '\u{10ffff}', '\ufffd',
    ];
    for (const text of plain) {
      expect(yamlString(text), JSON.stringify(text)).toBe(text);
      expectReadsBack(text);
    }
  });

  test('YAML 1.1 booleans (PyYAML reads `on`, `yes`, `off`; the yaml package `y`, `n` too) and 1.2 booleans are quoted', () => {
    for (const word of ['yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'y', 'Y', 'n', 'N', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']) {
      expectPrinted({ [word]: `"${word}"` });
    }
  });

  test('nulls are quoted: empty, ~, null', () => {
    expectPrinted({ '': '""', '~': '"~"', null: '"null"', Null: '"Null"', NULL: '"NULL"' });
  });

  test('YAML 1.1 integers (octal 0755, binary, underscores, sexagesimal 1:30) and 1.2 ones (0o17) are quoted', () => {
    for (const text of ['0', '-1', '+1', '017', '0755', '0o17', '0x1F', '0xff_ff', '0b101', '-0b1', '0b_', '1_000', '1_', '0_', '1:30', '-1:30', '190:20:30']) {
      expectPrinted({ [text]: `"${text}"` });
    }
  });

  test('floats of either version are quoted: a point, an exponent (1.1 reads `e5` and `.` too), sexagesimal, infinities, NaN', () => {
    for (const text of ['3.14', '1.', '.5', '.', '-.', '._', '1_.5', '1e3', '1E3', '1e+3', 'e5', '.e5', '1.0e+21', '1:30.5', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN']) {
      expectPrinted({ [text]: `"${text}"` });
    }
  });

  test('YAML 1.1 timestamps are quoted, with whatever follows the date', () => {
    for (const text of ['2001-12-14', '2001-1-1', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2001-12-14\tx', '2002-12-14 x']) {
      expectPrinted({ [text]: JSON.stringify(text) });
    }
  });

  test("PyYAML's value key `=` (its safe loader fails on it) and YAML 1.1's merge key `<<` are quoted", () => {
    expectPrinted({ '=': '"="', '<<': '"<<"' });
  });

  test('indicators where they count are quoted: first, alone, `: ` and ` #` inside, a space or `:` last, document markers', () => {
    expectPrinted({
      '- a': '"- a"', '-': '"-"', '? a': '"? a"', '?': '"?"', ':': '":"', ': a': '": a"', 'a:': '"a:"', 'a: b': '"a: b"', 'a #b': '"a #b"',
      '#a': '"#a"', ',a': '",a"', '[a]': '"[a]"', ']': '"]"', '{a: 1}': '"{a: 1}"', '}': '"}"', '|': '"|"', '|-': '"|-"', '>': '">"',
      '@a': '"@a"', '`a': '"`a"', '%YAML 1.1': '"%YAML 1.1"', ' a': '" a"', 'a ': '"a "', ' ': '" "', '---': '"---"', '--- a': '"--- a"',
      '---x': '"---x"', '...': '"..."', '... a': '"... a"',
    });
  });

  test('a tag, an anchor or an alias is never read: `!Ref x`, `!!str`, `&a`, `*a` are quoted', () => {
    expectPrinted({ '!Ref x': '"!Ref x"', '!GetAtt a.b': '"!GetAtt a.b"', '!!str': '"!!str"', '&a': '"&a"', '*a': '"*a"', '&a b': '"&a b"' });
  });

  test('quotes: single when the text holds `"` and no `\'`, double otherwise, with `\\"` and `\\\\` escaped', () => {
    expectPrinted({ '"x': `'"x'`, '"quoted"': `'"quoted"'`, "'x": `"'x"`, "'single'": `"'single'"`, [`'both"`]: `"'both\\""`, '"a\\': `'"a\\'`, '- "a"': `'- "a"'` });
  });

  test('tab, line feed and carriage return are escaped (PyYAML cannot read a raw tab in a plain scalar; breaks would fold)', () => {
    expectPrinted({ 'a\tb': '"a\\tb"', '\ta': '"\\ta"', 'a\nb': '"a\\nb"', 'a\n': '"a\\n"', 'a \nb': '"a \\nb"', '\r\n': '"\\r\\n"', 'x\r': '"x\\r"' });
  });

  test('other C0 controls are escaped, in the short forms YAML has for NUL, BEL, BS, VT, FF and ESC', () => {
    expectPrinted({ '\0': '"\\0"', '\x07': '"\\a"', '\b': '"\\b"', '\x0b': '"\\v"', '\f': '"\\f"', '\x1b': '"\\e"', '\x01': '"\\x01"', 'a\x1fb': '"a\\x1fb"' });
  });

  test('DEL and C1 controls, which PyYAML refuses raw anywhere, are escaped; NEL (a YAML 1.1 line break) as \\N', () => {
    expectPrinted({ '\x7f': '"\\x7f"', 'a\u0080b': '"a\\x80b"', '\x85': '"\\N"', 'a\x85b': '"a\\Nb"', '\x9f': '"\\x9f"' });
  });

  test('U+2028 and U+2029 (YAML 1.1 line breaks), the byte order mark and the noncharacters U+FFFE, U+FFFF are escaped', () => {
    expectPrinted({ 'a\u2028b': '"a\\Lb"', '\u2029': '"\\P"', '\ufeffa': '"\\ufeffa"', 'a\ufffe': '"a\\ufffe"', '\uffff': '"\\uffff"' });
  });

  test('lone surrogates are escaped (a pair is one character and stays raw)', () => {
    expectPrinted({ '\ud800': '"\\ud800"', 'a\udc00b': '"a\\udc00b"', '\ud83d\ude00\ud83d': '"😀\\ud83d"' });
  });

  test('a backslash sequence written out is not taken for an escape', () => {
    expectPrinted({ '\\u0000\t': '"\\\\u0000\\t"', '\\\x00': '"\\\\\\0"', '"\\x85\x85': '"\\"\\\\x85\\N"' });
  });
});

describe('yamlNumber', () => {
  test('a number is written as JSON writes it, but an exponent gets a point, which PyYAML needs to read a float', () => {
    expect([1e21, 5e-7, 1.5e300, 123, -5, 0.1, -0.25, -0, 9007199254740993].map(yamlNumber)).toEqual([
      '1.0e+21', '5.0e-7', '1.5e+300', '123', '-5', '0.1', '-0.25', '0', '9007199254740992',
    ]);
    for (const n of [1e21, 5e-7, 1.5e300, 0.1]) for (const version of ['1.1', '1.2'] as const) expect(parse(yamlNumber(n), { version })).toBe(n);
  });

  test('NaN and infinities are not JSON, so never in a template', () => {
    for (const n of [Number.NaN, Infinity, -Infinity]) expect(() => yamlNumber(n)).toThrow(/internal/);
  });
});
