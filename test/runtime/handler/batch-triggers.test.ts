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
    await dynamodbTrigger<Stock, 'sku', 'new_and_old'>({ reportFailures: false, views: ['new_and_old'] }).eachChange(async (change) => void changes.push(change))(event, context);
    expect(changes).toEqual([
      { eventName: 'INSERT', newImage: { sku: 'A', count: 1 }, oldImage: undefined, keys: { sku: 'A' } },
      { eventName: 'MODIFY', newImage: { sku: 'A', count: 2 }, oldImage: { sku: 'A', count: 1 }, keys: { sku: 'A' } },
      { eventName: 'REMOVE', newImage: undefined, oldImage: { sku: 'A', count: 2 }, keys: { sku: 'A' } },
    ]);
  });

  it('with reported failures: reports by sequence number from the first failure on', async () => {
    const event = dynamodbEvent<Stock>(['A', 'B', 'C'].map((sku) => ({ name: 'INSERT' as const, newImage: { sku, count: 0 }, keys: { sku } })));
    const handler = dynamodbTrigger<Stock, 'sku', 'new_and_old'>({ reportFailures: true, views: ['new_and_old'], ...quiet }).eachChange(async (change) => {
      if (change.newImage?.sku === 'B') throw new Error('no');
    });
    expect(await handler(event, context)).toEqual({ batchItemFailures: [{ itemIdentifier: '101' }, { itemIdentifier: '102' }] });
  });

  it('gives exactly the images of the stream view: `keys` none, `new` no old image, `old` no new image', () => {
    const [modify] = dynamodbEvent<Stock>([{ name: 'MODIFY', newImage: { sku: 'A', count: 2 }, oldImage: { sku: 'A', count: 1 }, keys: { sku: 'A' } }]).Records;
    const record = modify as NonNullable<typeof modify>;
    const asView = (StreamViewType: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE') => ({ ...record, dynamodb: { ...record.dynamodb, StreamViewType } });
    expect(dynamodbTrigger<Stock, 'sku', 'keys'>({ reportFailures: false, views: ['keys'] }).decode(asView('KEYS_ONLY'))).toStrictEqual({ eventName: 'MODIFY', keys: { sku: 'A' } });
    expect(dynamodbTrigger<Stock, 'sku', 'new'>({ reportFailures: false, views: ['new'] }).decode(asView('NEW_IMAGE'))).toStrictEqual({ eventName: 'MODIFY', keys: { sku: 'A' }, newImage: { sku: 'A', count: 2 } });
    expect(dynamodbTrigger<Stock, 'sku', 'old'>({ reportFailures: false, views: ['old'] }).decode(asView('OLD_IMAGE'))).toStrictEqual({ eventName: 'MODIFY', keys: { sku: 'A' }, oldImage: { sku: 'A', count: 1 } });
    // Two tables of different views: each record by its own.
    const both = dynamodbTrigger<Stock, 'sku', 'keys' | 'new'>({ reportFailures: false, views: ['keys', 'new'] });
    expect(both.decode(asView('KEYS_ONLY'))).toStrictEqual({ eventName: 'MODIFY', keys: { sku: 'A' } });
    expect(both.decode(asView('NEW_IMAGE'))).toStrictEqual({ eventName: 'MODIFY', keys: { sku: 'A' }, newImage: { sku: 'A', count: 2 } });
  });

  it('a record without eventName, or without an image its view promises, is a decoding error, never a silent MODIFY', () => {
    const trigger = dynamodbTrigger<Stock, 'sku', 'new_and_old'>({ reportFailures: false, views: ['new_and_old'] });
    const [insert] = dynamodbEvent<Stock>([{ name: 'INSERT', newImage: { sku: 'A', count: 1 }, keys: { sku: 'A' } }]).Records;
    const record = insert as NonNullable<typeof insert>;
    expect(() => trigger.decode({ ...record, eventName: undefined })).toThrow(/expected eventName INSERT, MODIFY or REMOVE, got none/);
    expect(() => trigger.decode({ ...record, eventName: 'MODIFY' })).toThrow(/a MODIFY record of this stream view must have OldImage, and it has none/);
    expect(() => trigger.decode({ ...record, dynamodb: { StreamViewType: 'NEW_AND_OLD_IMAGES' } })).toThrow(/the record has no Keys/);
    expect(() => trigger.decode({ ...record, dynamodb: { ...record.dynamodb, StreamViewType: 'KEYS_ONLY' } })).toThrow(/expected a record of the stream view new_and_old, got KEYS_ONLY/);
  });
});

