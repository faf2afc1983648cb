// The simulator checks what handler code writes against the flow's types, so a handler still
// writing the shape of an older version of the flow fails in `flowc sim` instead of passing.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { nodeHost } from '../../compiler/cli/host.js';
import { main } from '../../compiler/cli/main.js';
import { compileText } from '../../compiler/program.js';
import { loadHandlers } from '../../runtime/sim/load-handlers.js';
import { Simulator } from '../../runtime/sim/simulator.js';
import { SDK_MODULES } from '../../runtime/sim/sdk/modules.js';
import { renderTraceText } from '../../runtime/sim/trace.js';
import { simulator, type TestHandler } from './helpers.js';

type Client = new () => { send(command: unknown): Promise<unknown> };
const sqs = SDK_MODULES['@aws-sdk/client-sqs'] as { SQSClient: Client; SendMessageCommand: new (input: object) => unknown };
const sns = SDK_MODULES['@aws-sdk/client-sns'] as { SNSClient: Client; PublishCommand: new (input: object) => unknown };
const events = SDK_MODULES['@aws-sdk/client-eventbridge'] as { EventBridgeClient: Client; PutEventsCommand: new (input: object) => unknown };
const kinesis = SDK_MODULES['@aws-sdk/client-kinesis'] as { KinesisClient: Client; PutRecordCommand: new (input: object) => unknown };
const documents = SDK_MODULES['@aws-sdk/lib-dynamodb'] as {
  DynamoDBDocumentClient: { from(client: unknown): { send(command: unknown): Promise<unknown> } };
  PutCommand: new (input: object) => unknown;
  UpdateCommand: new (input: object) => unknown;
};

const FLOW = `app shop
type Order = { id: string, total: number }
type Receipt = { order: string, charged: number }
queue orders: Order
queue receipts: Receipt
topic charged: Receipt
bus audit: Receipt
stream ledger: Receipt { partition = order }
table totals: Receipt { key = order }
fn charge(Order) { sends = [receipts, charged, audit, ledger, totals] }
fn price(Order) -> Receipt
orders -> charge
`;

/** Sends `message` the way the current code of `charge` would, to each of its targets. */
async function sendEverywhere(message: unknown): Promise<string[]> {
  const text = JSON.stringify(message);
  const failures: string[] = [];
  const attempts: (() => Promise<unknown>)[] = [
    () => new sqs.SQSClient().send(new sqs.SendMessageCommand({ QueueUrl: process.env.FLOWC_QUEUE_RECEIPTS, MessageBody: text })),
    () => new sns.SNSClient().send(new sns.PublishCommand({ TopicArn: process.env.FLOWC_TOPIC_CHARGED, Message: text })),
    () => new events.EventBridgeClient().send(new events.PutEventsCommand({ Entries: [{ EventBusName: process.env.FLOWC_BUS_AUDIT, Source: 'shop', DetailType: 'Receipt', Detail: text }] })),
    () => new kinesis.KinesisClient().send(new kinesis.PutRecordCommand({ StreamName: process.env.FLOWC_STREAM_LEDGER, PartitionKey: 'o-1', Data: new TextEncoder().encode(text) })),
    () => documents.DynamoDBDocumentClient.from({}).send(new documents.PutCommand({ TableName: process.env.FLOWC_TABLE_TOTALS, Item: message })),
  ];
  for (const attempt of attempts) {
    try {
      await attempt();
    } catch (error) {
      failures.push(`${(error as Error).name}: ${(error as Error).message}`);
    }
  }
  return failures;
}

