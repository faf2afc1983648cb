import { ASSETS_BUCKET_PARAMETER, shortHash } from './logical-id.js';
import { withOutputsUpTo } from './outputs.js';
import { type Reference, referenceKey, referencesIn, rewriteReferences } from './references.js';
import { getAtt, type Output, type Parameter, ref, type Resource, type Template, TEMPLATE_FORMAT_VERSION, type TemplateValue } from './template.js';

/**
 * CloudFormation's limits per template (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
 * `templateBytes` is the body size of a template read from S3.
 */
export interface StackLimits {
  readonly resources: number;
  readonly parameters: number;
  readonly outputs: number;
  readonly templateBytes: number;
}

export const cloudFormationLimits: StackLimits = { resources: 500, parameters: 200, outputs: 200, templateBytes: 1_000_000 };

/**
 * A compact JSON resource grows about this much when printed indented (JSON or YAML); the
 * packer budgets a nested template's bytes with it, so that the printed file stays under the limit.
 */
const PRINTED_SIZE_FACTOR = 3;
const DECLARATION_BYTES = 200;

export interface NestedLayout {
  readonly root: Template;
  /** In stack order; `file` is the path relative to the root template, also its `TemplateURL`. */
  readonly nested: readonly { readonly file: string; readonly logicalId: string; readonly template: Template }[];
}

export function fitsOneStack(template: Template, limits: StackLimits): boolean {
  return Object.keys(template.Resources).length <= limits.resources && Object.keys(template.Parameters ?? {}).length <= limits.parameters;
}

interface Node {
  readonly id: string;
  readonly index: number;
  readonly resource: Resource;
  /** References to other resources (not to parameters), deduplicated. */
  readonly imports: readonly Reference[];
  /** Template parameters it references. */
  readonly parameters: readonly string[];
  /** Resources it must come after: its references and its `DependsOn`. */
  readonly after: readonly string[];
  readonly bytes: number;
}

/**
 * Splits a template that is too big for one stack into nested stacks under a root stack.
 *
 * Resources are put in an order where each comes after everything it needs, and where related
 * resources stay close: starting from the resources nothing depends on, in .flow source order,
 * each resource is preceded by its not yet placed dependencies. Stacks are then filled in that
 * order until one more resource would break a limit. So every reference between stacks points
 * to an earlier stack, and the stacks depend on each other without a cycle; appending to a
 * .flow file changes only the last stacks.
 *
 * A reference to a resource of another stack becomes an output of that stack and a parameter of
 * this one, passed by the root (`Fn::GetAtt [StackN, Outputs.X]`); a `DependsOn` across stacks
 * becomes a `DependsOn` between the two stack resources. `FlowcAssetsBucket` is passed down from
 * the root. The root does not pass the `…CodeKey` parameters: CloudFormation takes at most 200
 * parameters per template, fewer than an app can have functions, so `flowc package` writes
 * the keys into the root's stack resources when it uploads the nested templates (and replaces
 * each relative `TemplateURL` by the uploaded object's URL, as `aws cloudformation package` does).
 *
 * The root has the app's outputs (outputs.ts), as many as fit (`limits.outputs`, in their
 * order): each is an output of the stack that holds its resource, under the same name, which
 * the root passes up (`Fn::GetAtt [StackN, Outputs.OrdersQueueUrl]`). A value that crosses
 * stacks and is also an app output goes by the output's name.
 */
