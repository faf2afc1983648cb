import { fileURLToPath } from 'node:url';
import { simulate } from 'flowc/testing';
import { expect, test } from 'vitest';
import type { Flow } from '../generated/flow.js';

const flow = fileURLToPath(new URL('../clicks.flow', import.meta.url));

test('every click adds a view to its page', async () => {
  const sim = await simulate<Flow>(flow);
  sim.putRecord('clicks', { session: 's-1', page: '/home', at: '2026-01-01T00:00:00Z' });
  sim.putRecord('clicks', { session: 's-1', page: '/shop', at: '2026-01-01T00:00:01Z' });
  sim.putRecord('clicks', { session: 's-2', page: '/home', at: '2026-01-01T00:00:02Z' });
  await sim.settle();
  const views = sim.items('pages').sort((a, b) => a.page.localeCompare(b.page));
  expect(views).toEqual([
    { page: '/home', views: 2 },
    { page: '/shop', views: 1 },
  ]);
  sim.dispose();
});
