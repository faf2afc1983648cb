import { describe, expect, test } from 'vitest';
import { buildTemplate, cloudFormationLimits, layoutTemplates } from '../../../compiler/emit/cloudformation/index.js';
import { referencesIn } from '../../../compiler/emit/cloudformation/references.js';
import type { Resource, Template, TemplateValue } from '../../../compiler/emit/cloudformation/template.js';
import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import { allApps } from './helpers/apps.js';
import { manifestOf } from './helpers/compile.js';
import { generateFlow } from '../../../bench/generate.js';

/**
 * Creation order: every resource that AWS checks against a permission, or that delivers as
 * soon as it exists, comes after the permission or policy it needs, so that no deploy fails on
 * a missing permission and no event is lost between the two:
 *
 * - an SNS subscription of a function after the Lambda permission for SNS, of a queue after the
 *   queue policy that lets the topic send;
 * - an EventBridge rule after the Lambda permission, or the queue policy, that lets it deliver
 *   to its target;
 * - an event source mapping after the execution role whose policy lets it poll its source;
 * - an EventInvokeConfig with destinations after the role that may deliver to them.
 *
 * "After" is a direct dependency: a `DependsOn` or a reference of the resource itself, not a
 * chain through another resource (a chain through a function does not order a new mapping after
 * a change of the function's role when the function itself does not change). Across nested
 * stacks, the stack of the resource comes after the stack of what it needs.
 */

interface Requirement {
  readonly id: string;
  /** The logical ID of what must exist first. */
  readonly needs: string;
  readonly why: string;
}

type Properties = Resource['Properties'];

/** The logical ID a `Ref` or `Fn::GetAtt` names. */
function target(value: TemplateValue | undefined): string | undefined {
  const [reference] = value === undefined ? [] : referencesIn(value);
  return reference?.id;
}

/** The rule a `SourceArn` names: by reference, or by its ARN spelled from its name and its bus's. */
function ruleNamed(value: TemplateValue | undefined, resources: Template['Resources']): string | undefined {
  const referenced = target(value);
  if (referenced !== undefined) return referenced;
  const spelled = /:rule\/([^/]+)\/([^/]+)$/.exec(String((value as { 'Fn::Sub'?: string } | undefined)?.['Fn::Sub'] ?? ''));
  if (!spelled) return undefined;
  // An existing bus (`arn = "…"`) is named by its ARN, `…:event-bus/<name>`.
  const busName = (bus: TemplateValue | undefined) => (typeof bus === 'string' ? bus.slice(bus.indexOf('event-bus/') + 'event-bus/'.length) : resources[target(bus) ?? '']?.Properties.Name);
  return Object.entries(resources).find(([, r]) => r.Type === 'AWS::Events::Rule' && r.Properties.Name === spelled[2] && busName(r.Properties.EventBusName) === spelled[1])?.[0];
}

