// The typed `sends` clients and the idempotency helper, as a handler uses them through the
// generated module: what the flow allows type-checks under strict, and each misuse the flow
// rules out is a type error on its line.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../../compiler/emit/typescript/index.js';
import { manifestOf, repoRoot, typeCheck } from './type-check.js';

const FLOW = `app shop
type Order = { customer: string, at: int, total: number, note?: string }
type Seen = { id: string, expires_at: int }
type Job = { id: string, kind: string }
table orders: Order { key = customer, sort = at }
table seen: Seen { ttl = expires_at }
queue jobs: Job
queue ordered: Job { fifo = true, group = kind, dedupe = content }
stream keyed: Job { partition = id }
stream loose: Job
topic done: Job
bus audit: Job
fn work(Job) { sends = [orders, jobs, ordered, keyed, loose, done, audit], idempotency = seen }
`;

const folder = join(repoRoot, '.flowc-virtual/client-types');

/** The type errors of a handler body, by line of the body (1-based). */
function errorsOf(body: string): string[] {
  const files = new Map<string, string>();
  for (const [path, text] of emitTypeScript(manifestOf('shop.flow', FLOW), { generatedDir: 'generated' }).generated) files.set(join(folder, path), text);
  const prelude = "import { work, type Order, type Job } from '../generated/flow.js';\n";
  files.set(join(folder, 'handlers/check.ts'), `${prelude}${body}\nexport {};\n`);
  return typeCheck(files)
    .filter((e) => e.file.endsWith('check.ts'))
    .map((e) => `${e.line - 1}: ${(e.message.split('\n').at(-1) ?? '').trim()}`);
}

describe('typed clients', () => {
  it('what the flow allows type-checks', () => {
    expect(
      errorsOf(`
const { orders, jobs, ordered, keyed, loose, done, audit } = work.sends;
export async function ok(job: Job, order: Order) {
  const page = await orders.query('ada', { sortKey: { between: [1, 5] }, descending: true, limit: 10 });
  const next: { customer: string; at: number } | undefined = page.next;
  await orders.query('ada', { startAfter: next });
  const updated: Order | undefined = await orders.update({ customer: 'ada', at: 1 }, { set: { total: 5 }, remove: ['note'], add: { total: 1 } });
  const many: (Order | undefined)[] = await orders.getMany([{ customer: 'ada', at: 1 }]);
  await orders.putMany([order]);
  await orders.deleteMany([{ customer: 'ada', at: 1 }]);
  await jobs.sendBatch([{ message: job, delaySeconds: 5, attributes: { source: 'web', n: 1 } }]);
  await ordered.sendBatch([{ message: job, groupId: "override" }]);
  await keyed.putBatch([{ record: job }]);
  await loose.putBatch([{ record: job, partitionKey: 'k' }]);
  await done.publishBatch([{ message: job, subject: 's' }]);
  await audit.putBatch([{ detail: job, detailType: 'Job' }]);
  const once = work.idempotency({ key: ['id'], localCacheSize: 100 });
  const result: number = await once.onceFor(job, async () => 1);
  return [updated, many, result];
}
`),
    ).toEqual([]);
  });

  it('each misuse is an error on its line', () => {
    const errors = errorsOf(`
const { orders, jobs, loose } = work.sends;
export async function bad(job: Job) {
  await orders.query(42);
  await orders.query('ada', { sortKey: { beginsWith: 'x' } });
  await orders.update({ customer: 'ada', at: 1 }, { set: { customer: 'bob' } });
  await orders.update({ customer: 'ada', at: 1 }, { remove: ['total'] });
  await orders.update({ customer: 'ada', at: 1 }, { add: { note: 1 } });
  await jobs.sendBatch([job]);
  await loose.putBatch([{ record: job }]);
  work.idempotency({ key: ['nope'] });
  await work.idempotency().onceFor(job, async () => new Date());
}
`);
    expect(errors.map((e) => Number(e.slice(0, e.indexOf(':'))))).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});
