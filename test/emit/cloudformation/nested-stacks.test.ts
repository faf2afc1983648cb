import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generateFlow } from '../../../bench/generate.js';
import { buildTemplate, cloudFormationLimits, emitCloudFormation, layoutTemplates, type StackLimits } from '../../../compiler/emit/cloudformation/index.js';
import type { Template } from '../../../compiler/emit/cloudformation/template.js';
import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import { boundProblems } from './helpers/bounds.js';
import { manifestOf } from './helpers/compile.js';
import { flatten, layoutProblems } from './helpers/nested.js';
import { withOutputsUpTo } from '../../../compiler/emit/cloudformation/outputs.js';
import { rewriteReferences } from '../../../compiler/emit/cloudformation/references.js';
import { specProblems } from './helpers/spec.js';

const root = new URL('../../../', import.meta.url).pathname;
const example = (name: string) => manifestOf(`examples/${name}/${name}.flow`, readFileSync(join(root, 'examples', name, `${name}.flow`), 'utf8'));

function withoutDependsOn(resources: Template['Resources']): Record<string, object> {
  return Object.fromEntries(Object.entries(resources).map(([id, r]) => [id, { ...r, DependsOn: undefined }]));
}

/** Everything a nested layout must get right, against the one-stack template of the same manifest. */
function expectSoundLayout(manifest: FlowManifest, limits: StackLimits): ReadonlyMap<string, Template> {
  const { templates, rootFile } = layoutTemplates(manifest, { format: 'json', limits });
  expect(layoutProblems(templates, rootFile, limits)).toEqual([]);
  for (const [path, template] of templates) expect(specProblems(template), path).toEqual([]);
  const flat = buildTemplate(manifest);
  const back = flatten(templates, rootFile);
  expect(withoutDependsOn(back.Resources)).toEqual(withoutDependsOn(flat.Resources));
  expect(back.Parameters).toEqual(flat.Parameters);
  expect(back.Outputs).toEqual(withOutputsUpTo(flat, limits.outputs).Outputs);
  expect(boundProblems(back)).toEqual([]);

  // A DependsOn between resources of two stacks becomes an order between the two stacks.
  const rootTemplate = templates.get(rootFile) as Template;
  const stackOf = new Map<string, string>();
  for (const [stackId, stack] of Object.entries(rootTemplate.Resources)) {
    for (const id of Object.keys((templates.get(stack.Properties.TemplateURL as string) as Template).Resources)) stackOf.set(id, stackId);
  }
  for (const [id, resource] of Object.entries(flat.Resources)) {
    for (const dependency of resource.DependsOn ?? []) {
      const [mine, theirs] = [stackOf.get(id) as string, stackOf.get(dependency) as string];
      if (mine === theirs) continue;
      const stack = rootTemplate.Resources[mine];
      const ordered = stack?.DependsOn?.includes(theirs) || JSON.stringify(stack?.Properties.Parameters ?? {}).includes(`["${theirs}",`);
      expect(ordered, `${id} (${mine}) needs ${dependency} (${theirs})`).toBe(true);
    }
  }
  return templates;
}

