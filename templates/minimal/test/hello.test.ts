import { fileURLToPath } from 'node:url';
import { simulate } from 'flowc/testing';
import { expect, test } from 'vitest';
import type { Flow } from '../generated/flow.js';

const flow = fileURLToPath(new URL('../hello.flow', import.meta.url));

test('a greeting is answered in its language and delivered', async () => {
  const sim = await simulate<Flow>(flow);
  sim.publish('greetings', { name: 'Ada', language: 'fr' });
  await sim.settle();
  expect(sim.invocations('greet').map((i) => i.result)).toEqual([{ to: 'Ada', text: 'Bonjour, Ada!' }]);
  expect(sim.invocations('deliver')).toHaveLength(1);
  sim.dispose();
});

test('a greeting without a name fails, and nothing is delivered', async () => {
  const sim = await simulate<Flow>(flow);
  sim.publish('greetings', { name: '', language: 'en' });
  await sim.settle();
  expect(sim.invocations('greet')).toHaveLength(3); // the first attempt and Lambda's two retries
  expect(sim.invocations('deliver')).toHaveLength(0);
  sim.dispose();
});
