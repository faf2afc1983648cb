import type { TemplateParts } from './build-template.js';
import { ASSETS_BUCKET_PARAMETER, shortHash } from './logical-id.js';
import { forEachReference, type Reference, referenceKey, referencesIn, rewriteReferences } from './references.js';
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

export function fitsOneStack(parts: TemplateParts, limits: StackLimits): boolean {
  return parts.resources.length <= limits.resources && Object.keys(parts.parameters).length <= limits.parameters;
}

/**
 * A value of a resource that other resources, or the root, use: its `Ref` (attribute null) or
 * one `Fn::GetAtt`. `key` is `Id` or `Id.Attribute` (`referenceKey`).
 */
interface Value extends Reference {
  readonly key: string;
  readonly provider: Node;
  /** The resources that reference it, each once. */
  readonly consumers: Node[];
  /** `consumers`, plus one when it is an app output the root passes up. */
  uses: number;
  /** The stack that imports it as a parameter, if any yet (see `StackFill`). */
  importedInto: number;
  /** While its provider's stack is filled: how many of its consumers are in that stack. */
  usesInside: number;
  /** Scratch of `StackFill.totalsWith`: the call that last counted it, and its count there. */
  probe: number;
  probeCount: number;
}

interface Node {
  readonly id: string;
  /** Its position in the template. */
  readonly index: number;
  /** Undefined once its stack's template is made (`splitIntoNestedStacks`). */
  resource: Resource | undefined;
  /** The resource's `DependsOn` (none: empty). */
  readonly dependsOn: readonly string[];
  /** Its origin in the .flow file (0, 0 for none): the order resources are taken in. */
  readonly line: number;
  readonly column: number;
  /** The values of other resources it references, each once (not parameters). */
  readonly imports: Value[];
  /** Template parameters it references, each once. */
  readonly parameters: string[];
  /** Resources it must come after, each once: what it references, then its `DependsOn`. */
  readonly after: Node[];
  /** Its values that some resource, or the root, uses. */
  readonly provides: Value[];
  /** How many resources must come after it. */
  dependents: number;
  /**
   * How many resources must come right after it, and the last of them (the only one when there
   * is one): its dependents but those whose `DependsOn` on it is implied by a reference (a
   * mapping `DependsOn` a role, and references the function that references the role).
   */
  directDependents: number;
  lastDirectDependent: Node | undefined;
  /** How many of `after` are references (they come first; the rest are `DependsOn`). */
  referenced: number;
  /** The compact JSON size of the resource. */
  readonly bytes: number;
  /** Set while packing: its unit, then its stack (0-based; -1 before). */
  unit: number;
  stack: number;
  /** Scratch of `buildGraph`: the index of the last node that put it in its `after`. */
  afterOf: number;
}