export function splitIntoNestedStacks(template: Template, limits: StackLimits, fileOf: (stackNumber: number) => string): NestedLayout {
  const nodes = buildNodes(template);
  const surfaced = surfacedOutputs(template, limits);
  const order = placementOrder(nodes);
  const stacks = pack(order, nodes, limits, new Set(surfaced.keys()));
  const stackOf = new Map<string, number>();
  stacks.forEach((members, index) => {
    for (const id of members) stackOf.set(id, index);
  });

  const names = crossStackNames(template, stacks, nodes, stackOf, surfaced);
  const stackIds = stacks.map((_, index) => `Stack${index + 1}`);
  const nested = stacks.map((members, index) => ({
    file: fileOf(index + 1),
    logicalId: stackIds[index] as string,
    template: nestedTemplate(template, members, index, nodes, stackOf, names),
  }));

  const rootResources: Record<string, Resource> = {};
  nested.forEach(({ file, logicalId, template: child }, index) => {
    const parameters: Record<string, TemplateValue> = {};
    const dependsOn = new Set<number>();
    for (const name of Object.keys(child.Parameters ?? {})) {
      const imported = names.byName.get(name);
      if (imported) {
        const provider = stackOf.get(imported.id) as number;
        parameters[name] = getAtt(stackIds[provider] as string, `Outputs.${name}`);
      } else if (name === names.passedDown) {
        parameters[name] = ref(name);
      }
    }
    for (const id of stacks[index] as readonly string[]) {
      const node = nodes.get(id) as Node;
      for (const dependency of node.resource.DependsOn ?? []) {
        const provider = stackOf.get(dependency) as number;
        if (provider !== index && !node.imports.some((r) => stackOf.get(r.id) === provider)) dependsOn.add(provider);
      }
    }
    rootResources[logicalId] = {
      Type: 'AWS::CloudFormation::Stack',
      Properties: { TemplateURL: file, ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}) },
      ...(dependsOn.size > 0 ? { DependsOn: [...dependsOn].sort((a, b) => a - b).map((i) => stackIds[i] as string) } : {}),
      Metadata: { flowc: { template: file } },
    };
  });
  if (nested.length > limits.resources) {
    throw new Error(`the app needs ${nested.length} nested stacks; CloudFormation allows ${limits.resources} resources in the root stack`);
  }
  const rootParameters: Record<string, Parameter> = {};
  if (names.passedDown !== null) rootParameters[names.passedDown] = template.Parameters?.[names.passedDown] as Parameter;
  const rootOutputs: Record<string, Output> = {};
  for (const { name, reference, output } of surfaced.values()) {
    const provider = stackIds[stackOf.get(reference.id) as number] as string;
    rootOutputs[name] = { ...output, Value: getAtt(provider, `Outputs.${name}`) };
  }
  const root: Template = {
    AWSTemplateFormatVersion: TEMPLATE_FORMAT_VERSION,
    Description: template.Description,
    ...(Object.keys(rootParameters).length > 0 ? { Parameters: rootParameters } : {}),
    Resources: rootResources,
    ...(Object.keys(rootOutputs).length > 0 ? { Outputs: rootOutputs } : {}),
  };
  return { root, nested };
}

interface SurfacedOutput {
  readonly name: string;
  readonly reference: Reference;
  readonly output: Output;
}

/** The app outputs the root has, by the key of the reference each one is: the first `limits.outputs`. */
function surfacedOutputs(template: Template, limits: StackLimits): ReadonlyMap<string, SurfacedOutput> {
  const surfaced = new Map<string, SurfacedOutput>();
  for (const [name, output] of Object.entries(withOutputsUpTo(template, limits.outputs).Outputs ?? {})) {
    const [reference, ...more] = referencesIn(output.Value);
    if (!reference || more.length > 0 || !(reference.id in template.Resources)) throw new Error(`internal: the output ${name} is not one reference to a resource`);
    surfaced.set(referenceKey(reference), { name, reference, output });
  }
  return surfaced;
}

function buildNodes(template: Template): Map<string, Node> {
  const parameters = template.Parameters ?? {};
  const nodes = new Map<string, Node>();
  Object.entries(template.Resources).forEach(([id, resource], index) => {
    const imports = new Map<string, Reference>();
    const used = new Set<string>();
    for (const reference of referencesIn(resource.Properties)) {
      if (reference.id in parameters && reference.attribute === null) used.add(reference.id);
      else if (reference.id in template.Resources) imports.set(referenceKey(reference), reference);
      else throw new Error(`internal: ${id} references ${referenceKey(reference)}, which the template does not define`);
    }
    const after = new Set([...[...imports.values()].map((r) => r.id), ...(resource.DependsOn ?? [])]);
    nodes.set(id, { id, index, resource, imports: [...imports.values()], parameters: [...used], after: [...after], bytes: JSON.stringify(resource).length });
  });
  return nodes;
}