describe('nested stacks', () => {
  test('an app that fits in one stack gets one template', () => {
    const files = emitCloudFormation(example('shop'), { format: 'yaml' }).files;
    expect([...files.keys()]).toEqual(['template.yaml']);
  });

  test('1,200 functions at the real limits: within every limit, and the same resources as one big template', () => {
    const manifest = manifestOf('app.flow', generateFlow(1200));
    const flatCount = Object.keys(buildTemplate(manifest).Resources).length;
    expect(flatCount).toBeGreaterThan(cloudFormationLimits.resources);
    const templates = expectSoundLayout(manifest, cloudFormationLimits);
    expect(templates.size).toBeGreaterThan(flatCount / cloudFormationLimits.resources + 1);
    const files = emitCloudFormation(manifest, { format: 'json' }).files;
    for (const [path, text] of files) expect(Buffer.byteLength(text), path).toBeLessThanOrEqual(cloudFormationLimits.templateBytes);
    const rootTemplate = templates.get('template.json') as Template;
    expect(Object.keys(rootTemplate.Parameters ?? {})).toEqual(['FlowcAssetsBucket']);
    // More outputs than a template may have: the root keeps the first 200, function ARNs by name.
    const outputs = Object.keys(rootTemplate.Outputs ?? {});
    expect(outputs).toHaveLength(cloudFormationLimits.outputs);
    expect(outputs.slice(0, 3)).toEqual(['B0F0FunctionArn', 'B0F1FunctionArn', 'B0F2FunctionArn']);
    expect(outputs.every((name) => name.endsWith('FunctionArn'))).toBe(true);
  });

  test("the root passes up each stack's outputs under their own names", () => {
    const { templates } = layoutTemplates(example('shop'), { format: 'json', limits: { ...cloudFormationLimits, resources: 12 } });
    const rootTemplate = templates.get('template.json') as Template;
    const output = rootTemplate.Outputs?.ReceiptsQueueUrl;
    expect(output?.Description).toBe('The URL of queue receipts');
    const [stack, attribute] = (output?.Value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
    expect(attribute).toBe('Outputs.ReceiptsQueueUrl');
    const nested = templates.get(rootTemplate.Resources[stack]?.Properties.TemplateURL as string) as Template;
    expect(nested.Outputs?.ReceiptsQueueUrl).toEqual({ Description: 'The URL of queue receipts', Value: { Ref: 'ReceiptsQueue' } });
  });

  test.each([7, 8, 9, 14])('the examples in stacks of at most %i resources, with few parameters and outputs', (resources) => {
    for (const name of ['shop', 'ledger', 'telemetry']) expectSoundLayout(example(name), { ...cloudFormationLimits, resources, parameters: 9, outputs: 5 });
  });

  test('the byte budget alone splits a template', () => {
    const manifest = example('telemetry');
    const templates = expectSoundLayout(manifest, { ...cloudFormationLimits, templateBytes: 15_000 });
    expect(templates.size).toBeGreaterThan(2);
  });

  test('files: the root template and stacks/stackN beside it, each with the generated-file header', () => {
    const files = emitCloudFormation(example('ledger'), { format: 'yaml', limits: { ...cloudFormationLimits, resources: 8 } }).files;
    expect([...files.keys()]).toEqual(['template.yaml', 'stacks/stack1.yaml', 'stacks/stack2.yaml', 'stacks/stack3.yaml']);
    for (const text of files.values()) expect(text.startsWith('# Generated by flowc from ledger.flow.')).toBe(true);
  });

  test('appending to a flow leaves every stack but the last as it was', () => {
    const limits = { ...cloudFormationLimits, resources: 40 };
    const before = layoutTemplates(manifestOf('app.flow', generateFlow(50)), { format: 'json', limits }).templates;
    // The flow of 60 functions is the flow of 50 with one more block of ten at the end.
    const after = layoutTemplates(manifestOf('app.flow', generateFlow(60).replace('app bench60', 'app bench50')), { format: 'json', limits }).templates;
    const paths = [...before.keys()].filter((p) => p !== 'template.json');
    expect(after.size).toBeGreaterThan(before.size);
    for (const path of paths.slice(0, -1)) expect(after.get(path), path).toEqual(before.get(path));
  });

  test('a resource that cannot fit in any stack is an error that names it', () => {
    expect(() => layoutTemplates(example('shop'), { format: 'json', limits: { ...cloudFormationLimits, resources: 3, parameters: 1 } })).toThrow(/^ChargeFunctionRole with ChargeFunctionLogGroup with ChargeFunction: too large for a nested stack on its own$/);
  });

  test('more stacks than the root can hold is an error', () => {
    expect(() => layoutTemplates(example('shop'), { format: 'json', limits: { ...cloudFormationLimits, resources: 4 } })).toThrow(/nested stacks; CloudFormation allows 4 resources in the root stack/);
  });
});

describe('rewriteReferences', () => {
  const value = { A: { Ref: 'X' }, B: [{ 'Fn::GetAtt': ['Y', 'Arn'] }, 'text'], C: { D: 1 } };

  test('returns the value itself when it swaps nothing', () => {
    expect(rewriteReferences(value, () => undefined)).toBe(value);
  });

  test('copies only the maps and sequences on the way to a swapped reference', () => {
    const rewritten = rewriteReferences(value, (r) => (r.id === 'Y' ? { Ref: 'YArn' } : undefined)) as typeof value;
    expect(rewritten).toEqual({ A: { Ref: 'X' }, B: [{ Ref: 'YArn' }, 'text'], C: { D: 1 } });
    expect(Object.keys(rewritten)).toEqual(['A', 'B', 'C']);
    expect(rewritten.A).toBe(value.A);
    expect(rewritten.C).toBe(value.C);
    expect(rewritten.B).not.toBe(value.B);
    expect(value.B[0]).toEqual({ 'Fn::GetAtt': ['Y', 'Arn'] });
  });
});

describe('the golden nested layout of the shop example (stacks of at most 12 resources)', () => {
  const files = emitCloudFormation(example('shop'), { format: 'yaml', limits: { ...cloudFormationLimits, resources: 12 } }).files;
  for (const [path, text] of files) {
    test(path, async () => {
      await expect(text).toMatchFileSnapshot(join(root, 'test/golden/nested/shop', path));
    });
  }
});
