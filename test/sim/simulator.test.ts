import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { sendTargetVariable } from '../../runtime/manifest/env.js';
import { SimulationLimitError } from '../../runtime/sim/errors.js';
import { loadHandlers } from '../../runtime/sim/load-handlers.js';
import { SDK_MODULES } from '../../runtime/sim/sdk/modules.js';
import { Simulator } from '../../runtime/sim/simulator.js';
import { renderTraceText } from '../../runtime/sim/trace.js';
import { lines, manifestOf, normalizedTrace, simulator, type TestHandler } from './helpers.js';

// The simulated SDK clients, as a handler bundled by the simulator imports them.
const sqs = SDK_MODULES['@aws-sdk/client-sqs'] as { SQSClient: new () => { send(command: unknown): Promise<Record<string, unknown>> }; SendMessageCommand: new (input: object) => unknown };
const sns = SDK_MODULES['@aws-sdk/client-sns'] as { SNSClient: new () => { send(command: unknown): Promise<unknown> }; PublishCommand: new (input: object) => unknown };
const events = SDK_MODULES['@aws-sdk/client-eventbridge'] as { EventBridgeClient: new () => { send(command: unknown): Promise<unknown> }; PutEventsCommand: new (input: object) => unknown };
const kinesis = SDK_MODULES['@aws-sdk/client-kinesis'] as { KinesisClient: new () => { send(command: unknown): Promise<unknown> }; PutRecordCommand: new (input: object) => unknown };
const documents = SDK_MODULES['@aws-sdk/lib-dynamodb'] as {
  DynamoDBDocumentClient: { from(client: unknown): { send(command: unknown): Promise<Record<string, unknown>> } };
  PutCommand: new (input: object) => unknown;
  GetCommand: new (input: object) => unknown;
};

describe('handler code and the AWS SDK (sends)', () => {
  const FLOW = `app writer
type Job = { id: string }
queue jobs: Job
queue out: Job
topic done: Job
bus audit: Job
stream log: Job { partition = id }
table seen: Job { key = id }
queue done_inbox
fn work(Job) { sends = [out, done, audit, log, seen], env { STAGE = "test" } }
jobs -> work
done -> done_inbox
`;

  test('the send-target variables hold the local addresses, and the SDK clients write to the simulated resources', async () => {
    const seenEnvironment: Record<string, string | undefined> = {};
    const work: TestHandler = async (event: { Records: { body: string }[] }) => {
      for (const name of ['FLOWC_APP', 'AWS_LAMBDA_FUNCTION_NAME', 'STAGE', sendTargetVariable('queue', 'out'), sendTargetVariable('topic', 'done'), sendTargetVariable('bus', 'audit')]) {
        seenEnvironment[name] = process.env[name];
      }
      const job = JSON.parse(event.Records[0]!.body) as { id: string };
      const sent = await new sqs.SQSClient().send(new sqs.SendMessageCommand({ QueueUrl: process.env.FLOWC_QUEUE_OUT, MessageBody: JSON.stringify(job) }));
      expect(sent).toMatchObject({ MessageId: expect.stringMatching(/^[0-9a-f-]{36}$/), MD5OfMessageBody: expect.stringMatching(/^[0-9a-f]{32}$/) });
      await new sns.SNSClient().send(new sns.PublishCommand({ TopicArn: process.env.FLOWC_TOPIC_DONE, Message: JSON.stringify(job) }));
      await new events.EventBridgeClient().send(new events.PutEventsCommand({ Entries: [{ EventBusName: process.env.FLOWC_BUS_AUDIT, Source: 'writer', DetailType: 'job', Detail: JSON.stringify(job) }] }));
      await new kinesis.KinesisClient().send(new kinesis.PutRecordCommand({ StreamName: process.env.FLOWC_STREAM_LOG, PartitionKey: job.id, Data: new TextEncoder().encode(JSON.stringify(job)) }));
      const table = documents.DynamoDBDocumentClient.from({});
      await table.send(new documents.PutCommand({ TableName: process.env.FLOWC_TABLE_SEEN, Item: job, ConditionExpression: 'attribute_not_exists(id)' }));
      await expect(table.send(new documents.PutCommand({ TableName: process.env.FLOWC_TABLE_SEEN, Item: job, ConditionExpression: 'attribute_not_exists(id)' }))).rejects.toMatchObject({
        name: 'ConditionalCheckFailedException',
      });
      expect(await table.send(new documents.GetCommand({ TableName: process.env.FLOWC_TABLE_SEEN, Key: { id: job.id } }))).toEqual({ Item: job });
      await expect(new sqs.SQSClient().send(new sqs.SendMessageCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/elsewhere', MessageBody: '{}' }))).rejects.toMatchObject({
        name: 'AWS.SimpleQueueService.NonExistentQueue',
      });
    };
    const sim = simulator(FLOW, { work });
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'j1' } });
    await sim.run();
    expect(seenEnvironment).toEqual({
      FLOWC_APP: 'writer',
      AWS_LAMBDA_FUNCTION_NAME: 'work',
      STAGE: 'test',
      FLOWC_QUEUE_OUT: 'https://sqs.us-east-1.amazonaws.com/000000000000/writer-out',
      FLOWC_TOPIC_DONE: 'arn:aws:sns:us-east-1:000000000000:writer-done',
      FLOWC_BUS_AUDIT: 'writer-audit',
    });
    expect(normalizedTrace(sim)).toBe(
      lines(`
        +00:00:00.000  jobs        send        message #1 from test · {"id":"j1"}
        +00:00:00.000  work        invoke      batch of 1 from jobs (#1) · request #2
        +00:00:00.000  out         send        message #3 from handler work · {"id":"j1"}
        +00:00:00.000  done        publish     message #4 from handler work · {"id":"j1"}
        +00:00:00.000  audit       put-event   event #5 from handler work · job · source writer · {"id":"j1"}
        +00:00:00.000  log         put-record  shardId-000000000000 seq 49000000000000000001 key j1 from handler work · {"id":"j1"}
        +00:00:00.000  seen        write       put {"id":"j1"} from handler work · INSERT (the table has no stream)
        +00:00:00.000  work        ok          returned nothing
        +00:00:00.000  done_inbox  send        message #6 from topic done · {"id":"j1"}
      `),
    );
    sim.dispose();
    expect(process.env.FLOWC_QUEUE_OUT).toBeUndefined();
  });

  test('what handlers print is in the trace at its virtual time', async () => {
    const flow = 'app logs\ntype Job = { id: string }\nfn work(Job)\n';
    const sim = new Simulator(manifestOf(flow), { work: async (job: { id: string }) => console.warn('working on', job.id, { n: 1 }) });
    sim.inject({ kind: 'invoke', fn: 'work', event: { id: 'j1' } }, 5000);
    await sim.run();
    expect(renderTraceText(sim.trace.entries)).toContain("+00:00:05.000  work  log     warn: working on j1 { n: 1 }\n");
    sim.dispose();
  });
});

