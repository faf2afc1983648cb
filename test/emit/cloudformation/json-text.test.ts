import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cloudFormationLimits, emitCloudFormation, layoutTemplates } from '../../../compiler/emit/cloudformation/index.js';
import { compactJsonLength, printTemplateJson, ResourceTexts } from '../../../compiler/emit/cloudformation/json-text.js';
import { serializeTemplate } from '../../../compiler/emit/cloudformation/serialize.js';
import type { Resource, Template } from '../../../compiler/emit/cloudformation/template.js';
import { generateFlow } from '../../../bench/generate.js';
import { compileText } from '../../../compiler/program.js';

/** Strings with what JSON escapes or keeps raw: quotes, backslashes, controls, line breaks, U+2028, lone surrogates, spaces. */
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', ' ', ':', '{', '[', ',', '\u2028', '\ud800', '\u0001', 'é', 'a') }),
  fc.string({ unit: 'grapheme' }),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
})).value;

const resource: fc.Arbitrary<Resource> = fc.record({
  Type: text,
  Properties: fc.dictionary(text, json, { maxKeys: 5 }),
  Metadata: fc.record({ flowc: fc.record({ name: text, line: fc.nat(), column: fc.nat() }) }),
}) as fc.Arbitrary<Resource>;

const template: fc.Arbitrary<Template> = fc.record(
  {
    AWSTemplateFormatVersion: fc.constant('2010-09-09' as const),
    Description: text,
    Metadata: fc.record({ flowc: fc.record({ generated: text }) }),
    Parameters: fc.dictionary(text, fc.record({ Type: fc.constant('String' as const), Description: text }), { maxKeys: 3 }),
    Resources: fc.dictionary(text, resource, { maxKeys: 5 }),
    Outputs: fc.dictionary(text, fc.record({ Value: json }), { maxKeys: 3 }),
  },
  { requiredKeys: ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Resources'] },
) as fc.Arbitrary<unknown> as fc.Arbitrary<Template>;

describe('JSON templates printed a resource at a time (json-text.ts)', () => {
  test('compactJsonLength of the indented text is the length of the compact text', () => {
    fc.assert(fc.property(json, (value) => compactJsonLength(JSON.stringify(value, null, 2)) === JSON.stringify(value).length), { numRuns: 500 });
  });

  test('a resource is sized as JSON.stringify sizes it, from its printed entry', () => {
    fc.assert(
      fc.property(text, resource, (id, r) => new ResourceTexts().sizeOf(id, r) === JSON.stringify(r).length),
      { numRuns: 300 },
    );
  });

  test('printTemplateJson writes what JSON.stringify(template, null, 2) writes', () => {
    fc.assert(fc.property(template, (t) => printTemplateJson(t, new ResourceTexts()) === `${JSON.stringify(t, null, 2)}\n`), { numRuns: 300 });
  });

  test('nested stacks: the emitted JSON is each template of the layout as serializeTemplate prints it', () => {
    const result = compileText('app.flow', generateFlow(200));
    if (!result.manifest) throw new Error('the benchmark flow does not compile');
    const limits = { ...cloudFormationLimits, resources: 150 };
    const { files } = emitCloudFormation(result.manifest, { format: 'json', limits });
    const { templates } = layoutTemplates(result.manifest, { format: 'json', limits });
    expect(templates.size).toBeGreaterThan(2);
    expect([...files.keys()]).toEqual([...templates.keys()]);
    for (const [path, t] of templates) expect(files.get(path)).toBe(serializeTemplate(t, 'json', ''));
  });
});