/** Source position, then template order: the order resources are taken in. */
function byOrigin(a: Node, b: Node): number {
  const oa = a.resource.Metadata.flowc;
  const ob = b.resource.Metadata.flowc;
  const la = 'line' in oa ? oa.line : 0;
  const lb = 'line' in ob ? ob.line : 0;
  if (la !== lb) return la - lb;
  const ca = 'column' in oa ? oa.column : 0;
  const cb = 'column' in ob ? ob.column : 0;
  return ca !== cb ? ca - cb : a.index - b.index;
}

/** A topological order (dependencies first) that keeps each resource next to what it needs. */
function placementOrder(nodes: ReadonlyMap<string, Node>): string[] {
  const needed = new Set<string>();
  for (const node of nodes.values()) for (const id of node.after) needed.add(id);
  const roots = [...nodes.values()].filter((n) => !needed.has(n.id)).sort(byOrigin);
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: Node): void => {
    const seen = state.get(node.id);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`internal: a dependency cycle through ${node.id}`);
    state.set(node.id, 'visiting');
    for (const dependency of node.after.map((id) => nodes.get(id) as Node).sort(byOrigin)) visit(dependency);
    state.set(node.id, 'done');
    order.push(node.id);
  };
  for (const root of roots) visit(root);
  if (order.length !== nodes.size) throw new Error('internal: a dependency cycle among the resources');
  return order;
}

/** The consumer of the values the root passes up as outputs: it is in no stack. */
const ROOT = '#root';

/**
 * Fills stacks in order; a unit goes to the next stack when the current one has no room for it.
 * A unit is a resource together with the resources placed just before it that nothing else
 * needs (a function's role and log group, a queue's dead-letter queue), so that they share its
 * stack. `surfaced`: the keys of the values the root passes up, outputs wherever they are.
 */
function pack(order: readonly string[], nodes: ReadonlyMap<string, Node>, limits: StackLimits, surfaced: ReadonlySet<string>): string[][] {
  const consumers = new Map<string, Set<string>>();
  for (const key of surfaced) consumers.set(key, new Set([ROOT]));
  const dependents = new Map<string, Set<string>>();
  for (const node of nodes.values()) {
    for (const reference of node.imports) {
      const key = referenceKey(reference);
      const set = consumers.get(key) ?? new Set<string>();
      set.add(node.id);
      consumers.set(key, set);
    }
    for (const id of node.after) {
      const set = dependents.get(id) ?? new Set<string>();
      set.add(node.id);
      dependents.set(id, set);
    }
  }
  const providedKeys = new Map<string, string[]>();
  for (const key of consumers.keys()) {
    const id = key.split('.')[0] as string;
    const list = providedKeys.get(id) ?? [];
    list.push(key);
    providedKeys.set(id, list);
  }

  // The one resource that needs a resource, if exactly one does.
  const soleDependent = (id: string): string | undefined => {
    const set = dependents.get(id);
    return set?.size === 1 ? (set.values().next().value as string) : undefined;
  };
  // A resource is glued to what follows when its sole dependent comes next, or when what comes
  // next has the same sole dependent and is glued (a role, then a log group, then their function).
  const glued: boolean[] = new Array<boolean>(order.length).fill(false);
  for (let index = order.length - 2; index >= 0; index--) {
    const only = soleDependent(order[index] as string);
    if (only === undefined) continue;
    const next = order[index + 1] as string;
    glued[index] = next === only || (glued[index + 1] === true && soleDependent(next) === only);
  }
  const units: Node[][] = [];
  let unit: Node[] = [];
  order.forEach((id, index) => {
    unit.push(nodes.get(id) as Node);
    if (!glued[index]) {
      units.push(unit);
      unit = [];
    }
  });

  const stacks: string[][] = [];
  let stack = new StackFill(consumers, providedKeys);
  for (const next of units) {
    if (stack.fits(next, limits)) {
      stack.add(next);
      continue;
    }
    const name = next.map((n) => n.id).join(' with ');
    if (stack.members.length === 0) throw new Error(`${name}: too large for a nested stack on its own`);
    stacks.push(stack.members);
    stack = new StackFill(consumers, providedKeys);
    if (!stack.fits(next, limits)) throw new Error(`${name}: too large for a nested stack on its own`);
    stack.add(next);
  }
  if (stack.members.length > 0) stacks.push(stack.members);
  return stacks;
}

