import { describe, expect, it, vi } from 'vitest';
import { dynamodbTrigger, kinesisTrigger, sqsTrigger } from '../../../runtime/handler/batch-triggers.js';
import { context, dynamodbEvent, kinesisEvent, sqsEvent } from './events.js';

interface Transfer {
  id: string;
  amount: number;
}

const transfers: Transfer[] = [1, 2, 3, 4].map((n) => ({ id: `t${n}`, amount: n * 10 }));
const quiet = { onItemError: () => {} };

/** A handler body that records what it saw and fails the transfers in `failing`. */
function recorder(failing: readonly string[] = []) {
  const seen: string[] = [];
  const handle = async (transfer: Transfer) => {
    seen.push(transfer.id);
    if (failing.includes(transfer.id)) throw new Error(`cannot post ${transfer.id}`);
  };
  return { seen, handle };
}

describe('sqsTrigger', () => {
  it('decodes each body and hands the payloads over one at a time, in batch order', async () => {
    const { seen, handle } = recorder();
    const result = await sqsTrigger<Transfer>({ fifo: false, reportFailures: false }).eachMessage(handle)(sqsEvent(transfers), context);
    expect(seen).toEqual(['t1', 't2', 't3', 't4']);
    expect(result).toBeUndefined();
  });

  it('passes the record, its index, the event and the context with each payload', async () => {
    const event = sqsEvent(transfers.slice(0, 2));
    const items: unknown[] = [];
    await sqsTrigger<Transfer>({ fifo: false, reportFailures: false }).eachMessage(async (_t, item) => void items.push(item))(event, context);
    expect(items).toEqual([
      { record: event.Records[0], index: 0, event, context },
      { record: event.Records[1], index: 1, event, context },
    ]);
  });

  it('without reported failures: the first error fails the invocation (Lambda retries the whole batch)', async () => {
    const { seen, handle } = recorder(['t2']);
    const handler = sqsTrigger<Transfer>({ fifo: false, reportFailures: false }).eachMessage(handle);
    await expect(handler(sqsEvent(transfers), context)).rejects.toThrow('cannot post t2');
    expect(seen).toEqual(['t1', 't2']);
  });

  it('standard queue with reported failures: handles every message and reports exactly the failed ones', async () => {
    const { seen, handle } = recorder(['t2', 't4']);
    const result = await sqsTrigger<Transfer>({ fifo: false, reportFailures: true, ...quiet }).eachMessage(handle)(sqsEvent(transfers), context);
    expect(seen).toEqual(['t1', 't2', 't3', 't4']);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm4' }] });
  });

  it('FIFO queue with reported failures: stops at the first failure and reports it and every later message', async () => {
    const { seen, handle } = recorder(['t2']);
    const result = await sqsTrigger<Transfer>({ fifo: true, reportFailures: true, ...quiet }).eachMessage(handle)(sqsEvent(transfers), context);
    expect(seen).toEqual(['t1', 't2']);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }, { itemIdentifier: 'm4' }] });
  });

  it('treats a batch from a `.fifo` queue as ordered even when not told', async () => {
    const { seen, handle } = recorder(['t1']);
    const event = sqsEvent(transfers, 'arn:aws:sqs:eu-west-1:123456789012:postings.fifo');
    const result = await sqsTrigger<Transfer>({ fifo: false, reportFailures: true, ...quiet }).eachMessage(handle)(event, context);
    expect(seen).toEqual(['t1']);
    expect(result?.batchItemFailures).toHaveLength(4);
  });

  it('reports an undecodable body as that message failing, with what went wrong', async () => {
    const { handle } = recorder();
    const onItemError = vi.fn();
    const event = sqsEvent<Transfer>([transfers[0] as Transfer, 'not json', transfers[2] as Transfer]);
    const result = await sqsTrigger<Transfer>({ fifo: false, reportFailures: true, onItemError }).eachMessage(handle)(event, context);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(onItemError).toHaveBeenCalledOnce();
    expect(onItemError.mock.calls[0]?.[1]).toBe('SQS message m2 from arn:aws:sqs:eu-west-1:123456789012:orders');
    expect(String(onItemError.mock.calls[0]?.[0])).toMatch(/PayloadDecodeError: SQS message m2 from .*: is not JSON/);
  });

  it('logs a failed item to the console by default', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { handle } = recorder(['t1']);
    await sqsTrigger<Transfer>({ fifo: false, reportFailures: true }).eachMessage(handle)(sqsEvent(transfers.slice(0, 1)), context);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('SQS message m1 from'), expect.any(Error));
    log.mockRestore();
  });

  it('decode reads one record', () => {
    const [record] = sqsEvent(transfers).Records;
    expect(sqsTrigger<Transfer>({ fifo: false, reportFailures: false }).decode(record!)).toEqual(transfers[0]);
  });
});

