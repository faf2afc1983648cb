import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildTemplate } from '../../../compiler/emit/cloudformation/index.js';
import type { Resource } from '../../../compiler/emit/cloudformation/template.js';
import type { RuleEdge } from '../../../runtime/manifest/schema.js';
import { eventBridgePattern } from '../../../runtime/pattern/event-bridge.js';
import { matchesEventPattern } from '../../../runtime/pattern/event-ruler.js';
import type { Handler } from '../../../runtime/sim/services/lambda.js';
import { Simulator } from '../../../runtime/sim/simulator.js';
import { fixturesRoot } from '../../helpers/fixtures.js';
import { manifestOfFile } from './helpers/compile.js';
import { specProblems } from './helpers/spec.js';

/**
 * Every operator round-trips: written in test/fixtures/valid/patterns-every-operator, it is
 * emitted as the EventPattern of its rule in the form of the examples of
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * (an operator is an object inside the field's array, `[{"prefix": "us-"}]`), the template is
 * valid against the CloudFormation spec, and the simulator delivers an event the pattern
 * matches and not one it does not.
 */

const path = join(fixturesRoot, 'valid', 'patterns-every-operator', 'input.flow');
const manifest = manifestOfFile(path, 'test/fixtures/valid/patterns-every-operator/input.flow');
const template = buildTemplate(manifest);

