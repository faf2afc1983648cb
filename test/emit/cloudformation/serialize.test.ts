import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { generateFlow } from '../../../bench/generate.js';
import { cloudFormationLimits, layoutTemplates } from '../../../compiler/emit/cloudformation/index.js';
import { documentYaml, YamlPrinter } from '../../../compiler/emit/cloudformation/serialize.js';
import { fixtureFolders, fixturesRoot } from '../../helpers/fixtures.js';
import { manifestOf, manifestOfFile } from './helpers/compile.js';

/**
 * The YAML printer writes the block structure itself and has the `yaml` package print the
 * scalars, once each; `documentYaml` has the package print the whole document. They must give
 * the same bytes, for every template and for any JSON data.
 */

const root = new URL('../../../', import.meta.url).pathname;

describe('YamlPrinter prints what the yaml package prints', () => {
  test('every template of the examples and valid fixtures, one stack and nested, and of a 200-function app', () => {
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
          expect(printer.block(template), `${manifest.app} ${path}`).toBe(documentYaml(template));
        }
      }
    }
  });

  // Strings YAML might read as something else, or that need quoting, escaping or care.
  const tricky = [
    '', ' ', 'a b', ' lead', 'trail ', 'yes', 'No', 'ON', 'off', 'y', 'n', '~', 'null', 'NULL', 'true', 'False', '.inf', '-.Inf', '.nan',
    '1', '-1', '0x1F', '0o17', '017', '0b101', '1_000', '1:20', '1:20:30.5', '1e3', '3.14', '2026-01-01', '2026-01-01T00:00:00Z',
    '-', '- a', '?', '? a', ':', 'a:', 'a: b', 'a:b', '#', 'a #b', 'a#b', '&a', '*a', '!a', '|', '>', "'", '"', "it's", 'say "hi"',
    `both ' and "`, '%', '@', '`', '[a]', '{a}', 'a,b', 'a\tb', '\t', 'x\r', '\u0000', '\u0007', '\u001b', '\u0085', '\u00a0', '\u2028',
    'é', '日本', '😀', '---', '--- a', '...', 'a---', '<<', '=', 'Fn::GetAtt', '${AWS::Region}', 'arn:${AWS::Partition}:sqs:x', 'x'.repeat(1100),
  ];
  const scalar = fc.oneof(
    fc.constantFrom(...tricky),
    fc.string({ maxLength: 8 }),
    fc.string({ unit: fc.constantFrom('a', ' ', ':', '-', '#', "'", '"', '0', '.', 'e', '\t', '!'), maxLength: 6 }),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
  );
  const key = fc.oneof(fc.constantFrom(...tricky), fc.string({ maxLength: 6 }));
  const data = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  })).value;

  test('any JSON data, whether the printer writes it or hands it to the yaml package', () => {
    fc.assert(
      fc.property(fc.array(data, { minLength: 1, maxLength: 3 }), (values) => {
        const printer = new YamlPrinter();
        for (const value of values) expect(printer.print(value)).toBe(documentYaml(value));
      }),
      { numRuns: 3000 },
    );
  });

  test('what it does not write itself (a line break, null, a document marker as a key) it leaves to the yaml package', () => {
    const printer = new YamlPrinter();
    for (const value of [{ a: 'x\ny' }, { 'a\nb': 1 }, { a: null }, { '---': 1 }, { '...x': 1 }, { '%a': 1 }, [new Date(0)]]) {
      expect(printer.block(value)).toBeUndefined();
      expect(printer.print(value)).toBe(documentYaml(value));
    }
    // What it had gathered before giving up is not kept as printed.
    expect(printer.block({ kept: 'kept', b: null })).toBeUndefined();
    expect(printer.block({ kept: 'kept' })).toBe('kept: kept\n');
  });

  test('the YAML of a map (a template) reads back, as YAML 1.1 and 1.2, as the data', () => {
    fc.assert(
      fc.property(fc.dictionary(key, data, { minKeys: 1, maxKeys: 4 }), (value) => {
        // Not a key `<<`: YAML 1.1 reads it as a merge key, printed as the yaml package prints it
        // (no name in a flow can be one).
        fc.pre(!JSON.stringify(value).includes('"<<":'));
        const text = new YamlPrinter().print(value);
        expect(parse(text, { version: '1.1' })).toEqual(value);
        expect(parse(text)).toEqual(value);
      }),
      { numRuns: 1000 },
    );
  });
});