interface Graph {
  /** In template order. */
  readonly nodes: readonly Node[];
  readonly byId: ReadonlyMap<string, Node>;
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
 *
 * Each nested template goes to `each` as soon as it is made, in stack order, and the root is
 * returned; the layout takes the resources out of `parts` and lets go of each stack's once
 * `each` has it, so that a caller that prints and drops each template never holds them all.
 */
export function splitIntoNestedStacks(
  parts: TemplateParts,
  limits: StackLimits,
  fileOf: (stackNumber: number) => string,
  each: (file: string, template: Template) => void,
): Template {
  const graph = buildGraph(parts);
  const { byId } = graph;
  const stackOf = (id: string): number => (byId.get(id) as Node).stack;
  const surfaced = surfacedOutputs(parts, limits, graph);
  const stacks = pack(placementOrder(graph.nodes), limits);
  if (stacks.length > limits.resources) {
    throw new Error(`the app needs ${stacks.length} nested stacks; CloudFormation allows ${limits.resources} resources in the root stack`);
  }

  const names = crossStackNames(parts, graph, stacks, surfaced);
  const stackIds = stacks.map((_, index) => `Stack${index + 1}`);
  // The values each stack provides to others, in the order of `names.byName`.
  const providedBy = stacks.map((): [string, Reference][] => []);
  for (const [name, reference] of names.byName) providedBy[stackOf(reference.id)]?.push([name, reference]);
  const rootResources: Record<string, Resource> = {};
  stacks.forEach((members, index) => {
    const file = fileOf(index + 1);
    const child = nestedTemplate(parts, members, index, byId, names, providedBy[index] as [string, Reference][]);
    const parameters: Record<string, TemplateValue> = {};
    const dependsOn = new Set<number>();
    for (const name of Object.keys(child.Parameters ?? {})) {
      const imported = names.byName.get(name);
      if (imported) {
        parameters[name] = getAtt(stackIds[stackOf(imported.id)] as string, `Outputs.${name}`);
      } else if (name === names.passedDown) {
        parameters[name] = ref(name);
      }
    }
    for (const node of members) {
      for (const dependency of node.dependsOn) {
        const provider = stackOf(dependency);
        if (provider !== index && !node.imports.some((value) => value.provider.stack === provider)) dependsOn.add(provider);
      }
    }
    rootResources[stackIds[index] as string] = {
      Type: 'AWS::CloudFormation::Stack',
      Properties: { TemplateURL: file, ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}) },
      ...(dependsOn.size > 0 ? { DependsOn: [...dependsOn].sort((a, b) => a - b).map((i) => stackIds[i] as string) } : {}),
      Metadata: { flowc: { template: file } },
    };
    each(file, child);
    // The stack's template has them now: the layout no longer holds them, so that each stack's
    // objects can be collected once it is printed (at N = 10,000 the resources are ~50 MB).
    for (const node of members) node.resource = undefined;
  });
  const rootParameters: Record<string, Parameter> = {};
  if (names.passedDown !== null) rootParameters[names.passedDown] = parts.parameters[names.passedDown] as Parameter;
  const rootOutputs: Record<string, Output> = {};
  for (const { name, reference, output } of surfaced.values()) {
    rootOutputs[name] = { ...output, Value: getAtt(stackIds[stackOf(reference.id)] as string, `Outputs.${name}`) };
  }
  return {
    AWSTemplateFormatVersion: TEMPLATE_FORMAT_VERSION,
    Description: parts.description,
    Metadata: parts.metadata,
    ...(Object.keys(rootParameters).length > 0 ? { Parameters: rootParameters } : {}),
    Resources: rootResources,
    ...(Object.keys(rootOutputs).length > 0 ? { Outputs: rootOutputs } : {}),
  };
}

interface SurfacedOutput {
  readonly name: string;
  readonly reference: Reference;
  readonly output: Output;
}

/**
 * The app outputs the root has, by the key of the reference each one is: the first
 * `limits.outputs`. The root is one more user of each of their values.
 */
function surfacedOutputs(parts: TemplateParts, limits: StackLimits, graph: Graph): ReadonlyMap<string, SurfacedOutput> {
  const outputs = parts.outputs;
  const names = Object.keys(outputs);
  const surfaced = new Map<string, SurfacedOutput>();
  for (let i = 0; i < names.length && i < limits.outputs; i++) {
    const name = names[i] as string;
    const output = outputs[name] as Output;
    const [reference, ...more] = referencesIn(output.Value);
    const provider = reference && graph.byId.get(reference.id);
    if (!reference || !provider || more.length > 0) throw new Error(`internal: the output ${name} is not one reference to a resource`);
    const key = referenceKey(reference);
    if (!surfaced.has(key)) valueOf(provider, reference.attribute).uses += 1;
    surfaced.set(key, { name, reference, output });
  }
  return surfaced;
}

/**
 * The value of `provider` that `attribute` names (null: its `Ref`), made on first use. Found
 * among the few it provides already rather than by a key built for each reference.
 */
function valueOf(provider: Node, attribute: string | null): Value {
  for (const value of provider.provides) if (value.attribute === attribute) return value;
  const id = provider.id;
  const key = referenceKey({ id, attribute });
  const value: Value = { id, attribute, key, provider, consumers: [], uses: 0, importedInto: -1, usesInside: 0, probe: -1, probeCount: 0 };
  provider.provides.push(value);
  return value;
}

/**
 * The resources of a template, with what each references and needs to come after. Takes the
 * resources out of `parts` (its list is left empty): the nodes hold them until their stack is made.
 */
