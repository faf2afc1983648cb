import { expect } from 'vitest';
import { buildTemplate, layoutTemplates, type StackLimits } from '../../../../compiler/emit/cloudformation/index.js';
import { withOutputsUpTo } from '../../../../compiler/emit/cloudformation/outputs.js';
import type { Template } from '../../../../compiler/emit/cloudformation/template.js';
import type { FlowManifest } from '../../../../runtime/manifest/schema.js';
import { boundProblems } from './bounds.js';
import { flatten, layoutProblems } from './nested.js';
import { specProblems } from './spec.js';

function withoutDependsOn(resources: Template['Resources']): Record<string, object> {
  return Object.fromEntries(Object.entries(resources).map(([id, r]) => [id, { ...r, DependsOn: undefined }]));
}

/** Everything a nested layout must get right, against the one-stack template of the same manifest. */
export function expectSoundLayout(manifest: FlowManifest, limits: StackLimits): ReadonlyMap<string, Template> {
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

