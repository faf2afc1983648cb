import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SNSEvent } from 'aws-lambda';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { type FlowSimulation, type FlowTypes, simulate } from '../../compiler/testing.js';

// The types of shop.flow as a test names them (the generated module of a flow can provide these).
interface Item {
  sku: string;
  qty: number;
}
interface Order {
  id: string;
  customer: string;
  items: Item[];
  total: number;
  coupon?: string;
}
interface Receipt {
  order: string;
  charged: number;
}
interface Shop extends FlowTypes {
  topics: { placed: Order };
  queues: { receipts: { responsePayload: Receipt }; payouts: Receipt; payouts_dead: Receipt; clicks_dead: unknown };
  buses: { audit: unknown };
  streams: { clicks: { session: string; page: string; at: string } };
  tables: { stock: { sku: string; count: number } };
  functions: { charge: { event: SNSEvent; result: Receipt }; refund: { event: unknown; result: void } };
}

const order: Order = { id: 'o-1', customer: 'ada', items: [{ sku: 'kb-1', qty: 1 }], total: 40 };

describe('simulate(): the typed test API', () => {
  test('a user test: publish, advance virtual time, look at invocations, queues and the summary', async () => {
    const sim = await simulate<Shop>('examples/shop/shop.flow');
    try {
      sim.publish('placed', order);
      sim.publish('placed', { ...order, id: 'o-2', total: 5000 });
      await sim.advance('10s');
      expect(sim.now).toBe(10_000);
      expect(sim.time).toBe('2026-01-01T00:00:10.000Z');
      const charges = sim.invocations('charge');
      expect(charges.map((invocation) => invocation.result)).toEqual([{ order: 'o-1', charged: 40 }, undefined]);
      expect(charges[1]!.error).toBeInstanceOf(Error);
      expectTypeOf(charges[0]!.event).toEqualTypeOf<SNSEvent>();
      expect(sim.invocations('refund')).toEqual([]);
      await sim.advance('2m');
      expect(sim.invocations('refund')).toHaveLength(1);
      expect(sim.summary().retries.async).toBe(1);
      // The email batch ran at the end of its 5 s window and emptied `receipts`.
      expect(sim.messages('receipts')).toEqual([]);
    } finally {
      sim.dispose();
    }
  });

  test('handlers given inline replace the files; messages() returns typed bodies', async () => {
    const sim = await simulate<Shop>('examples/shop/shop.flow', {
      handlers: {
        charge: async () => {
          throw new Error('the card network is down');
        },
      },
      loadHandlers: false,
      seed: 3,
    });
    try {
      sim.send('payouts', { order: 'o-9', charged: 12 });
      await sim.settle();
      // Without a handler file loaded, payout fails every receive: after 5 receives the message is dead-lettered.
      const dead = sim.messages('payouts_dead');
      expectTypeOf(dead).toEqualTypeOf<Receipt[]>();
      expect(dead).toEqual([{ order: 'o-9', charged: 12 }]);
      expect(sim.traceText()).toMatch(/payouts +dead-letter +message \w+ → payouts_dead after 5 receives/);
    } finally {
      sim.dispose();
    }
  });

  test('names and payloads are checked by the compiler', async () => {
    const sim = await simulate<Shop>('examples/shop/shop.flow', { loadHandlers: false });
    try {
      // @ts-expect-error -- `placed` carries orders
      expect(() => sim.publish('placed', { order: 'o-1' })).toThrow('$.id: missing (required string)');
      // @ts-expect-error -- no topic of that name
      expect(() => sim.publish('nowhere', order)).toThrow('the flow has no topic `nowhere`');
      sim.putItem('stock', { sku: 'kb-1', count: 3 });
      await sim.advance('1s');
      expect(sim.items('stock')).toEqual([{ sku: 'kb-1', count: 3 }]);
    } finally {
      sim.dispose();
    }
  });

  test('25 hours of poison retries keep only the last invocations of a function; the summary counts all of them', async () => {
    // No dead-letter queue: the message comes back every 30 s, about 3,000 times.
    const dir = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.flowc-tmp-poison-'));
    const flow = join(dir, 'poison.flow');
    writeFileSync(flow, 'app poison\ntype Job = { id: string }\nqueue jobs: Job { visibility = 30s, retention = 4d }\nfn work(Job)\njobs -> work\n');
    const handlers = { work: async () => Promise.reject(new Error('poison')) };
    const runs = [
      await simulate(flow, { handlers, keepInvocations: 25 }),
      await simulate(flow, { handlers }),
      await simulate(flow, { handlers, keepInvocations: 'all' }),
    ];
    try {
      for (const sim of runs) {
        sim.send('jobs', { id: 'poison' });
        await sim.advance('25h');
      }
      const [bounded, byDefault, everything] = runs as [FlowSimulation, FlowSimulation, FlowSimulation];
      const invocations = 25 * 120 + 1;
      for (const sim of runs) expect(sim.summary().functions.work).toMatchObject({ invocations, failed: invocations });
      expect(everything.invocations('work')).toHaveLength(invocations);
      expect(byDefault.invocations('work')).toHaveLength(1_000);
      const kept = bounded.invocations('work');
      expect(kept).toHaveLength(25);
      // The last 25, oldest first, each with its event and error.
      expect(kept).toEqual(everything.invocations('work').slice(-25));
      expect(byDefault.invocations('work')).toEqual(everything.invocations('work').slice(-1_000));
      expect(kept[24]).toMatchObject({ atMs: 25 * 3_600_000, error: new Error('poison') });
      expect(JSON.parse((kept[24]!.event as { Records: { body: string }[] }).Records[0]!.body)).toEqual({ id: 'poison' });
      await expect(simulate(flow, { handlers, keepInvocations: -1 })).rejects.toThrow("keepInvocations must be a non-negative integer or 'all', not -1");
    } finally {
      for (const sim of runs) sim.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a flow with errors is refused with its diagnostics', async () => {
    await expect(simulate('test/fixtures/invalid/FL2001-unknown-name/input.flow')).rejects.toThrow(/has errors:\n\nerror\[FL2001\]/);
  });
});