describe('determinism and limits', () => {
  const FLOW = `app orders
type Order = { id: string, total: number }
topic placed: Order
queue receipts
fn charge(Order) -> Order { retries = 2 }
placed -> charge
charge -> receipts
`;
  const flaky: TestHandler = async (event: { Records: { Sns: { Message: string } }[] }) => {
    const order = JSON.parse(event.Records[0]!.Sns.Message) as { id: string; total: number };
    if (order.total % 3 === 0) throw new Error('declined');
    return order;
  };

  async function runWith(seed: number): Promise<{ trace: string; json: string }> {
    const sim = simulator(FLOW, { charge: flaky }, { seed, async: { retryJitter: '10s' }, sqs: { standardOrder: 'shuffled' } });
    for (let i = 0; i < 20; i++) sim.inject({ kind: 'publish', topic: 'placed', message: { id: `o${i}`, total: i } }, i * 250);
    await sim.run();
    sim.dispose();
    return { trace: renderTraceText(sim.trace.entries), json: JSON.stringify({ trace: sim.trace.entries, summary: sim.summary() }) };
  }

  test('the same seed gives a byte-identical trace; another seed gives other ids and jitter', async () => {
    const first = await runWith(11);
    const second = await runWith(11);
    const other = await runWith(12);
    expect(second.trace).toBe(first.trace);
    expect(second.json).toBe(first.json);
    expect(other.trace).not.toBe(first.trace);
  });

  test('an endless loop stops at the event limit with an error that names the seed', async () => {
    const flow = `app loop
type Job = { id: string }
queue jobs: Job
fn work(Job) { sends = [jobs] }
jobs -> work
`;
    const client = new sqs.SQSClient();
    const sim = simulator(flow, { work: async () => client.send(new sqs.SendMessageCommand({ QueueUrl: process.env.FLOWC_QUEUE_JOBS, MessageBody: '{"id":"again"}' })) }, { seed: 99, limits: { maxEvents: 500 } });
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'first' } });
    const error = await sim.run().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SimulationLimitError);
    expect((error as Error).message).toMatch(/^stopped after 500 events \(agenda events and invocations\) at virtual time \+00:00:00\.000: an endless loop, or raise limits\.maxEvents \(seed 99; rerun with --seed 99 to replay this run exactly\)$/);
    sim.dispose();
  });

  test('without an end time a run that would pass the virtual-time limit stops with an error naming the seed', async () => {
    const flow = `app slow
type Job = { id: string }
fn work(Job) { retries = 2, max_age = 6h }
`;
    const sim = simulator(flow, { work: async () => Promise.reject(new Error('no')) }, { seed: 5, limits: { maxVirtualTime: '2m' } });
    sim.inject({ kind: 'invoke', fn: 'work', event: { id: 'j' } });
    await expect(sim.run()).rejects.toThrow('virtual time would pass the limit of 2m with 1 events still pending: give an end time (--until) or raise limits.maxVirtualTime (seed 5; rerun with --seed 5 to replay this run exactly)');
    sim.dispose();
  });

  test('an end time stops the run there, with the rest still pending; advance continues it', async () => {
    const flow = `app slow
type Job = { id: string }
fn work(Job) { retries = 2 }
`;
    const sim = simulator(flow, { work: async () => Promise.reject(new Error('no')) });
    sim.inject({ kind: 'invoke', fn: 'work', event: { id: 'j' } });
    await sim.run({ untilMs: 90_000 });
    expect(sim.nowMs).toBe(90_000);
    expect(sim.summary().functions.work?.invocations).toBe(2);
    expect(sim.pendingEvents).toBe(1);
    await sim.advance(90_000);
    expect(sim.summary().functions.work?.invocations).toBe(3);
    sim.dispose();
  });

  test('injecting into the past, an unknown resource, or a payload of the wrong type is refused', () => {
    const sim = simulator(FLOW, { charge: flaky });
    expect(() => sim.inject({ kind: 'publish', topic: 'nope', message: {} })).toThrow('the flow has no topic `nope` (its topics: placed)');
    expect(() => sim.inject({ kind: 'publish', topic: 'placed', message: { id: 'o1', total: '12' } })).toThrow(
      'the message for topic placed does not have the declared type: $.total: expected a number, got "12"',
    );
    sim.dispose();
  });
});

