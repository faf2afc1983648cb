// The batch options of docs/runtime.md ("Batch processing") on a FIFO queue in the simulator:
// the docs' example handler runs as written, bundled with the generated module as `flowc sim`
// bundles it. With `skipGroupOnError` a failing message holds up only its own message group;
// without it every later message of the batch goes back (AWS's advice for FIFO queues,
// https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { emitTypeScript } from '../../compiler/emit/typescript/index.js';
import { simulate, type FlowSimulation } from '../../compiler/testing.js';
import { manifestOf } from './helpers.js';

const root = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.flowc-tmp-skip-group-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const doc = readFileSync(new URL('../../docs/runtime.md', import.meta.url), 'utf8');

/** The docs' example: the first ```ts block under "## Batch processing". */
function docExample(): string {
  const section = doc.slice(doc.indexOf('## Batch processing'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('docs/runtime.md has no ts example under "## Batch processing"');
  return block;
}

const FLOW = `app ledger
type Transfer = { id: string, account: string, amount: int }
queue postings: Transfer { fifo = true, group = account, dedupe = id, visibility = 1m }
fn post(Transfer) { timeout = 10s }
postings -> post { batch = 10, report_failures = true }
`;

// What the example imports as `./ledger.js`: transfer a2 fails on its first attempt only.
const LEDGER = `const attempts = new Map<string, number>();
export async function postTransfer(transfer: { id: string }): Promise<void> {
  const attempt = (attempts.get(transfer.id) ?? 0) + 1;
  attempts.set(transfer.id, attempt);
  if (transfer.id === 'a2' && attempt === 1) throw new Error('ledger locked');
}
`;

/** A project with the flow, its generated module and `handler` as handlers/post.ts. */
function project(name: string, handler: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'handlers'), { recursive: true });
  writeFileSync(join(dir, 'ledger.flow'), FLOW);
  const { generated } = emitTypeScript(manifestOf(FLOW), { generatedDir: 'generated' });
  for (const [path, text] of generated) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(join(dir, 'handlers/post.ts'), handler);
  writeFileSync(join(dir, 'handlers/ledger.ts'), LEDGER);
  return join(dir, 'ledger.flow');
}

interface MessageRecord {
  messageId: string;
  body: string;
}

/** Each invocation as the transfer ids it got and the transfer ids it reported as failed. */
function batches(sim: FlowSimulation): { ran: string[]; failed: string[] }[] {
  return sim.invocations('post').map((invocation) => {
    const records = (invocation.event as { Records: MessageRecord[] }).Records;
    const idOf = new Map(records.map((record) => [record.messageId, (JSON.parse(record.body) as { id: string }).id]));
    const failures = (invocation.result as { batchItemFailures?: { itemIdentifier: string }[] } | undefined)?.batchItemFailures ?? [];
    return { ran: records.map((record) => idOf.get(record.messageId)!), failed: failures.map((failure) => idOf.get(failure.itemIdentifier)!) };
  });
}

/** Two groups, A and B; the batch takes A's messages first, in order, then B's. */
async function run(handler: string, name: string, until: 'settled' | 'first batch' = 'settled'): Promise<FlowSimulation> {
  const sim = await simulate(project(name, handler), { captureLogs: true });
  for (const [id, account] of [['a1', 'A'], ['b1', 'B'], ['a2', 'A'], ['b2', 'B'], ['a3', 'A']] as const) sim.send('postings', { id, account, amount: 1 });
  if (until === 'settled') await sim.settle();
  else await sim.advance('1s');
  return sim;
}

describe('docs/runtime.md "Batch processing": the FIFO example in the simulator', () => {
  test('with skipGroupOnError, group B succeeds in the first batch and only group A from a2 on comes back, in order', async () => {
    const example = docExample();
    expect(example).toContain('skipGroupOnError: true');
    const sim = await run(example, 'skip');
    try {
      expect(batches(sim)).toEqual([
        // a2 fails, a3 does not run (it must not overtake a2), b1 and b2 succeed in the same batch.
        { ran: ['a1', 'a2', 'a3', 'b1', 'b2'], failed: ['a2', 'a3'] },
        // After the visibility timeout a2 and a3 come back, in their group's order.
        { ran: ['a2', 'a3'], failed: [] },
      ]);
      const trace = sim.traceText();
      // The onItemError hook ran for a2 alone: a3 was held back without running.
      expect(trace.match(/ledger locked/g)).toHaveLength(1);
      expect(trace).toMatch(/log +error: SQS message \S+ from \S+postings\.fifo failed in group A: Error: ledger locked/);
      expect(trace).toMatch(/partial +2 of 5 messages \(3 deleted\) stays hidden until \+00:01:00\.000/);
      expect(sim.messages('postings')).toEqual([]);
    } finally {
      sim.dispose();
    }
  });

  test('without skipGroupOnError, every message after a2 is reported, group B included, and runs again', async () => {
    // `concurrency` above 1 needs skipGroupOnError on a FIFO queue (the handler refuses it), so both lines go.
    const example = docExample()
      .split('\n')
      .filter((line) => !/skipGroupOnError|concurrency/.test(line))
      .join('\n');
    const sim = await run(example, 'no-skip');
    try {
      const [first, retry, ...more] = batches(sim);
      // Nothing runs after a2; a3, b1 and b2 are reported with it.
      expect(first).toEqual({ ran: ['a1', 'a2', 'a3', 'b1', 'b2'], failed: ['a2', 'a3', 'b1', 'b2'] });
      // All four come back together; each group in its order (which group goes first is SQS's choice).
      expect(retry?.failed).toEqual([]);
      expect(retry?.ran.filter((id) => id.startsWith('a'))).toEqual(['a2', 'a3']);
      expect(retry?.ran.filter((id) => id.startsWith('b'))).toEqual(['b1', 'b2']);
      expect(more).toEqual([]);
      const trace = sim.traceText();
      expect(trace.match(/ledger locked/g)).toHaveLength(1);
      expect(trace).toMatch(/partial +4 of 5 messages \(1 deleted\) stays hidden until \+00:01:00\.000/);
    } finally {
      sim.dispose();
    }
  });

  test('concurrency on a FIFO queue without skipGroupOnError fails the batch with the reason', async () => {
    const example = docExample()
      .split('\n')
      .filter((line) => !/skipGroupOnError/.test(line))
      .join('\n');
    const sim = await run(example, 'concurrency-alone', 'first batch');
    try {
      const [first] = sim.invocations('post');
      expect(String(first?.error)).toMatch(/concurrency on a FIFO queue needs skipGroupOnError/);
    } finally {
      sim.dispose();
    }
  });
});