describe('what handlers write is checked against the flow', () => {
  test('a stale shape sent to a queue, topic, bus, stream or table fails the send, naming the edge, the path and the type', async () => {
    let failures: string[] = [];
    const charge: TestHandler = async () => {
      failures = await sendEverywhere({ order: 'o-1', amount: 12 });
    };
    const sim = simulator(FLOW, { charge });
    sim.inject({ kind: 'send', queue: 'orders', message: { id: 'o-1', total: 12 } });
    await sim.run();
    const missing = '$.charged: missing (required number)';
    expect(failures).toEqual([
      `PayloadTypeError: charge -> receipts: the message does not have the type Receipt of queue receipts (test.flow:5): ${missing}`,
      `PayloadTypeError: charge -> charged: the message does not have the type Receipt of topic charged (test.flow:6): ${missing}`,
      `PayloadTypeError: charge -> audit: the detail does not have the type Receipt of bus audit (test.flow:7): ${missing}`,
      `PayloadTypeError: charge -> ledger: the record does not have the type Receipt of stream ledger (test.flow:8): ${missing}`,
      `PayloadTypeError: charge -> totals: the item does not have the type Receipt of table totals (test.flow:9): ${missing}`,
    ]);
    expect(sim.queueMessages('receipts')).toEqual([]);
    expect(sim.tableItems('totals')).toEqual([]);
  });

  test('the current shape goes through', async () => {
    let failures: string[] = ['not run'];
    const sim = simulator(FLOW, { charge: async () => void (failures = await sendEverywhere({ order: 'o-1', charged: 12 })) });
    sim.inject({ kind: 'send', queue: 'orders', message: { id: 'o-1', total: 12 } });
    await sim.run();
    expect(failures).toEqual([]);
    expect(sim.queueMessages('receipts').map((m) => m.body)).toEqual(['{"order":"o-1","charged":12}']);
    expect(sim.tableItems('totals')).toEqual([{ order: 'o-1', charged: 12 }]);
  });

  test('an update may build an item up field by field: it is not held to the whole type', async () => {
    const update = async () =>
      documents.DynamoDBDocumentClient.from({}).send(
        new documents.UpdateCommand({ TableName: process.env.FLOWC_TABLE_TOTALS, Key: { order: 'o-1' }, UpdateExpression: 'ADD visits :one', ExpressionAttributeValues: { ':one': 1 } }),
      );
    const sim = simulator(FLOW, { charge: update });
    sim.inject({ kind: 'send', queue: 'orders', message: { id: 'o-1', total: 12 } });
    await sim.run();
    expect(sim.tableItems('totals')).toEqual([{ order: 'o-1', visits: 1 }]);
  });

  test('a result that does not have the declared output type fails the invocation', async () => {
    const sim = simulator(FLOW, { price: async (order: { id: string; total: number }) => ({ order: order.id, amount: order.total }) });
    sim.inject({ kind: 'invoke', fn: 'price', event: { id: 'o-1', total: 12 } });
    await sim.run();
    expect(renderTraceText(sim.trace.entries)).toContain('PayloadTypeError: the result of price: the result does not have the type Receipt of fn price (test.flow:11): $.charged: missing (required number)');
    expect(sim.summary().functions.price).toMatchObject({ succeeded: 0 });
  });
});

describe('flowc sim with a stale handler', () => {
  const root = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.flowc-tmp-stale-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('the shop example whose charge still returns last version\'s receipt shows the edge, path and type in the trace', async () => {
    const repo = new URL('../../', import.meta.url).pathname;
    cpSync(join(repo, 'examples/shop'), root, { recursive: true });
    const handler = join(root, 'handlers/charge.ts');
    // The receipt used to carry `amount`; the flow now says `charged`. esbuild does not type-check, so only the run can tell.
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('return { order: order.id, charged: amount };', 'return { order: order.id, amount } as never;'));
    const host = { ...nodeHost(), cwd: root, out: '', err: '' };
    const code = await main(['sim', join(root, 'shop.flow'), '--events', join(root, 'events.json')], { ...host, stdout: (text) => void (host.out += text), stderr: (text) => void (host.err += text) });
    expect(host.err).toBe('');
    expect(code).toBe(0);
    expect(host.out).toContain('PayloadTypeError: the result of charge: the result does not have the type Receipt of fn charge (shop.flow:26): $.charged: missing (required number)');
  });
});

describe('the generated helpers check what they decode', () => {
  test('a message of an older producer that reaches the queue another way fails in the handler helper, before the handler runs', async () => {
    const dir = new URL('../../examples/shop/', import.meta.url).pathname;
    const manifest = compileText(join(dir, 'shop.flow'), readFileSync(join(dir, 'shop.flow'), 'utf8')).manifest!;
    const loaded = await loadHandlers(manifest, dir);
    const sim = new Simulator(manifest, loaded.handlers);
    // Straight through the router: what another app (or last version's producer) could send, unchecked.
    sim.router.sendMessage('payouts', { body: JSON.stringify({ order: 'o-1', amount: 12 }), groupId: 'o-1', deduplicationId: 'd-1', from: 'an old producer' });
    await sim.run();
    const trace = renderTraceText(sim.trace.entries);
    expect(trace).toMatch(/PayloadValidationError: SQS message \S+ from arn:aws:sqs:[^ ]+:shop-payouts\.fifo: does not have the type Receipt: \$\.charged: missing \(required number\)/);
    expect(trace).not.toContain('paid out');
    sim.dispose();
  });
});