/** Every permission-dependent resource of a (flat) template, and what it needs; a requirement that nothing fulfils names `(none)`. */
function requirements(template: Template): Requirement[] {
  const resources = template.Resources;
  const find = (type: string, test: (p: Properties) => boolean): string =>
    Object.entries(resources).find(([, r]) => r.Type === type && test(r.Properties))?.[0] ?? '(none)';
  const permission = (fn: string | undefined, principal: string, source: (p: Properties) => boolean) =>
    find('AWS::Lambda::Permission', (p) => target(p.FunctionName) === fn && p.Principal === principal && source(p));
  const queuePolicy = (queue: string | undefined) => find('AWS::SQS::QueuePolicy', (p) => ((p.Queues ?? []) as TemplateValue[]).some((q) => target(q) === queue));
  const roleOf = (fn: string | undefined) => target(resources[fn ?? '']?.Properties.Role) ?? '(none)';
  const out: Requirement[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    const p = resource.Properties;
    switch (resource.Type) {
      case 'AWS::SNS::Subscription':
        // The topic by reference, or an existing one by its ARN: the same text either way.
        if (p.Protocol === 'lambda') out.push({ id, why: 'SNS may invoke the function', needs: permission(target(p.Endpoint), 'sns.amazonaws.com', (q) => JSON.stringify(q.SourceArn) === JSON.stringify(p.TopicArn)) });
        // An existing queue (an ARN, no reference) has its owner's policy, nothing in the template to wait for.
        else if (target(p.Endpoint) !== undefined) out.push({ id, why: 'the topic may send to the queue', needs: queuePolicy(target(p.Endpoint)) });
        break;
      case 'AWS::Events::Rule':
        for (const t of (p.Targets ?? []) as { Arn: TemplateValue }[]) {
          const to = target(t.Arn);
          if (resources[to ?? '']?.Type === 'AWS::Lambda::Function') {
            out.push({ id, why: 'EventBridge may invoke the function', needs: permission(to, 'events.amazonaws.com', (q) => ruleNamed(q.SourceArn, resources) === id) });
          } else if (to !== undefined) {
            out.push({ id, why: 'the rule may send to the queue', needs: queuePolicy(to) });
          }
        }
        break;
      case 'AWS::Lambda::EventSourceMapping':
        out.push({ id, why: 'the role may poll the source', needs: roleOf(target(p.FunctionName)) });
        break;
      case 'AWS::Lambda::EventInvokeConfig':
        if (p.DestinationConfig !== undefined) out.push({ id, why: 'the role may deliver to the destinations', needs: roleOf(target(p.FunctionName)) });
        break;
    }
  }
  return out;
}

/** What a resource depends on directly: its `DependsOn` and its references. */
function directDependencies(resource: Resource): Set<string> {
  return new Set([...(resource.DependsOn ?? []), ...referencesIn(resource.Properties).map((r) => r.id)]);
}

/** The requirements of a flat template that its order does not meet. */
function unmetInOneStack(template: Template): string[] {
  return requirements(template)
    .filter(({ id, needs }) => needs === '(none)' || !directDependencies(template.Resources[id] as Resource).has(needs))
    .map(({ id, needs, why }) => `${id} is not created after ${needs} (${why})`);
}

/** The same, for a nested layout: the pair in one stack with a direct dependency, or the resource's stack after the other's. */
function unmetAcrossStacks(flat: Template, templates: ReadonlyMap<string, Template>, rootFile: string): string[] {
  const root = templates.get(rootFile) as Template;
  const stackOf = new Map<string, string>();
  const stackTemplate = new Map<string, Template>();
  for (const [stackId, stack] of Object.entries(root.Resources)) {
    const child = templates.get(stack.Properties.TemplateURL as string) as Template;
    stackTemplate.set(stackId, child);
    for (const id of Object.keys(child.Resources)) stackOf.set(id, stackId);
  }
  // The stacks each stack waits for: its DependsOn and the stacks whose outputs it is passed.
  const waitsFor = (stackId: string): Set<string> => {
    const stack = root.Resources[stackId] as Resource;
    return new Set([...(stack.DependsOn ?? []), ...referencesIn(stack.Properties).map((r) => r.id)]);
  };
  const after = (later: string, earlier: string): boolean => {
    const seen = new Set<string>();
    const queue = [later];
    while (queue.length > 0) {
      const next = queue.pop() as string;
      for (const dependency of waitsFor(next)) {
        if (dependency === earlier) return true;
        if (!seen.has(dependency)) {
          seen.add(dependency);
          queue.push(dependency);
        }
      }
    }
    return false;
  };
  const problems: string[] = [];
  for (const { id, needs, why } of requirements(flat)) {
    const [mine, theirs] = [stackOf.get(id) as string, stackOf.get(needs) as string];
    if (mine === theirs) {
      const resource = stackTemplate.get(mine)?.Resources[id] as Resource;
      if (!directDependencies(resource).has(needs)) problems.push(`${id} is not created after ${needs} in ${mine} (${why})`);
    } else if (!after(mine, theirs)) {
      problems.push(`${id} (${mine}) is not created after ${needs} (${theirs}) (${why})`);
    }
  }
  return problems;
}