function buildGraph(parts: TemplateParts): Graph {
  // A set: faster than `in` on an object of thousands of keys.
  const parameters = new Set(Object.keys(parts.parameters));
  const nodes: Node[] = [];
  const byId = new Map<string, Node>();
  for (const [id, resource] of parts.resources) {
    const origin = resource.Metadata.flowc;
    const node: Node = {
      id,
      index: nodes.length,
      resource,
      dependsOn: resource.DependsOn ?? [],
      line: 'line' in origin ? origin.line : 0,
      column: 'column' in origin ? origin.column : 0,
      imports: [],
      parameters: [],
      after: [],
      provides: [],
      dependents: 0,
      directDependents: 0,
      lastDirectDependent: undefined,
      referenced: 0,
      bytes: JSON.stringify(resource).length,
      unit: -1,
      stack: -1,
      afterOf: -1,
    };
    nodes.push(node);
    byId.set(id, node);
  }
  parts.resources.length = 0;
  // Each resource once in `node.after`, whatever the number of references (a queue policy can have thousands).
  const needs = (node: Node, dependency: Node): void => {
    if (dependency.afterOf === node.index) return;
    dependency.afterOf = node.index;
    node.after.push(dependency);
  };
  // One visitor for every resource: `node` is the one being walked.
  let node = nodes[0] as Node;
  const reference = (id: string, attribute: string | null): void => {
    if (attribute === null && parameters.has(id)) {
      if (!node.parameters.includes(id)) node.parameters.push(id);
      return;
    }
    const provider = byId.get(id);
    if (provider === undefined) throw new Error(`internal: ${node.id} references ${referenceKey({ id, attribute })}, which the template does not define`);
    const value = valueOf(provider, attribute);
    // Consumers are added node by node: a value this node uses already ends with it.
    if (value.consumers[value.consumers.length - 1] === node) return;
    value.consumers.push(node);
    value.uses += 1;
    node.imports.push(value);
    needs(node, provider);
  };
  for (node of nodes) {
    forEachReference((node.resource as Resource).Properties, reference);
    node.referenced = node.after.length;
    for (const id of node.dependsOn) {
      const dependency = byId.get(id);
      if (dependency === undefined) throw new Error(`internal: ${node.id} depends on ${id}, which the template does not define`);
      needs(node, dependency);
    }
  }
  for (const node of nodes) {
    node.after.forEach((dependency, position) => {
      dependency.dependents += 1;
      if (position >= node.referenced && node.after.some((other, i) => i < node.referenced && other.after.includes(dependency))) return;
      dependency.directDependents += 1;
      dependency.lastDirectDependent = node;
    });
  }
  return { nodes, byId };
}

/** Source position, then template order: the order resources are taken in. */
function byOrigin(a: Node, b: Node): number {
  return a.line - b.line || a.column - b.column || a.index - b.index;
}

const VISITING = 1;
const DONE = 2;

/** A topological order (dependencies first) that keeps each resource next to what it needs. */
function placementOrder(nodes: readonly Node[]): Node[] {
  const roots = nodes.filter((n) => n.dependents === 0).sort(byOrigin);
  const order: Node[] = [];
  // By node index: 0, VISITING or DONE.
  const state = new Uint8Array(nodes.length);
  const visit = (node: Node): void => {
    if (state[node.index] === DONE) return;
    if (state[node.index] === VISITING) throw new Error(`internal: a dependency cycle through ${node.id}`);
    state[node.index] = VISITING;
    for (const dependency of node.after.length > 1 ? [...node.after].sort(byOrigin) : node.after) visit(dependency);
    state[node.index] = DONE;
    order.push(node);
  };
  for (const root of roots) visit(root);
  if (order.length !== nodes.length) throw new Error('internal: a dependency cycle among the resources');
  return order;
}

/**
 * The one resource that must come right after `node`, if exactly one must. (A role's is its
 * function: the mappings and configs that also `DependsOn` it come after the function anyway,
 * so they do not pull the role out of the function's unit.)
 */
function soleDependent(node: Node): Node | undefined {
  return node.directDependents === 1 ? node.lastDirectDependent : undefined;
}

/** Resources placed together (`Node.unit` is `number`). */
interface Unit {
  readonly number: number;
  readonly nodes: readonly Node[];
}

/**
 * Fills stacks in order; a unit goes to the next stack when the current one has no room for it.
 * A unit is a resource together with the resources placed just before it that nothing else
 * needs (a function's role and log group, a queue's dead-letter queue), so that they share its
 * stack. Sets `Node.stack`.
 */