/** The events of a handler body that takes a turn of the event loop: `start t1`, `end t1`, …; fails the ids in `failing`. */
function timeline(failing: readonly string[] = []) {
  const log: string[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const handle = async (transfer: Transfer) => {
    log.push(`start ${transfer.id}`);
    mostAtOnce = Math.max(mostAtOnce, ++running);
    await new Promise((resolve) => setImmediate(resolve));
    running--;
    log.push(`end ${transfer.id}`);
    if (failing.includes(transfer.id)) throw new Error(`cannot post ${transfer.id}`);
  };
  return { log, handle, mostAtOnce: () => mostAtOnce, started: () => log.filter((l) => l.startsWith('start')).map((l) => l.slice(6)) };
}

/** A FIFO batch: each transfer's group is its account. */
function fifoEvent(items: readonly (Transfer & { group: string })[]) {
  const event = sqsEvent<Transfer>(items.map(({ id, amount }) => ({ id, amount })), 'arn:aws:sqs:eu-west-1:123456789012:postings.fifo');
  event.Records.forEach((record, i) => (record.attributes = { ...record.attributes, MessageGroupId: items[i]!.group }));
  return event;
}

const grouped = [
  { id: 't1', amount: 1, group: 'A' },
  { id: 't2', amount: 2, group: 'B' },
  { id: 't3', amount: 3, group: 'A' },
  { id: 't4', amount: 4, group: 'B' },
  { id: 't5', amount: 5, group: 'C' },
];

describe('FIFO queues: skipGroupOnError', () => {
  it('by default, a failure fails every later message, other groups included (regression: the only behaviour before)', async () => {
    const { seen, handle } = recorder(['t1']);
    const result = await sqsTrigger<Transfer>({ fifo: true, reportFailures: true, ...quiet }).eachMessage(handle)(fifoEvent(grouped), context);
    expect(seen).toEqual(['t1']);
    expect(result?.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it("only the failing message's group stops: its later messages are reported without running, other groups go on, in batch order", async () => {
    const { seen, handle } = recorder(['t1']);
    const result = await sqsTrigger<Transfer>({ fifo: true, reportFailures: true, ...quiet }).eachMessage(handle, { skipGroupOnError: true })(fifoEvent(grouped), context);
    expect(seen).toEqual(['t1', 't2', 't4', 't5']);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm3' }] });
  });

  it('with concurrency, groups run side by side and each group stays in order', async () => {
    const { log, handle, mostAtOnce } = timeline(['t2']);
    const result = await sqsTrigger<Transfer>({ fifo: true, reportFailures: true, ...quiet }).eachMessage(handle, { skipGroupOnError: true, concurrency: 2 })(fifoEvent(grouped), context);
    expect(mostAtOnce()).toBe(2);
    // t3 waits for t1 (group A); t4 never runs (group B failed at t2).
    expect(log.indexOf('start t3')).toBeGreaterThan(log.indexOf('end t1'));
    expect(log).not.toContain('start t4');
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm4' }] });
  });

  it('concurrency without skipGroupOnError is refused: a failure would send back messages that already ran', async () => {
    const { handle } = recorder();
    const handler = sqsTrigger<Transfer>({ fifo: true, reportFailures: true, ...quiet }).eachMessage(handle, { concurrency: 2 });
    await expect(handler(fifoEvent(grouped), context)).rejects.toThrow(/concurrency on a FIFO queue needs skipGroupOnError/);
  });
});

describe('concurrency and the onItemError hook', () => {
  it('a standard queue runs up to `concurrency` messages at once and reports exactly the failed ones', async () => {
    const { handle, mostAtOnce, started } = timeline(['t2']);
    const result = await sqsTrigger<Transfer>({ fifo: false, reportFailures: true, ...quiet }).eachMessage(handle, { concurrency: 3 })(sqsEvent(transfers), context);
    expect(mostAtOnce()).toBe(3);
    expect(started()).toEqual(['t1', 't2', 't3', 't4']);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
  });

  it('without reported failures, the first error fails the batch once the running messages have settled', async () => {
    const { log, handle } = timeline(['t1']);
    const handler = sqsTrigger<Transfer>({ fifo: false, reportFailures: false }).eachMessage(handle, { concurrency: 2, onItemError: () => {} });
    await expect(handler(sqsEvent(transfers), context)).rejects.toThrow('cannot post t1');
    expect(log).toEqual(['start t1', 'start t2', 'end t1', 'end t2']);
  });

  it('a stream runs its partition keys side by side, each key in order, and starts nothing after a failure', async () => {
    const { log, handle, mostAtOnce } = timeline(['t1']);
    const event = kinesisEvent(transfers);
    const keys = ['a', 'b', 'a', 'b'];
    event.Records.forEach((record, i) => (record.kinesis.partitionKey = keys[i]!));
    const result = await kinesisTrigger<Transfer>({ reportFailures: true, ...quiet }).eachRecord(handle, { concurrency: 4 })(event, context);
    expect(mostAtOnce()).toBe(2);
    expect(log).toEqual(['start t1', 'start t2', 'end t1', 'end t2']);
    // Lambda checkpoints before the first reported record: t1 and everything after it comes back.
    expect(result?.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['49590', '49591', '49592', '49593']);
  });

  it('a DynamoDB stream keeps the changes of one item in order', async () => {
    const order: string[] = [];
    const event = dynamodbEvent<{ sku: string; n: number }>(
      [['A', 1], ['B', 1], ['A', 2], ['B', 2]].map(([sku, n]) => ({ name: 'MODIFY' as const, newImage: { sku: sku as string, n: n as number }, keys: { sku: sku as string } })),
      'NEW_IMAGE',
    );
    await dynamodbTrigger<{ sku: string; n: number }, 'sku', 'new'>({ reportFailures: false, views: ['new'] }).eachChange(
      async (change) => {
        order.push(`start ${change.newImage?.sku}${change.newImage?.n}`);
        await new Promise((resolve) => setImmediate(resolve));
      },
      { concurrency: 4 },
    )(event, context);
    expect(order).toEqual(['start A1', 'start B1', 'start A2', 'start B2']);
  });

  it('onItemError given to eachMessage gets the error, the description and the item, and is awaited', async () => {
    const { handle } = recorder(['t2']);
    const calls: string[] = [];
    const result = await sqsTrigger<Transfer>({ fifo: false, reportFailures: true }).eachMessage(handle, {
      onItemError: async (error, description, item) => {
        await new Promise((resolve) => setImmediate(resolve));
        calls.push(`${String(error)} | ${description} | ${item.index} ${item.record.messageId}`);
      },
    })(sqsEvent(transfers), context);
    expect(calls).toEqual(['Error: cannot post t2 | SQS message m2 from arn:aws:sqs:eu-west-1:123456789012:orders | 1 m2']);
    expect(result?.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }]);
  });

  it('a hook that throws is logged, and the item is still reported', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { handle } = recorder(['t1']);
    const result = await sqsTrigger<Transfer>({ fifo: false, reportFailures: true }).eachMessage(handle, {
      onItemError: () => {
        throw new Error('hook broke');
      },
    })(sqsEvent(transfers.slice(0, 1)), context);
    expect(result?.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('the onItemError hook for SQS message m1'), expect.any(Error));
    log.mockRestore();
  });
});