interface Totals {
  readonly imports: number;
  readonly parameters: number;
  readonly outputs: number;
  readonly bytes: number;
}

/** The running totals of the stack being filled, against which each next unit is weighed. */
class StackFill {
  readonly members: string[] = [];
  private readonly inside = new Set<string>();
  private readonly imports = new Set<string>();
  private readonly parameters = new Set<string>();
  /** Per key provided by a member and consumed elsewhere: how many of its consumers are members. */
  private readonly consumedInside = new Map<string, number>();
  private outputs = 0;
  private bytes = 0;

  constructor(
    private readonly consumers: ReadonlyMap<string, ReadonlySet<string>>,
    private readonly providedKeys: ReadonlyMap<string, readonly string[]>,
  ) {}

  fits(unit: readonly Node[], limits: StackLimits): boolean {
    const { imports, parameters, outputs, bytes } = this.after(unit);
    return (
      this.members.length + unit.length <= limits.resources &&
      imports + parameters <= limits.parameters &&
      outputs <= limits.outputs &&
      PRINTED_SIZE_FACTOR * bytes + DECLARATION_BYTES * (imports + parameters + outputs) <= limits.templateBytes
    );
  }

  add(unit: readonly Node[]): void {
    const totals = this.after(unit);
    const ids = new Set(unit.map((n) => n.id));
    for (const node of unit) {
      for (const key of this.providedKeys.get(node.id) ?? []) {
        const consumers = this.consumers.get(key) as ReadonlySet<string>;
        const within = [...consumers].filter((c) => ids.has(c)).length;
        if (within < consumers.size) this.consumedInside.set(key, within);
      }
    }
    for (const node of unit) {
      for (const reference of node.imports) {
        const key = referenceKey(reference);
        if (ids.has(reference.id)) continue;
        if (this.inside.has(reference.id)) this.consumedInside.set(key, (this.consumedInside.get(key) ?? 0) + 1);
        else this.imports.add(key);
      }
      for (const parameter of node.parameters) this.parameters.add(parameter);
      this.members.push(node.id);
      this.inside.add(node.id);
    }
    this.outputs = totals.outputs;
    this.bytes = totals.bytes;
  }

  /** The totals once `unit` is added. */
  private after(unit: readonly Node[]): Totals {
    const ids = new Set(unit.map((n) => n.id));
    const newImports = new Set<string>();
    const newParameters = new Set<string>();
    const newlyInside = new Map<string, number>();
    let bytes = this.bytes;
    let outputs = this.outputs;
    for (const node of unit) {
      bytes += node.bytes;
      for (const parameter of node.parameters) if (!this.parameters.has(parameter)) newParameters.add(parameter);
      for (const reference of node.imports) {
        const key = referenceKey(reference);
        if (ids.has(reference.id)) continue;
        if (this.inside.has(reference.id)) newlyInside.set(key, (newlyInside.get(key) ?? 0) + 1);
        else if (!this.imports.has(key)) newImports.add(key);
      }
      // What consumes the unit comes later, but for its own members: those keys are outputs for now.
      for (const key of this.providedKeys.get(node.id) ?? []) {
        const consumers = this.consumers.get(key) as ReadonlySet<string>;
        if ([...consumers].some((c) => !ids.has(c))) outputs += 1;
      }
    }
    // Keys of the stack whose last outside consumers join it are no longer outputs.
    for (const [key, count] of newlyInside) {
      const total = this.consumers.get(key)?.size ?? 0;
      if ((this.consumedInside.get(key) ?? 0) + count === total) outputs -= 1;
    }
    return { imports: this.imports.size + newImports.size, parameters: this.parameters.size + newParameters.size, outputs, bytes };
  }
}

interface CrossStackNames {
  /** Parameter/output name → the reference it carries: every output of a nested stack. */
  readonly byName: ReadonlyMap<string, Reference>;
  readonly byKey: ReadonlyMap<string, string>;
  /** The parameter the root passes down to every stack that uses it (`FlowcAssetsBucket`), if any. */
  readonly passedDown: string | null;
}

