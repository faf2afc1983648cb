// `flowc/runtime` as generated code and handlers import it: the package's own `exports` entry
// (dist/runtime, built by the test setup) resolves at run time, by Node and by vitest.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../emit/typescript/type-check.js';
import { sqsEvent, context } from './handler/events.js';

describe('the flowc/runtime package entry', () => {
  it('loads in plain Node through the package self-reference', () => {
    const script = "import('flowc/runtime').then((m) => console.log(typeof m.sqsTrigger, typeof m.batchItemFailures))";
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' }).trim()).toBe('function function');
  });

  it('runs a committed example module: the FIFO queue trigger of ledger reports in order', async () => {
    const { post } = await import('../../examples/ledger/generated/flow.js');
    const transfers = ['t1', 't2', 't3'].map((id) => ({ id, account: 'a', counterparty: 'b', amount: 1, currency: 'EUR' as const, at: '2026-01-01T00:00:00Z' }));
    const handler = post.eachMessage(async (transfer) => {
      if (transfer.id === 't2') throw new Error('ledger locked');
    });
    const event = sqsEvent(transfers, 'arn:aws:sqs:eu-west-1:123456789012:ledger-postings.fifo');
    const error = console.error;
    console.error = () => {};
    try {
      expect(await handler(event, context)).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }] });
    } finally {
      console.error = error;
    }
  });
});
