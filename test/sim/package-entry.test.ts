// `flowc/testing` as a user's test suite imports it: the package's own `exports` entry
// (dist/testing.js and its declarations, built by the test setup) resolves, type-checks and runs.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChargeHandler, Flow } from '../../examples/shop/generated/flow.js';
import { formatErrors, repoRoot, typeCheck } from '../emit/typescript/type-check.js';

describe('the flowc/testing package entry', () => {
  it('runs in plain Node through the package self-reference', () => {
    const script = [
      "const { simulate } = await import('flowc/testing');",
      "const sim = await simulate('examples/shop/shop.flow');",
      "sim.publish('placed', { id: 'o-9', customer: 'eve', items: [], total: 5 });",
      "await sim.advance('1m');",
      "console.log(sim.invocations('email').length);",
      'sim.dispose();',
    ].join(' ');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(out.trim().split('\n').pop()).toBe('1');
  });

  it('has declarations that type a user\'s test through the generated `Flow`', () => {
    const source = [
      "import { simulate } from 'flowc/testing';",
      "import type { Flow } from '../examples/shop/generated/flow.js';",
      'export async function run(): Promise<number> {',
      "  const sim = await simulate<Flow>('examples/shop/shop.flow');",
      "  sim.publish('placed', { id: 'o-1', customer: 'ada', items: [{ sku: 'kb', qty: 1 }], total: 10 });",
      "  // @ts-expect-error: an Order has no field `amount`, and needs `customer`, `items` and `total`",
      "  sim.publish('placed', { id: 'o-2', amount: 10 });",
      "  // @ts-expect-error: the flow has no topic `orders`",
      "  sim.publish('orders', {});",
      "  await sim.advance('10m');",
      "  const charged: number[] = sim.invocations('charge').flatMap((i) => (i.result ? [i.result.charged] : []));",
      '  return sim.now + charged.length;',
      '}',
    ].join('\n');
    expect(formatErrors(typeCheck(new Map([[join(repoRoot, '.flowc-virtual/testing-entry.ts'), source]])))).toBe('');
  });
});

describe('the example of docs/simulator.md', () => {
  it('runs as written: a declined charge is retried once, then refunded', async () => {
    const { simulate } = await import('flowc/testing');
    const failingCharge: ChargeHandler = async () => {
      throw new Error('card declined');
    };
    const sim = await simulate<Flow>(join(repoRoot, 'examples/shop/shop.flow'), { handlers: { charge: failingCharge }, seed: 7 });
    try {
      sim.publish('placed', { id: 'o-1', customer: 'ada', items: [], total: 10 });
      await sim.advance('10m');
      expect(sim.invocations('charge').map((i) => i.atMs)).toEqual([0, 60_000]);
      expect(sim.invocations('refund')).toHaveLength(1);
    } finally {
      sim.dispose();
    }
  });
});
