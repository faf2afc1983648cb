import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { buildTemplate, cloudFormationLimits, emitCloudFormation, layoutTemplates } from '../../../compiler/emit/cloudformation/index.js';
import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import { fixtureFolders, fixturesRoot } from '../../helpers/fixtures.js';
import { boundProblems } from './helpers/bounds.js';
import { manifestOfFile } from './helpers/compile.js';
import { flatten, layoutProblems } from './helpers/nested.js';
import { withOutputsUpTo } from '../../../compiler/emit/cloudformation/outputs.js';
import { specProblems } from './helpers/spec.js';

/**
 * Every example and every valid fixture: the template is valid against the CloudFormation
 * resource spec and the AWS bounds, and the JSON template is the same template. The examples'
 * YAML templates are also reviewed golden files; a valid rule fixture asserts only that (and
 * test/fixtures.test.ts that it checks clean), so that a change to how one resource is emitted
 * rewrites the examples' goldens and the emitter's own tests, not one file per rule.
 */

const root = new URL('../../../', import.meta.url).pathname;
const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

const cases: { name: string; manifest: () => FlowManifest; golden?: string }[] = [
  ...examples.map((name) => ({
    name: `examples/${name}`,
    manifest: () => manifestOfFile(join(root, 'examples', name, `${name}.flow`), `examples/${name}/${name}.flow`),
    golden: join(root, 'test/golden/examples', name, 'template.yaml'),
  })),
  ...fixtureFolders('valid').map((name) => ({
    name: `fixtures/valid/${name}`,
    manifest: () => manifestOfFile(join(fixturesRoot, 'valid', name, 'input.flow'), `test/fixtures/valid/${name}/input.flow`),
  })),
];

describe('CloudFormation templates of the examples and valid fixtures', () => {
  for (const { name, manifest, golden } of cases) {
    test(name, async () => {
      const m = manifest();
      const yaml = emitCloudFormation(m, { format: 'yaml' });
      expect([...yaml.files.keys()]).toEqual(['template.yaml']);
      const text = yaml.files.get('template.yaml') as string;
      if (golden !== undefined) await expect(text).toMatchFileSnapshot(golden);

      const template = buildTemplate(m);
      expect(specProblems(template)).toEqual([]);
      expect(boundProblems(template)).toEqual([]);
      // Outputs without exports: an export would tie the app's stack to every stack importing it.
      expect(Object.values(template.Outputs ?? {}).filter((o) => 'Export' in o)).toEqual([]);
      // The YAML reads back (as YAML 1.1, CloudFormation's dialect) as the JSON template.
      const json = emitCloudFormation(m, { format: 'json' }).files.get('template.json') as string;
      expect(parse(text, { version: '1.1' })).toEqual(JSON.parse(json));
      expect(JSON.parse(json)).toEqual(template);
    });
  }
});

describe('the same apps split into nested stacks of a third of their size', () => {
  for (const { name, manifest } of cases) {
    test(name, () => {
      const m = manifest();
      const flat = buildTemplate(m);
      const count = Object.keys(flat.Resources).length;
      // The root holds at most `resources` stacks too, so the smallest apps keep one stack. Five,
      // not four: a function with its role and log group, and an edge with its permission, are
      // each laid out together, so four-resource stacks can need more stacks than the root holds.
      const limits = { ...cloudFormationLimits, resources: Math.max(5, Math.ceil(count / 3)), parameters: 12, outputs: 8 };
      const set = layoutTemplates(m, { format: 'yaml', limits });
      expect(set.templates.size).toBeGreaterThanOrEqual(count > 5 ? 3 : 1);
      if (set.templates.size > 1) expect(layoutProblems(set.templates, set.rootFile, limits)).toEqual([]);
      for (const [path, template] of set.templates) expect(specProblems(template), path).toEqual([]);
      const back = flatten(set.templates, set.rootFile);
      expect(boundProblems(back)).toEqual([]);
      expect(withoutDependsOn(back.Resources)).toEqual(withoutDependsOn(flat.Resources));
      expect(back.Parameters).toEqual(flat.Parameters);
      // The root has the first `outputs` of the app's outputs, with the values they have in one stack.
      expect(back.Outputs).toEqual(withOutputsUpTo(flat, limits.outputs).Outputs);
    });
  }
});

function withoutDependsOn(resources: Record<string, object>): Record<string, object> {
  return Object.fromEntries(Object.entries(resources).map(([id, r]) => [id, { ...r, DependsOn: undefined }]));
}