describe('loading handlers from files (esbuild)', () => {
  const root = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.flowc-tmp-handlers-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('TypeScript handlers are bundled with the SDK clients replaced; a missing file is reported, not fatal', async () => {
    const flow = `app loaded
type Job = { id: string }
queue jobs: Job
queue out: Job
table seen: Job { key = id }
fn work(Job) { sends = [out, seen] }
fn idle(Job)
jobs -> work
`;
    mkdirSync(join(root, 'handlers'));
    writeFileSync(
      join(root, 'handlers/work.ts'),
      `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { SQSEvent } from 'aws-lambda';

const sqs = new SQSClient({});
const ddb = new DynamoDBClient({});
const outUrl: string = process.env.FLOWC_QUEUE_OUT ?? 'unset at import';

export const handler = async (event: SQSEvent): Promise<void> => {
  for (const record of event.Records) {
    const job = JSON.parse(record.body) as { id: string };
    await sqs.send(new SendMessageCommand({ QueueUrl: outUrl, MessageBody: JSON.stringify({ id: job.id + '-done' }) }));
    await ddb.send(new PutItemCommand({ TableName: process.env.FLOWC_TABLE_SEEN, Item: marshall(job) }));
  }
};
`,
    );
    const manifest = manifestOf(flow);
    const loaded = await loadHandlers(manifest, root);
    expect([...loaded.handlers.keys()]).toEqual(['work']);
    expect(loaded.missing).toEqual(['idle']);
    const sim = new Simulator(manifest, loaded.handlers);
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'j1' } });
    await sim.run();
    expect(sim.queueMessages('out').map((message) => message.body)).toEqual(['{"id":"j1-done"}']);
    expect(sim.tableItems('seen')).toEqual([{ id: 'j1' }]);
    sim.inject({ kind: 'invoke', fn: 'idle', event: { id: 'x' } });
    await sim.run();
    expect(renderTraceText(sim.trace.entries)).toContain('Runtime.HandlerNotFound: handlers/idle.ts is missing or has no `handler` export');
    sim.dispose();
  });

  test('a module without a handler export, or that does not compile, is an input error that says why', async () => {
    const flow = 'app broken\ntype Job = { id: string }\nfn work(Job)\n';
    const manifest = manifestOf(flow);
    const dir = mkdtempSync(join(root, 'case-'));
    mkdirSync(join(dir, 'handlers'));
    writeFileSync(join(dir, 'handlers/work.ts'), 'export const handle = async () => 1;\n');
    await expect(loadHandlers(manifest, dir)).rejects.toThrow(/handlers\/work\.ts does not export a `handler` function/);
    writeFileSync(join(dir, 'handlers/work.ts'), "import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';\nexport const handler = () => ReceiveMessageCommand;\n");
    await expect(loadHandlers(manifest, dir)).rejects.toThrow(/the handlers could not be bundled:\n.*No matching export .* for import "ReceiveMessageCommand"/);
  });
});
