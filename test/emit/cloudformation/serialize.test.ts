import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Document, isScalar, parse, visit } from 'yaml';
import { describe, expect, test } from 'vitest';
import { generateFlow } from '../../../bench/generate.js';
import { cloudFormationLimits, layoutTemplates } from '../../../compiler/emit/cloudformation/index.js';
import { serializeTemplate, type YamlData, YamlPrinter } from '../../../compiler/emit/cloudformation/serialize.js';
import type { Template } from '../../../compiler/emit/cloudformation/template.js';
import { fixtureFolders, fixturesRoot } from '../../helpers/fixtures.js';
import { hostileData, TRICKY_SCALARS } from '../../helpers/hostile-flows.js';
import { manifestOf, manifestOfFile } from './helpers/compile.js';

const root = new URL('../../../', import.meta.url).pathname;

/**
 * The YAML the `yaml` package prints for `value` (YAML 1.1, no folding, no aliases; `0o17`
 * double-quoted), which was flowc's output before it wrote its own scalars: templates of
 * ordinary text must still print the same bytes. `=` is double-quoted too: the yaml package
 * prints it plain, which PyYAML reads as YAML 1.1's value key and refuses (a numeric pattern's
 * `numeric(= 5)` holds one).
 */
function packageYaml(value: unknown): string {
  const document = new Document(value, { version: '1.1', aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_, node) {
      if (isScalar(node) && typeof node.value === 'string' && /^(0o[0-7]+|=)$/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return document.toString({ lineWidth: 0, minContentWidth: 0 });
}

describe('YamlPrinter', () => {
  test('prints every template of the examples and valid fixtures (one stack and nested) and of a 200-function app as the yaml package did', () => {
    const manifests = [
      ...readdirSync(join(root, 'examples'), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => manifestOfFile(join(root, 'examples', e.name, `${e.name}.flow`))),
      ...fixtureFolders('valid').map((name) => manifestOfFile(join(fixturesRoot, 'valid', name, 'input.flow'))),
    ];
    const cases = [
      ...manifests.map((manifest) => ({ manifest, layouts: [cloudFormationLimits, { ...cloudFormationLimits, resources: 12 }] })),
      { manifest: manifestOf('app.flow', generateFlow(200)), layouts: [cloudFormationLimits] },
    ];
    for (const { manifest, layouts } of cases) {
      // One printer for all the templates of an app, as emitCloudFormation uses it.
      const printer = new YamlPrinter();
      for (const limits of layouts) {
        for (const [path, template] of layoutTemplates(manifest, { format: 'yaml', limits }).templates) {
          expect(printer.print(template), `${manifest.app} ${path}`).toBe(packageYaml(template));
        }
      }
    }
  });

  // Text without the characters and forms whose printing was unsafe and changed (yaml-scalar.ts):
  // tabs, line breaks and controls raw; plain document markers, dates followed by text, `<<`
  // and `=` (which PyYAML's safe loader cannot construct); `-0` and exponents without a point.
  const changed = /[\t\n\r]|^(?:---|\.\.\.)|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[Tt ]|^(?:<<|=)$/;
  const ordinaryString = fc
    .string({ unit: fc.constantFrom('a', 'Z', ' ', ':', '-', '#', "'", '"', '0', '1', '.', 'e', '!', '{', '}', ',', '*', '$', '/', '?', '~', 'é', '😀'), maxLength: 8 })
    .filter((s) => !changed.test(s));
  const ordinaryScalar = fc.oneof(
    fc.constantFrom(...TRICKY_SCALARS.filter((s) => !changed.test(s))),
    ordinaryString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).filter((n) => !Object.is(n, -0) && !String(n).includes('e')),
    fc.boolean(),
  );
  const ordinaryData = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, ordinaryScalar, tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(fc.oneof(ordinaryString, fc.constantFrom('yes', 'on', '1', '0o17', '~')), tie('value'), { maxKeys: 4 }),
  })).value;

  test('prints data of ordinary text as the yaml package did, byte for byte', () => {
    fc.assert(
      fc.property(fc.dictionary(ordinaryString, ordinaryData, { minKeys: 1, maxKeys: 4 }), (value) => {
        expect(new YamlPrinter().print(value as YamlData)).toBe(packageYaml(value));
      }),
      { numRuns: 2000 },
    );
  });

  test('any JSON data reads back as that data in YAML 1.1 and 1.2 (test/property has PyYAML read it too)', () => {
    fc.assert(
      fc.property(fc.array(hostileData(true), { minLength: 1, maxLength: 3 }), (values) => {
        // One printer for several documents, as for the templates of one app.
        const printer = new YamlPrinter();
        for (const value of values) {
          const text = printer.print(value as YamlData);
          // `merge: false`: the `yaml` package's 1.1 mode would take a plain `<<` key as a merge
          // key, but flowc quotes it, and a quoted `<<` is a key in every parser; a JSON number
          // reads back as that number (`-0` is 0, as in JSON).
          const expected: unknown = JSON.parse(JSON.stringify(value));
          expect(parse(text, { version: '1.1' })).toEqual(expected);
          expect(parse(text)).toEqual(expected);
        }
      }),
      { numRuns: 1500 },
    );
  });

  test('a key longer than 1,024 characters is explicit (`? key`), whatever its value', () => {
    const long = 'k'.repeat(1030);
    const text = new YamlPrinter().print({ a: { [long]: 'v', [`${long}2`]: { b: 1 }, [`${long}3`]: [1], [`${long}4`]: [], [`"${long}`]: 'q' }, c: [{ [long]: 1, d: 2 }] });
    expect(text).toBe(
      [
        'a:',
        `  ? ${long}`,
        '  : v',
        `  ? ${long}2`,
        '  :',
        '    b: 1',
        `  ? ${long}3`,
        '  :',
        '    - 1',
        `  ? ${long}4`,
        '  : []',
        `  ? '"${long}'`,
        '  : q',
        'c:',
        `  - ? ${long}`,
        '    : 1',
        '    d: 2',
        '',
      ].join('\n'),
    );
    const keyOf1024 = 'k'.repeat(1024);
    expect(new YamlPrinter().print({ [keyOf1024]: 1 })).toBe(`${keyOf1024}: 1\n`);
  });

  test('keys print like values: quoted when YAML would read them as something else', () => {
    expect(new YamlPrinter().print({ yes: 1, '1': 2, '---': 3, '%a': 4, 'a\nb': 5, '<<': { x: 1 }, '=': 6, '': 7, '!Ref': 8 })).toBe(
      '"1": 2\n"yes": 1\n"---": 3\n"%a": 4\n"a\\nb": 5\n"<<":\n  x: 1\n"=": 6\n"": 7\n"!Ref": 8\n',
    );
  });

  test('what is not JSON data is an internal error, never YAML that means something else', () => {
    for (const value of [{ a: null }, [undefined], { a: Number.NaN }, [Infinity], { a: () => 1 }]) {
      expect(() => new YamlPrinter().print(value as unknown as YamlData)).toThrow(/internal/);
    }
  });

  test('the JSON writer escapes lone surrogates (well-formed JSON.stringify) and is the same data', () => {
    const template = { Description: 'a\ud800b\udfff\u2028\x7f\x85' } as unknown as Template;
    const json = serializeTemplate(template, 'json', '# ignored');
    expect(json).toBe('{\n  "Description": "a\\ud800b\\udfff\u2028\x7f\x85"\n}\n');
    expect(JSON.parse(json)).toEqual(template);
  });
});
