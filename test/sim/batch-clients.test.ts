// The typed clients' batch calls against the simulated services, bundled with the handler as
// `flowc sim` bundles it: requests split as AWS limits them, an entry AWS refuses reported by
// `BatchSendError` while the others are sent, tables written, read back, updated and queried.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { simulate } from '../../compiler/testing.js';

const root = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.flowc-tmp-batch-clients-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('batch sends, partial failures and table calls in the simulator', async () => {
  mkdirSync(join(root, 'handlers'));
  writeFileSync(
    join(root, 'app.flow'),
    `app batches
type Job = { id: string, pad?: string }
type Item = { id: string, n: int, tag?: string }
queue small: Job { max_size = 1024 }
topic news: Job
stream log: Job { partition = id }
bus audit: Job
table items: Item { key = id }
fn work(Job) { retries = 0, sends = [small, news, log, audit, items] }
`,
  );
  writeFileSync(
    join(root, 'handlers/work.ts'),
    `import { BatchSendError, busClient, queueClient, streamClient, tableClient, topicClient } from 'flowc/runtime';
type Job = { id: string; pad?: string };
type Item = { id: string; n: number; tag?: string };
const failures = async (send: () => Promise<unknown>) => {
  try {
    await send();
    return 'all sent';
  } catch (error) {
    return error instanceof BatchSendError ? error.failed.map((f) => \`\${f.index} \${f.code}\`) : String(error);
  }
};
export const handler = async () => {
  const queue = queueClient<Job>({ name: 'small' });
  const jobs = (n: number) => Array.from({ length: n }, (_, i) => ({ message: { id: \`j\${i}\` } }));
  const items = tableClient<Item, 'id'>({ name: 'items', partitionKey: 'id', sortKey: null });
  await items.putMany(Array.from({ length: 30 }, (_, i) => ({ id: \`i\${i}\`, n: i })));
  return {
    queued: (await queue.sendBatch(jobs(12))).length,
    tooBig: await failures(() => queue.sendBatch([{ message: { id: 'a' } }, { message: { id: 'b', pad: 'x'.repeat(2000) } }, { message: { id: 'c' } }])),
    published: (await topicClient<Job>({ name: 'news' }).publishBatch(jobs(11))).length,
    records: (await streamClient<Job, false>({ name: 'log', partitionKey: ['id'] }).putBatch(Array.from({ length: 3 }, (_, i) => ({ record: { id: \`r\${i}\` } })))).length,
    events: (await busClient<Job>({ name: 'audit', detailType: 'Job' }).putBatch(jobs(11).map((j) => ({ detail: j.message })))).length,
    got: await items.getMany([{ id: 'i3' }, { id: 'missing' }, { id: 'i29' }]),
    updated: await items.update({ id: 'i1' }, { add: { n: 100 }, set: { tag: 'x' } }),
    absent: await items.update({ id: 'nope' }, { add: { n: 1 } }),
    page: await items.query('i2'),
  };
};
`,
  );
  const sim = await simulate(join(root, 'app.flow'), { captureLogs: false });
  try {
    sim.invoke('work', { id: 'go' });
    await sim.advance('1s');
    const [run] = sim.invocations('work');
    expect(run?.error).toBeUndefined();
    expect(run?.result).toEqual({
      queued: 12,
      // SQS refuses the large message alone; a and c are sent.
      tooBig: ['1 InvalidParameterValue'],
      published: 11,
      records: 3,
      events: 11,
      got: [{ id: 'i3', n: 3 }, undefined, { id: 'i29', n: 29 }],
      updated: { id: 'i1', n: 101, tag: 'x' },
      absent: undefined,
      page: { items: [{ id: 'i2', n: 2 }] },
    });
    expect(sim.messages('small')).toHaveLength(14);
    expect(sim.items('items')).toHaveLength(30);
  } finally {
    sim.dispose();
  }
});
