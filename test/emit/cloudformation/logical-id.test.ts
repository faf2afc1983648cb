import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { codeKeyParameter, declarationId, edgeStems, LogicalIds, nameStem, shortHash } from '../../../compiler/emit/cloudformation/logical-id.js';
import type { EdgeSpec } from '../../../runtime/manifest/schema.js';
import { flow } from './helpers/compile.js';

function subscription(source: string, target: string): EdgeSpec {
  return { id: `${source}->${target}`, origin: { line: 1, column: 1 }, source, target, payload: { kind: 'unknown' }, kind: 'subscription', targetKind: 'fn', rawMessageDelivery: false, filter: null };
}

describe('logical IDs', () => {
  test('snake_case names become PascalCase with the role after them', () => {
    expect(declarationId('charge', 'Function')).toBe('ChargeFunction');
    expect(declarationId('charge', 'FunctionRole')).toBe('ChargeFunctionRole');
    expect(declarationId('payouts_dead', 'Queue')).toBe('PayoutsDeadQueue');
    expect(declarationId('b0_f1', 'Function')).toBe('B0F1Function');
    expect(codeKeyParameter('send_welcome')).toBe('SendWelcomeFunctionCodeKey');
  });

  test('other names keep their letters and get the hash of the exact name, so look-alikes differ', () => {
    expect(nameStem('sendWelcome')).toBe(`SendWelcome${shortHash('sendWelcome')}`);
    expect(nameStem('send_welcome')).toBe('SendWelcome');
    expect(nameStem('a__b')).not.toBe(nameStem('a_b'));
    expect(nameStem('x_1')).not.toBe(nameStem('x1'));
    expect(nameStem('_1')).toMatch(/^X1[0-9A-F]{8}$/);
    expect(shortHash('sendWelcome')).toMatch(/^[0-9A-F]{8}$/);
  });

  test('any two distinct names have distinct stems, and every ID is a valid CloudFormation logical ID', () => {
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
    fc.assert(
      fc.property(name, name, (a, b) => {
        fc.pre(a !== b);
        expect(nameStem(a)).not.toBe(nameStem(b));
        expect(declarationId(a, 'FunctionEventInvokeConfig')).toMatch(/^[A-Za-z0-9]{1,255}$/);
      }),
      { numRuns: 2000 },
    );
  });

  test('edges that spell the same <Source>To<Target> each get the hash of their edge id; others keep the plain stem', () => {
    const stems = edgeStems([subscription('a_to_b', 'c'), subscription('a', 'b_to_c'), subscription('x', 'y')]);
    expect(stems.get('a_to_b->c')).toBe(`AToBToC${shortHash('a_to_b->c')}`);
    expect(stems.get('a->b_to_c')).toBe(`AToBToC${shortHash('a->b_to_c')}`);
    expect(stems.get('x->y')).toBe('XToY');
  });

  test('maps IDs back to the declaration or edge they come from', () => {
    const manifest = flow('app shop', 'type Job = { id: string }', 'topic placed: Job', 'queue jobs: Job', 'fn work(Job)', 'placed -> jobs -> work');
    const ids = new LogicalIds(manifest);
    expect(ids.owner('WorkFunctionRole')).toEqual({ name: 'work', kind: 'fn', role: 'FunctionRole' });
    expect(ids.owner('JobsQueuePolicy')).toEqual({ name: 'jobs', kind: 'queue', role: 'QueuePolicy' });
    expect(ids.owner('JobsToWorkMapping')).toEqual({ name: 'jobs->work', kind: 'edge', role: 'Mapping' });
    expect(ids.owner('PlacedToJobsSubscription')).toEqual({ name: 'placed->jobs', kind: 'edge', role: 'Subscription' });
    expect(ids.owner('WorkFunctionCodeKey')).toEqual({ name: 'work', kind: 'parameter', role: 'CodeKey' });
    expect(ids.owner('PlacedToJobsPermission')).toBeUndefined();
    expect(ids.edge('jobs->work', 'Mapping')).toBe('JobsToWorkMapping');
    expect(() => ids.edge('nope->x', 'Mapping')).toThrow(/no resources/);
  });
});