/**
 * Names for the values that cross stacks, the same for the output and the parameter: the name
 * of the app output with that value (`OrdersQueueUrl`, `ChargeFunctionArn`), else
 * `<LogicalId>Arn`, `<LogicalId>StreamArn`, `<LogicalId>Ref`; with a hash when a name is taken.
 * The outputs the root passes up come first.
 */
function crossStackNames(
  template: Template,
  stacks: readonly string[][],
  nodes: ReadonlyMap<string, Node>,
  stackOf: ReadonlyMap<string, number>,
  surfaced: ReadonlyMap<string, SurfacedOutput>,
): CrossStackNames {
  const appOutputNames = new Map<string, string>();
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    const [reference] = referencesIn(output.Value);
    if (reference) appOutputNames.set(referenceKey(reference), name);
  }
  const taken = new Set([...Object.keys(template.Resources), ...Object.keys(template.Parameters ?? {}), ...Object.keys(template.Outputs ?? {})]);
  const byName = new Map<string, Reference>();
  const byKey = new Map<string, string>();
  for (const [key, { name, reference }] of surfaced) {
    byName.set(name, reference);
    byKey.set(key, name);
  }
  stacks.forEach((members, index) => {
    for (const id of members) {
      for (const reference of (nodes.get(id) as Node).imports) {
        const key = referenceKey(reference);
        if (stackOf.get(reference.id) === index || byKey.has(key)) continue;
        const own = appOutputNames.get(key);
        const candidate = `${reference.id}${(reference.attribute ?? 'Ref').replace(/[^A-Za-z0-9]/g, '')}`;
        const name = own ?? (taken.has(candidate) ? `${candidate}${shortHash(key)}` : candidate);
        if (own === undefined && taken.has(name)) throw new Error(`internal: the cross-stack name ${name} is taken`);
        taken.add(name);
        byName.set(name, reference);
        byKey.set(key, name);
      }
    }
  });
  const passedDown = [...nodes.values()].some((n) => n.parameters.includes(ASSETS_BUCKET_PARAMETER)) ? ASSETS_BUCKET_PARAMETER : null;
  return { byName, byKey, passedDown };
}

function nestedTemplate(
  template: Template,
  members: readonly string[],
  index: number,
  nodes: ReadonlyMap<string, Node>,
  stackOf: ReadonlyMap<string, number>,
  names: CrossStackNames,
): Template {
  const parameters: Record<string, Parameter> = {};
  const imported = new Map<string, Parameter>();
  const resources: Record<string, Resource> = {};
  const outputs = new Map<string, Output>();
  for (const id of members) {
    const node = nodes.get(id) as Node;
    for (const name of node.parameters) parameters[name] = template.Parameters?.[name] as Parameter;
    const properties = rewriteReferences(node.resource.Properties, (reference) => {
      if (!(reference.id in template.Resources) || stackOf.get(reference.id) === index) return undefined;
      const name = names.byKey.get(referenceKey(reference)) as string;
      imported.set(name, { Type: 'String', Description: `${referenceKey(reference)} from another stack of the app` });
      return ref(name);
    }) as Resource['Properties'];
    const dependsOn = (node.resource.DependsOn ?? []).filter((d) => stackOf.get(d) === index);
    const { DependsOn: _dropped, ...rest } = node.resource;
    resources[id] = { ...rest, Properties: properties, ...(dependsOn.length > 0 ? { DependsOn: dependsOn } : {}) };
  }
  for (const [name, reference] of names.byName) {
    if (stackOf.get(reference.id) !== index) continue;
    const description = template.Outputs?.[name]?.Description;
    outputs.set(name, { ...(description === undefined ? {} : { Description: description }), Value: reference.attribute === null ? ref(reference.id) : getAtt(reference.id, reference.attribute) });
  }
  const allParameters = { ...parameters, ...Object.fromEntries([...imported.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
  return {
    AWSTemplateFormatVersion: TEMPLATE_FORMAT_VERSION,
    // Without the number of stacks, so that appending to a flow leaves the earlier stacks unchanged.
    Description: `${template.Description}: nested stack ${index + 1}`,
    ...(Object.keys(allParameters).length > 0 ? { Parameters: allParameters } : {}),
    Resources: resources,
    ...(outputs.size > 0 ? { Outputs: Object.fromEntries(outputs) } : {}),
  };
}