/** A flow with every edge that needs a permission, twice over, so that layouts split between the pairs. */
const everyEdge = manifestOf(
  'every.flow',
  [
    'app every',
    'type O = { id: string }',
    'type C = { session: string, at: timestamp }',
    'type S = { sku: string, count: int }',
    ...[1, 2].flatMap((n) => [
      `topic placed${n}: O`,
      `queue orders${n}: O { visibility = 1m }`,
      `bus events${n}: O`,
      `queue audit${n}`,
      `stream clicks${n}: C { shards = 1, partition = session }`,
      `table stock${n}: S { key = sku, stream = new_and_old }`,
      `queue failed${n}`,
      `fn bill${n}(O) { timeout = 10s, sends = [events${n}] }`,
      `fn notify${n}(O) -> O`,
      `fn watch${n}(O)`,
      `fn archive${n}`,
      `fn read${n}(C) { timeout = 30s }`,
      `fn reindex${n}(S) { timeout = 30s }`,
      `fn refund${n}(failure<notify${n}>)`,
      `placed${n} -> orders${n} -> bill${n} { batch = 10 }`,
      `placed${n} -> notify${n}`,
      `notify${n}.failure -> refund${n}`,
      `events${n} -> watch${n}`,
      `events${n} -> audit${n} -> archive${n}`,
      `clicks${n} -> read${n} { start = latest, retries = 3, max_age = 1h, bisect = true, on_failure = failed${n} }`,
      `stock${n} -> reindex${n} { start = trim_horizon, retries = 3, max_age = 1h, bisect = true }`,
    ]),
  ].join('\n'),
);

const cases: { readonly name: string; readonly manifest: () => FlowManifest }[] = [...allApps, { name: 'every edge kind', manifest: () => everyEdge }];

describe('resources that need a permission are created after it', () => {
  test('the flow with every kind of edge has every kind of requirement', () => {
    const whys = new Set(requirements(buildTemplate(everyEdge)).map((r) => r.why));
    expect([...whys].sort()).toEqual([
      'EventBridge may invoke the function',
      'SNS may invoke the function',
      'the role may deliver to the destinations',
      'the role may poll the source',
      'the rule may send to the queue',
      'the topic may send to the queue',
    ]);
  });

  for (const { name, manifest } of cases) {
    test(`${name}: in one stack`, () => {
      const template = buildTemplate(manifest());
      expect(unmetInOneStack(template)).toEqual([]);
    });

    test(`${name}: in nested stacks of a few resources each`, () => {
      const m = manifest();
      const flat = buildTemplate(m);
      const count = Object.keys(flat.Resources).length;
      let split = 0;
      for (const resources of [4, 6, 8, 12, Math.max(4, Math.ceil(count / 3))]) {
        // The root holds at most `resources` stacks too: sizes too small for the app are skipped.
        if (resources * resources < count * 2) continue;
        const limits = { ...cloudFormationLimits, resources, parameters: 40, outputs: 40 };
        const { templates, rootFile } = layoutTemplates(m, { format: 'json', limits });
        if (templates.size === 1) continue;
        split += 1;
        expect(unmetAcrossStacks(flat, templates, rootFile), `stacks of ${resources}`).toEqual([]);
      }
      if (count > 8) expect(split).toBeGreaterThan(0);
    });
  }

  test('600 functions at the real limits', () => {
    const m = manifestOf('app.flow', generateFlow(600));
    const flat = buildTemplate(m);
    expect(unmetInOneStack(flat)).toEqual([]);
    const { templates, rootFile } = layoutTemplates(m, { format: 'json', limits: cloudFormationLimits });
    expect(templates.size).toBeGreaterThan(2);
    expect(unmetAcrossStacks(flat, templates, rootFile)).toEqual([]);
  });
});