function pack(order: readonly Node[], limits: StackLimits): Node[][] {
  // A resource is glued to what follows when its sole dependent comes next, or when what comes
  // next has the same sole dependent and is glued (a role, then a log group, then their function).
  const glued: boolean[] = new Array<boolean>(order.length).fill(false);
  for (let index = order.length - 2; index >= 0; index--) {
    const only = soleDependent(order[index] as Node);
    if (only === undefined) continue;
    const next = order[index + 1] as Node;
    glued[index] = next === only || (glued[index + 1] === true && soleDependent(next) === only);
  }
  const units: Unit[] = [];
  let unit: Node[] = [];
  order.forEach((node, index) => {
    node.unit = units.length;
    unit.push(node);
    if (!glued[index]) {
      units.push({ number: units.length, nodes: unit });
      unit = [];
    }
  });

  const stacks: Node[][] = [];
  let stack = new StackFill(0);
  for (const next of units) {
    let totals = stack.totalsWith(next);
    if (!stack.fits(next, totals, limits)) {
      const name = next.nodes.map((n) => n.id).join(' with ');
      if (stack.members.length === 0) throw new Error(`${name}: too large for a nested stack on its own`);
      stacks.push(stack.members);
      stack = new StackFill(stacks.length);
      totals = stack.totalsWith(next);
      if (!stack.fits(next, totals, limits)) throw new Error(`${name}: too large for a nested stack on its own`);
    }
    stack.add(next, totals);
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

/** How many consumers of `value` are in `unit`. */
function usesIn(value: Value, unit: Unit): number {
  // A resource never uses its own values, so a unit of one holds none of their consumers.
  if (unit.nodes.length === 1) return 0;
  let count = 0;
  for (const consumer of value.consumers) if (consumer.unit === unit.number) count += 1;
  return count;
}

/** Numbers the calls of `totalsWith`, so that `Value.probe` tells the values a call has counted. */
let probes = 0;

/**
 * The running totals of the stack being filled, against which each next unit is weighed. Its
 * members have `Node.stack` = `number`; the values it imports have `Value.importedInto` =
 * `number`; for the values its members provide, `Value.usesInside` counts their uses inside it.
 * (Marks on the nodes and values, rather than sets of IDs per stack and per unit: the layout
 * weighs thousands of units.)
 */
class StackFill {
  readonly members: Node[] = [];
  private readonly parameters = new Set<string>();
  private imports = 0;
  /** Values of the members that are used outside the stack (so far: their later consumers come later). */
  private outputs = 0;
  private bytes = 0;

  constructor(private readonly number: number) {}

  /** Whether the stack, with `unit` added (`totals`: what `totalsWith(unit)` gave), is within the limits. */
  fits(unit: Unit, totals: Totals, limits: StackLimits): boolean {
    const { imports, parameters, outputs, bytes } = totals;
    return (
      this.members.length + unit.nodes.length <= limits.resources &&
      imports + parameters <= limits.parameters &&
      outputs <= limits.outputs &&
      PRINTED_SIZE_FACTOR * bytes + DECLARATION_BYTES * (imports + parameters + outputs) <= limits.templateBytes
    );
  }

  /** Adds `unit`; `totals` is what `totalsWith(unit)` gave. */
  add(unit: Unit, totals: Totals): void {
    for (const node of unit.nodes) {
      for (const value of node.provides) value.usesInside = usesIn(value, unit);
    }
    for (const node of unit.nodes) {
      for (const value of node.imports) {
        const provider = value.provider;
        if (provider.unit === unit.number) continue;
        if (provider.stack === this.number) value.usesInside += 1;
        else value.importedInto = this.number;
      }
      for (const parameter of node.parameters) this.parameters.add(parameter);
      this.members.push(node);
      node.stack = this.number;
    }
    this.imports = totals.imports;
    this.outputs = totals.outputs;
    this.bytes = totals.bytes;
  }

  /** The totals once `unit` is added. */
  totalsWith(unit: Unit): Totals {
    const probe = ++probes;
    let imports = this.imports;
    let outputs = this.outputs;
    let bytes = this.bytes;
    let newParameters: string[] | undefined;
    for (const node of unit.nodes) {
      bytes += node.bytes;
      for (const parameter of node.parameters) {
        if (this.parameters.has(parameter) || newParameters?.includes(parameter)) continue;
        (newParameters ??= []).push(parameter);
      }
      for (const value of node.imports) {
        const provider = value.provider;
        if (provider.unit === unit.number) continue;
        if (value.probe !== probe) {
          value.probe = probe;
          value.probeCount = 0;
          // From outside the stack, and not imported yet: one more parameter.
          if (provider.stack !== this.number && value.importedInto !== this.number) imports += 1;
        }
        // From inside the stack: when its last consumer outside joins, it is no longer an output.
        if (provider.stack === this.number) {
          value.probeCount += 1;
          if (value.usesInside + value.probeCount === value.uses) outputs -= 1;
        }
      }
      // What uses the unit comes later, but for its own members: those values are outputs for now.
      for (const value of node.provides) if (usesIn(value, unit) < value.uses) outputs += 1;
    }
    return { imports, parameters: this.parameters.size + (newParameters?.length ?? 0), outputs, bytes };
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
function crossStackNames(parts: TemplateParts, graph: Graph, stacks: readonly (readonly Node[])[], surfaced: ReadonlyMap<string, SurfacedOutput>): CrossStackNames {
  const appOutputNames = new Map<string, string>();
  for (const [name, output] of Object.entries(parts.outputs)) {
    const [reference] = referencesIn(output.Value);
    if (reference) appOutputNames.set(referenceKey(reference), name);
  }
  const taken = new Set(graph.byId.keys());
  for (const name of Object.keys(parts.parameters)) taken.add(name);
  for (const name of Object.keys(parts.outputs)) taken.add(name);
  const byName = new Map<string, Reference>();
  const byKey = new Map<string, string>();
  for (const [key, { name, reference }] of surfaced) {
    byName.set(name, reference);
    byKey.set(key, name);
  }
  let passedDown: string | null = null;
  stacks.forEach((members, index) => {
    for (const node of members) {
      if (node.parameters.includes(ASSETS_BUCKET_PARAMETER)) passedDown = ASSETS_BUCKET_PARAMETER;
      for (const value of node.imports) {
        const { key } = value;
        if (value.provider.stack === index || byKey.has(key)) continue;
        const own = appOutputNames.get(key);
        const candidate = `${value.id}${(value.attribute ?? 'Ref').replace(/[^A-Za-z0-9]/g, '')}`;
        const name = own ?? (taken.has(candidate) ? `${candidate}${shortHash(key)}` : candidate);
        if (own === undefined && taken.has(name)) throw new Error(`internal: the cross-stack name ${name} is taken`);
        taken.add(name);
        byName.set(name, value);
        byKey.set(key, name);
      }
    }
  });
  return { byName, byKey, passedDown };
}

/**
 * The template of stack `index`. `provided`: the values it passes to other stacks or up to the
 * root, by name, in the order of `names.byName`.
 */
function nestedTemplate(
  parts: TemplateParts,
  members: readonly Node[],
  index: number,
  byId: ReadonlyMap<string, Node>,
  names: CrossStackNames,
  provided: readonly (readonly [string, Reference])[],
): Template {
  const parameters: Record<string, Parameter> = {};
  const imported = new Map<string, Parameter>();
  const resources: Record<string, Resource> = {};
  const outputs = new Map<string, Output>();
  for (const node of members) {
    const resource = node.resource as Resource;
    for (const name of node.parameters) parameters[name] = parts.parameters[name] as Parameter;
    const crossesStacks = node.imports.some((value) => value.provider.stack !== index);
    const properties = !crossesStacks
      ? resource.Properties
      : (rewriteReferences(resource.Properties, (reference) => {
          const stack = byId.get(reference.id)?.stack;
          if (stack === undefined || stack === index) return undefined;
          const name = names.byKey.get(referenceKey(reference)) as string;
          imported.set(name, { Type: 'String', Description: `${referenceKey(reference)} from another stack of the app` });
          return ref(name);
        }) as Resource['Properties']);
    if (properties === resource.Properties && resource.DependsOn === undefined) {
      // Nothing to change: the resource as the one-stack template has it (not a copy).
      resources[node.id] = resource;
      continue;
    }
    const dependsOn = node.dependsOn.filter((d) => byId.get(d)?.stack === index);
    const { DependsOn: _dropped, ...rest } = resource;
    resources[node.id] = { ...rest, Properties: properties, ...(dependsOn.length > 0 ? { DependsOn: dependsOn } : {}) };
  }
  for (const [name, reference] of provided) {
    const description = parts.outputs[name]?.Description;
    outputs.set(name, { ...(description === undefined ? {} : { Description: description }), Value: reference.attribute === null ? ref(reference.id) : getAtt(reference.id, reference.attribute) });
  }
  const allParameters = { ...parameters, ...Object.fromEntries([...imported.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
  return {
    AWSTemplateFormatVersion: TEMPLATE_FORMAT_VERSION,
    // Without the number of stacks, so that appending to a flow leaves the earlier stacks unchanged.
    Description: `${parts.description}: nested stack ${index + 1}`,
    Metadata: parts.metadata,
    ...(Object.keys(allParameters).length > 0 ? { Parameters: allParameters } : {}),
    Resources: resources,
    ...(outputs.size > 0 ? { Outputs: Object.fromEntries(outputs) } : {}),
  };
}
