import { fileURLToPath } from 'node:url';
import { simulate } from 'flowc/testing';
import { expect, test } from 'vitest';
import type { Flow } from '../generated/flow.js';

const flow = fileURLToPath(new URL('../shop.flow', import.meta.url));

test('an order is charged and its receipt emailed', async () => {
  const sim = await simulate<Flow>(flow);
  sim.publish('placed', { id: 'o-1', customer: 'ada', total: 42 });
  await sim.settle();
  expect(sim.invocations('charge').map((i) => i.result)).toEqual([{ order: 'o-1', charged: 42 }]);
  expect(sim.invocations('email')).toHaveLength(1);
  expect(sim.invocations('refund')).toHaveLength(0);
  sim.dispose();
});

test('a declined charge is retried once, then refunded', async () => {
  const sim = await simulate<Flow>(flow);
  sim.publish('placed', { id: 'o-2', customer: 'eve', total: 5000 });
  await sim.settle();
  expect(sim.invocations('charge')).toHaveLength(2); // retries = 1
  expect(sim.invocations('refund')).toHaveLength(1);
  expect(sim.invocations('email')).toHaveLength(0);
  sim.dispose();
});