/** Each rule of the fixture, by the operator its comment names: `orders -> take1 { … }   # exact`. */
const rules = new Map<string, { readonly bus: string; readonly fn: string }>();
for (const line of readFileSync(path, 'utf8').split('\n')) {
  const written = /^(\w+) -> (\w+) \{.*#\s*(\w+)\s*$/.exec(line);
  if (written) rules.set(written[3] as string, { bus: written[1] as string, fn: written[2] as string });
}

function ruleOf(name: string): { readonly bus: string; readonly fn: string } {
  const found = rules.get(name);
  if (!found) throw new Error(`the fixture has no rule named ${name}`);
  return found;
}

type Detail = Record<string, unknown>;
interface Case {
  /** The rule's target function. */
  readonly rule: string;
  readonly pattern: unknown;
  readonly yes: Detail;
  readonly no: Detail;
  readonly detailType?: { readonly yes: string; readonly no: string };
}

const cases: readonly Case[] = [
  { rule: 'exact', pattern: { source: ['shop'], detail: { status: ['paid'] } }, yes: { status: 'paid' }, no: { status: 'placed' } },
  { rule: 'exact_list', pattern: { detail: { status: ['placed', 'paid'], vip: [true], quantity: [3] } }, yes: { status: 'placed', vip: true, quantity: 3 }, no: { status: 'paid', vip: true, quantity: 4 } },
  { rule: 'begins', pattern: { detail: { region: [{ prefix: 'us-' }] } }, yes: { region: 'us-east-1' }, no: { region: 'eu-west-1' } },
  { rule: 'begins_any_case', pattern: { detail: { region: [{ prefix: { 'equals-ignore-case': 'EU-' } }] } }, yes: { region: 'eu-west-1' }, no: { region: 'us-east-1' } },
  { rule: 'ends', pattern: { detail: { file: [{ suffix: '.png' }] } }, yes: { file: 'a.png' }, no: { file: 'a.PNG' } },
  { rule: 'ends_any_case', pattern: { detail: { file: [{ suffix: { 'equals-ignore-case': '.PNG' } }] } }, yes: { file: 'a.png' }, no: { file: 'a.jpg' } },
  { rule: 'any_case', pattern: { detail: { address: { city: [{ 'equals-ignore-case': 'paris' }] } } }, yes: { address: { city: 'PARIS', ip: '1.2.3.4' } }, no: { address: { city: 'Lyon', ip: '1.2.3.4' } } },
  { rule: 'glob', pattern: { detail: { file: [{ wildcard: 'dir/*.png' }] } }, yes: { file: 'dir/x/y.png' }, no: { file: 'dir/x.jpg' } },
  { rule: 'not_value', pattern: { detail: { status: [{ 'anything-but': 'archived' }] } }, yes: { status: 'paid' }, no: { status: 'archived' } },
  { rule: 'not_list', pattern: { detail: { status: [{ 'anything-but': ['archived', 'deleted'] }] } }, yes: { status: 'placed' }, no: { status: 'deleted' } },
  { rule: 'not_numbers', pattern: { detail: { quantity: [{ 'anything-but': [0, 100] }] } }, yes: { quantity: 1 }, no: { quantity: 100 } },
  { rule: 'not_prefix', pattern: { detail: { region: [{ 'anything-but': { prefix: 'us-' } }] } }, yes: { region: 'eu-west-1' }, no: { region: 'us-east-1' } },
  { rule: 'not_suffix', pattern: { detail: { file: [{ 'anything-but': { suffix: '.tmp' } }] } }, yes: { file: 'a.txt' }, no: { file: 'a.tmp' } },
  { rule: 'not_any_case', pattern: { detail: { status: [{ 'anything-but': { 'equals-ignore-case': 'ARCHIVED' } }] } }, yes: { status: 'paid' }, no: { status: 'archived' } },
  { rule: 'not_glob', pattern: { detail: { file: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, yes: { file: 'src/bin/a.js' }, no: { file: 'src/lib/a.js' } },
  { rule: 'range', pattern: { detail: { amount: [{ numeric: ['>', 0, '<=', 100] }] } }, yes: { amount: 100 }, no: { amount: 0 } },
  { rule: 'equal', pattern: { detail: { quantity: [{ numeric: ['=', 5] }] } }, yes: { quantity: 5 }, no: { quantity: 6 } },
  { rule: 'present', pattern: { detail: { coupon: [{ exists: true }] } }, yes: { coupon: 'C' }, no: {} },
  { rule: 'absent', pattern: { detail: { note: [{ exists: false }] } }, yes: {}, no: { note: 'n' } },
  { rule: 'network', pattern: { detail: { address: { ip: [{ cidr: '10.0.0.0/24' }] } } }, yes: { address: { city: 'a', ip: '10.0.0.7' } }, no: { address: { city: 'a', ip: '10.0.1.7' } } },
  { rule: 'network6', pattern: { detail: { address: { ip: [{ cidr: '2001:db8::/32' }] } } }, yes: { address: { city: 'a', ip: '2001:db8::7' } }, no: { address: { city: 'a', ip: '2001:db9::7' } } },
  { rule: 'either', pattern: { source: ['shop'], $or: [{ detail: { vip: [true] } }, { detail: { amount: [{ numeric: ['>=', 1000] }] } }] }, yes: { vip: false, amount: 1000 }, no: { vip: false, amount: 999 } },
  { rule: 'empty', pattern: { detail: { note: [''] } }, yes: { note: '' }, no: { note: 'x' } },
  { rule: 'typed', pattern: { 'detail-type': ['OrderPlaced', 'OrderPaid'], detail: { tags: ['gift'] } }, yes: { tags: ['x', 'gift'] }, no: { tags: ['gift'] }, detailType: { yes: 'OrderPaid', no: 'OrderShipped' } },
  { rule: 'ref_key', pattern: { detail: { Ref: [{ exists: true }] } }, yes: { Ref: 'r' }, no: {} },
];

const base = { status: 'placed', region: 'eu-west-1', file: 'a.txt', amount: 500, quantity: 1, vip: false, tags: ['x'], address: { city: 'Lyon', ip: '192.168.0.1' } };

function rule(name: string): Resource {
  const { bus, fn } = ruleOf(name);
  const found = Object.values(template.Resources).find((r) => r.Type === 'AWS::Events::Rule' && (r.Metadata.flowc as { name?: string }).name === `${bus}->${fn}`);
  if (!found) throw new Error(`no rule ${bus} -> ${fn}`);
  return found;
}

/** The pattern as EventBridge receives it: the object, or the JSON text CloudFormation passes on. */
function eventPatternOf(target: string): unknown {
  const value = rule(target).Properties.EventPattern;
  return typeof value === 'string' ? JSON.parse(value) : value;
}

describe('every operator of the pattern language, from .flow to EventBridge and the simulator', () => {
  test('the template is valid against the CloudFormation spec', () => {
    expect(specProblems(template)).toEqual([]);
  });

  test('the fixture has a rule for each case, and a case for each rule', () => {
    const edges = manifest.edges.filter((e): e is RuleEdge => e.kind === 'rule').map((e) => e.id);
    expect(edges.length).toBe(rules.size);
    expect([...rules.keys()].sort()).toEqual([...cases.map((c) => c.rule), 'nothing'].sort());
    for (const { bus, fn } of rules.values()) expect(edges).toContain(`${bus}->${fn}`);
  });

  test.each(cases)('$rule: the EventPattern has the form of the documentation', ({ rule: target, pattern }) => {
    expect(eventPatternOf(target)).toEqual(pattern);
    // Objects in the template, except where CloudFormation would misread one (see ref_key).
    expect(typeof rule(target).Properties.EventPattern).toBe(target === 'ref_key' ? 'string' : 'object');
  });

  test('`null` and a field named `Ref` are written as JSON text, which CloudFormation neither refuses nor reads as an intrinsic', () => {
    expect(rule('nothing').Properties.EventPattern).toBe('{"detail":{"coupon":[null]}}');
    expect(rule('ref_key').Properties.EventPattern).toBe('{"detail":{"Ref":[{"exists":true}]}}');
    // The simulator matches what the template holds.
    const nothing = manifest.edges.find((e): e is RuleEdge => e.kind === 'rule' && e.id === `${ruleOf('nothing').bus}->${ruleOf('nothing').fn}`);
    if (nothing?.match.kind !== 'pattern') throw new Error('no pattern');
    expect(eventBridgePattern(nothing.match.pattern)).toEqual(eventPatternOf('nothing'));
    expect(matchesEventPattern(eventPatternOf('nothing'), { source: 'shop', detail: { coupon: null } })).toBe(true);
    expect(matchesEventPattern(eventPatternOf('nothing'), { source: 'shop', detail: { coupon: 'C' } })).toBe(false);
  });

  test('the simulator delivers each event to the rules that match it, and only those', async () => {
    const received = new Map<string, string[]>();
    const handlers: Record<string, Handler> = {};
    for (const fn of manifest.functions) {
      handlers[fn.name] = (async (event: { detail: { id: string } }) => {
        received.set(fn.name, [...(received.get(fn.name) ?? []), event.detail.id]);
      }) as Handler;
    }
    const sim = new Simulator(manifest, handlers, { captureLogs: false });
    for (const c of cases) {
      for (const outcome of ['yes', 'no'] as const) {
        const detail = { ...base, ...c[outcome], id: `${c.rule}-${outcome}` };
        sim.inject({ kind: 'put-event', bus: ruleOf(c.rule).bus, detailType: c.detailType?.[outcome] ?? 'OrderPlaced', detail });
      }
    }
    await sim.run();
    sim.dispose();
    for (const c of cases) {
      const got = received.get(ruleOf(c.rule).fn) ?? [];
      expect(got, c.rule).toContain(`${c.rule}-yes`);
      expect(got, c.rule).not.toContain(`${c.rule}-no`);
    }
  });
});
