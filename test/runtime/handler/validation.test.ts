// The decoders and the handler helpers check payloads against their schema: a message of the
// wrong shape fails where it enters, with the message, the path and the expected type.
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { describe, expect, it } from 'vitest';
import { dynamodbTrigger, kinesisTrigger, sqsTrigger } from '../../../runtime/handler/batch-triggers.js';
import { decodeBase64Json, decodeImage, decodeJson, encodeBase64Json, encodeImage, encodeJson, PayloadDecodeError, PayloadValidationError, validatePayload } from '../../../runtime/handler/decode.js';
import type { BusEvent } from '../../../runtime/handler/envelopes.js';
import { busTrigger, invokeTrigger, snsTrigger } from '../../../runtime/handler/event-triggers.js';
import { payloadSchema } from '../../../runtime/handler/schema.js';
import type { PayloadType } from '../../../runtime/manifest/types.js';
import { context, dynamodbEvent, kinesisEvent, snsEvent, sqsEvent } from './events.js';

interface Item {
  sku: string;
  qty: number;
}
const types: Readonly<Record<string, PayloadType>> = {
  Item: {
    kind: 'record',
    fields: [
      { name: 'sku', type: { kind: 'string' }, optional: false },
      { name: 'qty', type: { kind: 'int' }, optional: false },
    ],
  },
};
const items = payloadSchema<Item>('Item', types);
const good: Item = { sku: 'A', qty: 2 };
// What an older version of the producer wrote: `qty` was a string then.
const stale = { sku: 'A', qty: '2' } as unknown as Item;
const where = 'SQS message m-1 from arn:aws:sqs:eu-west-1:1:orders';

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('the decoders with a schema', () => {
  it('return the value when it has the type', () => {
    expect(decodeJson(encodeJson(good), where, items)).toEqual(good);
    expect(decodeBase64Json(encodeBase64Json(good), where, items)).toEqual(good);
    expect(decodeImage(encodeImage(good), where, items)).toEqual(good);
  });

  it('fail with the message, the expected type, the path and what was there', () => {
    const error = thrown(() => decodeJson(encodeJson(stale), where, items));
    expect(error).toBeInstanceOf(PayloadValidationError);
    expect(error).toBeInstanceOf(PayloadDecodeError);
    expect(error.name).toBe('PayloadValidationError');
    expect(error.message).toBe(`${where}: does not have the type Item: $.qty: expected an integer (int), got "2"`);
    expect((error as PayloadValidationError).issues).toEqual([{ path: ['qty'], message: 'expected an integer (int), got "2"' }]);
    expect(thrown(() => decodeBase64Json(encodeBase64Json(stale), 'Kinesis record 1', items)).message).toBe('Kinesis record 1: does not have the type Item: $.qty: expected an integer (int), got "2"');
    expect(thrown(() => decodeImage(encodeImage({ sku: 'A' }), 'DynamoDB stream record 1, NewImage', items)).message).toBe(
      'DynamoDB stream record 1, NewImage: does not have the type Item: $.qty: missing (required int)',
    );
  });

  it('count the problems beyond the first', () => {
    expect(thrown(() => decodeJson('{"sku": 1}', where, items)).message).toBe(`${where}: does not have the type Item: $.sku: expected a string, got 1 (and 1 more problem)`);
  });

  it('without a schema only parse, as before', () => {
    expect(decodeJson(encodeJson(stale), where)).toEqual(stale);
  });

  it('take any synchronous Standard Schema, and refuse an asynchronous one', () => {
    const positive: StandardSchemaV1<unknown, number> = {
      '~standard': { version: 1, vendor: 'test', validate: (v) => (typeof v === 'number' && v > 0 ? { value: v } : { issues: [{ message: 'not positive' }] }) },
    };
    expect(decodeJson('3', 'n', positive)).toBe(3);
    expect(thrown(() => decodeJson('-3', 'n', positive)).message).toBe('n: does not have the type of its schema: $: not positive');
    const later: StandardSchemaV1<unknown, number> = { '~standard': { version: 1, vendor: 'test', validate: async (v) => ({ value: v as number }) } };
    expect(() => validatePayload(1, later, 'n')).toThrow('n: the schema validates asynchronously; decoding needs a synchronous one');
  });
});

describe('the handler helpers with a schema', () => {
  it('SQS: a stale message fails as its item, reported with the others going on', async () => {
    const seen: Item[] = [];
    const errors: string[] = [];
    const handler = sqsTrigger<Item>({ fifo: false, reportFailures: true, schema: items }).eachMessage(async (item) => void seen.push(item), {
      onItemError: (error) => void errors.push((error as Error).message),
    });
    const event = sqsEvent<Item>([good, stale, good]);
    expect(await handler(event, context)).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[1]!.messageId }] });
    expect(seen).toEqual([good, good]);
    expect(errors).toEqual([expect.stringMatching(/^SQS message .+ from arn:aws:sqs:eu-west-1:123456789012:orders: does not have the type Item: \$\.qty: expected an integer \(int\), got "2"$/)]);
  });

  it('Kinesis and DynamoDB streams check the data and both images', async () => {
    const kinesis = kinesisTrigger<Item>({ reportFailures: false, schema: items }).eachRecord(async () => undefined);
    await expect(kinesis(kinesisEvent<Item>([good, stale]), context)).rejects.toThrow(/^Kinesis record .+: does not have the type Item: \$\.qty/);
    const changes = dynamodbTrigger<Item>({ reportFailures: false, views: ['new_and_old'], schema: items }).eachChange(async () => undefined);
    await expect(changes(dynamodbEvent<Item>([{ name: 'MODIFY', newImage: good, oldImage: stale, keys: { sku: 'A' } }]), context)).rejects.toThrow(
      /^DynamoDB stream record .+, OldImage: does not have the type Item: \$\.qty/,
    );
    await expect(changes(dynamodbEvent<Item>([{ name: 'INSERT', newImage: good, keys: { sku: 'A' } }]), context)).resolves.toBeUndefined();
  });

  it('SNS, EventBridge and direct invocations check the payload before the handler runs', async () => {
    let ran = 0;
    const handle = async () => void ran++;
    await expect(snsTrigger<Item, void>({ schema: items }).onMessage(handle)(snsEvent([stale]), context)).rejects.toThrow(/^SNS message .+: does not have the type Item: \$\.qty/);
    const event = { id: 'e-1', source: 'shop', 'detail-type': 'Item', detail: stale } as unknown as BusEvent<'Item', Item>;
    await expect(busTrigger<'Item', Item, void>({ schema: items }).onEvent(handle)(event, context)).rejects.toThrow(
      'the detail of EventBridge event e-1 from shop: does not have the type Item: $.qty: expected an integer (int), got "2"',
    );
    await expect(invokeTrigger<Item, void>({ schema: items }).onInvoke(handle)(stale, context)).rejects.toThrow(/^the event of request .+: does not have the type Item: \$\.qty/);
    expect(ran).toBe(0);
    await snsTrigger<Item, void>({ schema: items }).onMessage(handle)(snsEvent([good]), context);
    expect(ran).toBe(1);
  });
});
