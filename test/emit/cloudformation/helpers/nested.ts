import type { StackLimits } from '../../../../compiler/emit/cloudformation/nested-stacks.js';
import { rewriteReferences } from '../../../../compiler/emit/cloudformation/references.js';
import type { Output, Parameter, Resource, Template, TemplateValue } from '../../../../compiler/emit/cloudformation/template.js';

/**
 * Reads a nested-stack layout the way CloudFormation would run it: which stack gets which
 * values from where. `flatten` puts the resources of all stacks back into one template, every
 * parameter replaced by the value the root passes (followed through the other stack's output),
 * and the root's outputs followed to the values of the stacks' outputs, so a test can compare
 * it with the one-stack template. `layoutProblems` checks the layout
 * itself: limits, parameters that nobody passes, outputs that do not exist, stacks that depend
 * on later stacks.
 */

const CODE_KEY = /FunctionCodeKey$/;

function stacksOf(root: Template): [string, Resource][] {
  return Object.entries(root.Resources).filter(([, r]) => r.Type === 'AWS::CloudFormation::Stack');
}

function getAttOf(value: TemplateValue | undefined): [string, string] | undefined {
  if (value === undefined || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const getAtt = (value as { readonly [k: string]: TemplateValue })['Fn::GetAtt'];
  return Array.isArray(getAtt) ? [getAtt[0] as string, getAtt[1] as string] : undefined;
}

export function flatten(templates: ReadonlyMap<string, Template>, rootFile: string): Template {
  const root = templates.get(rootFile) as Template;
  const stacks = stacksOf(root);
  if (stacks.length === 0) return root;
  const children = new Map(stacks.map(([id, r]) => [id, templates.get(r.Properties.TemplateURL as string) as Template]));
  const resources: Record<string, Resource> = {};
  const parameters: Record<string, Parameter> = { ...(root.Parameters ?? {}) };
  for (const [id, stack] of stacks) {
    const child = children.get(id) as Template;
    const passed = (stack.Properties.Parameters ?? {}) as { readonly [name: string]: TemplateValue };
    const value = (name: string): TemplateValue | undefined => {
      const given = passed[name];
      const output = getAttOf(given);
      if (!output) return given;
      const [provider, attribute] = output;
      return children.get(provider)?.Outputs?.[attribute.replace(/^Outputs\./, '')]?.Value;
    };
    for (const [name, definition] of Object.entries(child.Parameters ?? {})) if (!(name in passed)) parameters[name] = definition;
    for (const [rid, resource] of Object.entries(child.Resources)) {
      const properties = rewriteReferences(resource.Properties, (r) => (r.attribute === null && r.id in (child.Parameters ?? {}) ? value(r.id) : undefined));
      resources[rid] = { ...resource, Properties: properties as Resource['Properties'] };
    }
  }
  // The root's outputs, each followed to the output of the stack it names.
  const outputs: Record<string, Output> = {};
  for (const [name, output] of Object.entries(root.Outputs ?? {})) {
    const [provider, attribute] = getAttOf(output.Value) as [string, string];
    const value = children.get(provider)?.Outputs?.[attribute.replace(/^Outputs\./, '')]?.Value;
    outputs[name] = { ...output, Value: value as TemplateValue };
  }
  return {
    AWSTemplateFormatVersion: root.AWSTemplateFormatVersion,
    Description: root.Description,
    Metadata: root.Metadata,
    Parameters: parameters,
    Resources: resources,
    ...(Object.keys(outputs).length > 0 ? { Outputs: outputs } : {}),
  };
}

export function layoutProblems(templates: ReadonlyMap<string, Template>, rootFile: string, limits: StackLimits): string[] {
  const problems: string[] = [];
  const root = templates.get(rootFile) as Template;
  const stacks = stacksOf(root);
  const position = new Map(stacks.map(([id], index) => [id, index]));
  if (Object.keys(root.Resources).length > limits.resources) problems.push(`root: ${Object.keys(root.Resources).length} stacks`);
  if (Object.keys(root.Parameters ?? {}).length > limits.parameters) problems.push('root: too many parameters');
  if (Object.keys(root.Outputs ?? {}).length > limits.outputs) problems.push('root: too many outputs');
  for (const [name, { Value }] of Object.entries(root.Outputs ?? {})) {
    const [provider, attribute] = getAttOf(Value) ?? [];
    const providerTemplate = templates.get(root.Resources[provider ?? '']?.Properties.TemplateURL as string);
    if (!providerTemplate?.Outputs?.[(attribute ?? '').replace(/^Outputs\./, '')]) problems.push(`root: output ${name} (${JSON.stringify(Value)}) is no output of a stack`);
  }
  const files = new Set<string>();
  for (const [id, stack] of stacks) {
    const file = stack.Properties.TemplateURL as string;
    files.add(file);
    const child = templates.get(file);
    if (!child) {
      problems.push(`${id}: no template ${file}`);
      continue;
    }
    const where = `${id} (${file})`;
    const counts = { resources: Object.keys(child.Resources).length, parameters: Object.keys(child.Parameters ?? {}).length, outputs: Object.keys(child.Outputs ?? {}).length };
    for (const key of ['resources', 'parameters', 'outputs'] as const) if (counts[key] > limits[key]) problems.push(`${where}: ${counts[key]} ${key}, over ${limits[key]}`);
    const passed = (stack.Properties.Parameters ?? {}) as { readonly [name: string]: TemplateValue };
    for (const name of Object.keys(child.Parameters ?? {})) {
      if (!(name in passed) && !CODE_KEY.test(name)) problems.push(`${where}: nobody passes the parameter ${name}`);
    }
    for (const [name, value] of Object.entries(passed)) {
      if (!(name in (child.Parameters ?? {}))) problems.push(`${where}: the root passes ${name}, which the stack does not declare`);
      const output = getAttOf(value);
      if (output) {
        const [provider, attribute] = output;
        const providerIndex = position.get(provider);
        if (providerIndex === undefined || providerIndex >= (position.get(id) as number)) problems.push(`${where}: ${name} comes from ${provider}, which is not an earlier stack`);
        const providerTemplate = templates.get(root.Resources[provider]?.Properties.TemplateURL as string);
        if (!providerTemplate?.Outputs?.[attribute.replace(/^Outputs\./, '')]) problems.push(`${where}: ${provider} has no output ${attribute}`);
      } else if (!(typeof value === 'object' && 'Ref' in (value as object))) {
        problems.push(`${where}: ${name} is neither a root parameter nor an output`);
      }
    }
    for (const dependency of stack.DependsOn ?? []) {
      if ((position.get(dependency) ?? Infinity) >= (position.get(id) as number)) problems.push(`${where}: depends on the later ${dependency}`);
    }
    for (const [output, { Value }] of Object.entries(child.Outputs ?? {})) {
      const passes = (v: TemplateValue) => getAttOf(v)?.[0] === id && getAttOf(v)?.[1] === `Outputs.${output}`;
      const used = stacks.some(([, s]) => Object.values((s.Properties.Parameters ?? {}) as object).some((v) => passes(v as TemplateValue)));
      const surfaced = Object.values(root.Outputs ?? {}).some((o) => passes(o.Value));
      if (!used && !surfaced) problems.push(`${where}: output ${output} (${JSON.stringify(Value)}) is used by no stack and not an output of the root`);
    }
  }
  for (const file of templates.keys()) if (file !== rootFile && !files.has(file)) problems.push(`${file} is not a stack of the root`);
  return problems;
}