describe('kinesisTrigger', () => {
  it('decodes the base64 JSON of each record, in shard order', async () => {
    const { seen, handle } = recorder();
    await kinesisTrigger<Transfer>({ reportFailures: false }).eachRecord(handle)(kinesisEvent(transfers), context);
    expect(seen).toEqual(['t1', 't2', 't3', 't4']);
  });

  it('with reported failures: stops at the first failure and reports from its sequence number on', async () => {
    const { seen, handle } = recorder(['t3']);
    const result = await kinesisTrigger<Transfer>({ reportFailures: true, ...quiet }).eachRecord(handle)(kinesisEvent(transfers), context);
    expect(seen).toEqual(['t1', 't2', 't3']);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '49592' }, { itemIdentifier: '49593' }] });
  });

  it('without reported failures: a record that is not base64 fails the batch, naming the record', async () => {
    const { handle } = recorder();
    const handler = kinesisTrigger<Transfer>({ reportFailures: false }).eachRecord(handle);
    await expect(handler(kinesisEvent<Transfer>([{ raw: '%%%' }]), context)).rejects.toThrow(
      'Kinesis record 49590 from arn:aws:kinesis:eu-west-1:123456789012:stream/clicks: is not base64: "%%%"',
    );
  });
});

describe('dynamodbTrigger', () => {
  interface Stock {
    sku: string;
    count: number;
  }

  it('hands over each change with its images unmarshalled', async () => {
    const changes: unknown[] = [];
    const event = dynamodbEvent<Stock>([
      { name: 'INSERT', newImage: { sku: 'A', count: 1 }, keys: { sku: 'A' } },
      { name: 'MODIFY', newImage: { sku: 'A', count: 2 }, oldImage: { sku: 'A', count: 1 }, keys: { sku: 'A' } },
      { name: 'REMOVE', oldImage: { sku: 'A', count: 2 }, keys: { sku: 'A' } },
    ]);
    await dynamodbTrigger<Stock>({ reportFailures: false }).eachChange(async (change) => void changes.push(change))(event, context);
    expect(changes).toEqual([
      { eventName: 'INSERT', newImage: { sku: 'A', count: 1 }, oldImage: undefined, keys: { sku: 'A' } },
      { eventName: 'MODIFY', newImage: { sku: 'A', count: 2 }, oldImage: { sku: 'A', count: 1 }, keys: { sku: 'A' } },
      { eventName: 'REMOVE', newImage: undefined, oldImage: { sku: 'A', count: 2 }, keys: { sku: 'A' } },
    ]);
  });

  it('with reported failures: reports by sequence number from the first failure on', async () => {
    const event = dynamodbEvent<Stock>(['A', 'B', 'C'].map((sku) => ({ name: 'INSERT' as const, newImage: { sku, count: 0 }, keys: { sku } })));
    const handler = dynamodbTrigger<Stock>({ reportFailures: true, ...quiet }).eachChange(async (change) => {
      if (change.newImage?.sku === 'B') throw new Error('no');
    });
    expect(await handler(event, context)).toEqual({ batchItemFailures: [{ itemIdentifier: '101' }, { itemIdentifier: '102' }] });
  });
});
