// The typed `sends` clients against mocked AWS SDK clients: the commands they send are what AWS
// (and the simulator, which swaps the SDK packages) receives.
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { KinesisClient, PutRecordCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { PublishBatchCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MissingTargetError } from '../../../runtime/clients/address.js';
import { BatchSendError } from '../../../runtime/clients/batches.js';
import { configureClients } from '../../../runtime/clients/sdk.js';
import { busClient, streamClient } from '../../../runtime/clients/bus-stream.js';
import { tableClient } from '../../../runtime/clients/table.js';
import { fifoQueueClient, fifoTopicClient, queueClient, topicClient } from '../../../runtime/clients/messaging.js';

interface Transfer {
  id: string;
  account: string;
  amount: number;
}

const transfer: Transfer = { id: 't1', account: 'acc-9', amount: 100 };
const environment = {
  FLOWC_APP: 'ledger',
  FLOWC_QUEUE_POSTINGS: 'https://sqs.eu-west-1.amazonaws.com/1/ledger-postings.fifo',
  FLOWC_QUEUE_SCREENING: 'https://sqs.eu-west-1.amazonaws.com/1/ledger-screening',
  FLOWC_TOPIC_TRANSFERS: 'arn:aws:sns:eu-west-1:1:ledger-transfers.fifo',
  FLOWC_TOPIC_ALERTS: 'arn:aws:sns:eu-west-1:1:ledger-alerts',
  FLOWC_BUS_OPS: 'ledger-ops',
  FLOWC_STREAM_CLICKS: 'ledger-clicks',
  FLOWC_TABLE_BALANCES: 'ledger-balances',
};

const sqs = mockClient(SQSClient);
const sns = mockClient(SNSClient);
const events = mockClient(EventBridgeClient);
const kinesis = mockClient(KinesisClient);
const dynamodb = mockClient(DynamoDBClient);
const saved = { ...process.env };

beforeEach(() => {
  for (const mock of [sqs, sns, events, kinesis, dynamodb]) mock.reset();
  Object.assign(process.env, environment);
});
afterEach(() => {
  for (const key of Object.keys(environment)) delete process.env[key];
  Object.assign(process.env, saved);
});

describe('queue clients', () => {
  it('a standard queue: SendMessage with the JSON body and an optional delay', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    const client = queueClient<Transfer>({ name: 'screening' });
    expect(await client.send(transfer)).toEqual({ messageId: 'm1' });
    await client.send(transfer, { delaySeconds: 30 });
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: environment.FLOWC_QUEUE_SCREENING, MessageBody: JSON.stringify(transfer) },
      { QueueUrl: environment.FLOWC_QUEUE_SCREENING, MessageBody: JSON.stringify(transfer), DelaySeconds: 30 },
    ]);
  });

  it('a FIFO queue: the group and deduplication ids come from the fields the queue declares', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1', SequenceNumber: '18' });
    const client = fifoQueueClient<Transfer, never>({ name: 'postings', groupBy: ['account'], deduplication: ['id'] });
    expect(await client.send(transfer)).toEqual({ messageId: 'm1', sequenceNumber: '18' });
    await client.send(transfer, { groupId: 'override' });
    const inputs = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(inputs[0]).toEqual({ QueueUrl: environment.FLOWC_QUEUE_POSTINGS, MessageBody: JSON.stringify(transfer), MessageGroupId: 'acc-9', MessageDeduplicationId: 't1' });
    expect(inputs[1]).toMatchObject({ MessageGroupId: 'override', MessageDeduplicationId: 't1' });
  });

  it('a FIFO queue with content-based deduplication sends no deduplication id; one without a group field takes it from the caller', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    await fifoQueueClient<Transfer, 'groupId'>({ name: 'postings', groupBy: null, deduplication: 'content' }).send(transfer, { groupId: 'g' });
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({ QueueUrl: environment.FLOWC_QUEUE_POSTINGS, MessageBody: JSON.stringify(transfer), MessageGroupId: 'g' });
  });

  it('refuses a FIFO send whose group field is missing or empty, before calling AWS', async () => {
    const client = fifoQueueClient<Partial<Transfer>, never>({ name: 'postings', groupBy: ['account'], deduplication: 'content' });
    await expect(client.send({ id: 'x' })).rejects.toThrow('the message field `account` gives the MessageGroupId, but it is missing');
    await expect(client.send({ id: 'x', account: '' })).rejects.toThrow('but it is ""');
    const numbered = fifoQueueClient<{ n: number }, never>({ name: 'postings', groupBy: ['n'], deduplication: ['n'] });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm' });
    await numbered.send({ n: 7 });
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(1);
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toMatchObject({ MessageGroupId: '7', MessageDeduplicationId: '7' });
  });

  it('says which variable is missing when the function does not list the target in `sends`', async () => {
    delete process.env.FLOWC_QUEUE_SCREENING;
    await expect(queueClient<Transfer>({ name: 'screening' }).send(transfer)).rejects.toThrow(MissingTargetError);
    await expect(queueClient<Transfer>({ name: 'screening' }).send(transfer)).rejects.toThrow(/^FLOWC_QUEUE_SCREENING is not set, so queue `screening` cannot be reached/);
  });
});

describe('topic clients', () => {
  it('Publish with the JSON message; a FIFO topic adds its ids', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'n1' });
    await topicClient<Transfer>({ name: 'alerts' }).publish(transfer);
    await fifoTopicClient<Transfer, 'deduplicationId'>({ name: 'transfers', groupBy: ['account'], deduplication: null }).publish(transfer, { deduplicationId: 'd1' });
    expect(sns.commandCalls(PublishCommand).map((c) => c.args[0].input)).toEqual([
      { TopicArn: environment.FLOWC_TOPIC_ALERTS, Message: JSON.stringify(transfer) },
      { TopicArn: environment.FLOWC_TOPIC_TRANSFERS, Message: JSON.stringify(transfer), MessageGroupId: 'acc-9', MessageDeduplicationId: 'd1' },
    ]);
  });
});

describe('bus client', () => {
  it('PutEvents with the app as source and the default or given detail-type', async () => {
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
    const client = busClient<Transfer>({ name: 'ops', detailType: 'Transfer' });
    expect(await client.put(transfer)).toEqual({ eventId: 'e1' });
    await client.put(transfer, { detailType: 'Posted', resources: ['arn:x'] });
    expect(events.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries)).toEqual([
      [{ EventBusName: 'ledger-ops', Source: 'ledger', DetailType: 'Transfer', Detail: JSON.stringify(transfer) }],
      [{ EventBusName: 'ledger-ops', Source: 'ledger', DetailType: 'Posted', Detail: JSON.stringify(transfer), Resources: ['arn:x'] }],
    ]);
  });

  it('fails when EventBridge rejects the entry (PutEvents answers 200 anyway)', async () => {
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] });
    await expect(busClient<Transfer>({ name: 'ops', detailType: 'Transfer' }).put(transfer)).rejects.toThrow(
      'EventBridge rejected the event for bus `ops`: InternalFailure try again',
    );
  });
});

describe('stream client', () => {
  it('PutRecord with the JSON bytes and the partition key from the declared field', async () => {
    kinesis.on(PutRecordCommand).resolves({ ShardId: 'shardId-0', SequenceNumber: '495' });
    const client = streamClient<Transfer, false>({ name: 'clicks', partitionKey: ['account'] });
    expect(await client.put(transfer)).toEqual({ shardId: 'shardId-0', sequenceNumber: '495' });
    const input = kinesis.commandCalls(PutRecordCommand)[0]?.args[0].input;
    expect(input?.StreamName).toBe('ledger-clicks');
    expect(input?.PartitionKey).toBe('acc-9');
    expect(new TextDecoder().decode(input?.Data)).toBe(JSON.stringify(transfer));
  });

  it('takes the partition key from the caller when the stream declares none', async () => {
    kinesis.on(PutRecordCommand).resolves({ ShardId: 's', SequenceNumber: '1' });
    await streamClient<Transfer, true>({ name: 'clicks', partitionKey: null }).put(transfer, { partitionKey: 'k' });
    expect(kinesis.commandCalls(PutRecordCommand)[0]?.args[0].input.PartitionKey).toBe('k');
  });
});

describe('table client', () => {
  interface Balance {
    account: string;
    transfer: string;
    balance: number;
    note?: string;
  }
  const balance: Balance = { account: 'acc-9', transfer: 't1', balance: 100 };

  it('put, get and delete items in attribute-value form', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    dynamodb.on(GetItemCommand).resolves({ Item: { account: { S: 'acc-9' }, transfer: { S: 't1' }, balance: { N: '100' } } });
    dynamodb.on(DeleteItemCommand).resolves({});
    const client = tableClient<Balance, 'account', 'transfer'>({ name: 'balances', partitionKey: 'account', sortKey: 'transfer' });
    await client.put({ ...balance, note: undefined as unknown as string });
    expect(await client.get({ account: 'acc-9', transfer: 't1' })).toEqual(balance);
    await client.delete({ account: 'acc-9', transfer: 't1' });
    expect(dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: 'ledger-balances',
      Item: { account: { S: 'acc-9' }, transfer: { S: 't1' }, balance: { N: '100' } },
    });
    expect(dynamodb.commandCalls(GetItemCommand)[0]?.args[0].input).toEqual({
      TableName: 'ledger-balances',
      Key: { account: { S: 'acc-9' }, transfer: { S: 't1' } },
      ConsistentRead: true,
    });
    expect(dynamodb.commandCalls(DeleteItemCommand)[0]?.args[0].input.Key).toEqual({ account: { S: 'acc-9' }, transfer: { S: 't1' } });
  });

  it('get answers undefined for a missing item', async () => {
    dynamodb.on(GetItemCommand).resolves({});
    expect(await tableClient<Balance, 'account', 'transfer'>({ name: 'balances', partitionKey: 'account', sortKey: 'transfer' }).get({ account: 'x', transfer: 'y' })).toBeUndefined();
  });
});


/** The error a call rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('message attributes', () => {
  it('strings, numbers, bytes and custom types become SQS and SNS MessageAttributes', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    sns.on(PublishCommand).resolves({ MessageId: 'n1' });
    const attributes = { source: 'web', attempt: 2, raw: new Uint8Array([1]), trace: { dataType: 'String.trace', value: 'abc' } };
    await queueClient<Transfer>({ name: 'screening' }).send(transfer, { attributes });
    await topicClient<Transfer>({ name: 'alerts' }).publish(transfer, { attributes: { source: 'web' }, subject: 'hi' });
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageAttributes).toEqual({
      source: { DataType: 'String', StringValue: 'web' },
      attempt: { DataType: 'Number', StringValue: '2' },
      raw: { DataType: 'Binary', BinaryValue: new Uint8Array([1]) },
      trace: { DataType: 'String.trace', StringValue: 'abc' },
    });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toMatchObject({ Subject: 'hi', MessageAttributes: { source: { DataType: 'String', StringValue: 'web' } } });
  });
});

describe('batch sends', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...transfer, id: `t${i}` }));

  it('SendMessageBatch: 10 entries per request, every message sent, results in order', async () => {
    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}` })), Failed: [] }));
    const sent = await queueClient<Transfer>({ name: 'screening' }).sendBatch(many(23).map((message, i) => ({ message, ...(i === 0 ? { delaySeconds: 5 } : {}) })));
    const calls = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.Entries?.length)).toEqual([10, 10, 3]);
    expect(calls[0]?.Entries?.[0]).toEqual({ Id: '0', MessageBody: JSON.stringify(many(1)[0]), DelaySeconds: 5 });
    expect(sent).toHaveLength(23);
    expect(sent[22]).toEqual({ messageId: 'm-2' });
  });

  it('splits by size too: SQS takes at most 1 MiB per request', async () => {
    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: 'm' })) }));
    const big = { ...transfer, id: 'x'.repeat(400_000) };
    await queueClient<Transfer>({ name: 'screening' }).sendBatch([big, big, big].map((message) => ({ message })));
    expect(sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([2, 1]);
  });

  it('partial failures are surfaced, not swallowed: BatchSendError says what was sent and what was not', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [{ Id: '0', MessageId: 'm0', MD5OfMessageBody: '' }], Failed: [{ Id: '1', Code: 'InvalidParameterValue', Message: 'too long', SenderFault: true }] });
    const error = (await rejection(queueClient<Transfer>({ name: 'screening' }).sendBatch(many(2).map((message) => ({ message }))))) as BatchSendError<unknown, unknown>;
    expect(error).toBeInstanceOf(BatchSendError);
    expect(error.message).toBe('1 of 2 entries to queue `screening` were not sent (entry 1: InvalidParameterValue: too long)');
    expect([...error.sent]).toEqual([[0, { messageId: 'm0' }]]);
    expect(error.failed).toEqual([{ index: 1, entry: { message: many(2)[1] }, code: 'InvalidParameterValue', message: 'too long', senderFault: true }]);
  });

  it('a FIFO batch stops after a failed request: later messages would overtake the failed one', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .rejectsOnce(Object.assign(new Error('slow down'), { name: 'RequestThrottled' }))
      .resolves({ Successful: [] });
    const client = fifoQueueClient<Transfer, never>({ name: 'postings', groupBy: ['account'], deduplication: ['id'] });
    const error = (await rejection(client.sendBatch(many(12).map((message) => ({ message }))))) as BatchSendError<unknown, unknown>;
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(1);
    expect(sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input.Entries?.[0]).toMatchObject({ MessageGroupId: 'acc-9', MessageDeduplicationId: 't0' });
    expect(error.failed.map((f) => `${f.index} ${f.code}`)).toEqual([...Array.from({ length: 10 }, (_, i) => `${i} RequestThrottled`), '10 NotSent', '11 NotSent']);
    expect(error.cause).toMatchObject({ message: 'slow down' });
  });

  it('PublishBatch for topics, FIFO ids per message', async () => {
    sns.on(PublishBatchCommand).callsFake((input: { PublishBatchRequestEntries: { Id: string }[] }) => ({ Successful: input.PublishBatchRequestEntries.map((e) => ({ Id: e.Id, MessageId: `n${e.Id}`, SequenceNumber: '1' })) }));
    const client = fifoTopicClient<Transfer, 'deduplicationId'>({ name: 'transfers', groupBy: ['account'], deduplication: null });
    expect(await client.publishBatch([{ message: transfer, deduplicationId: 'd1', attributes: { a: 'b' } }])).toEqual([{ messageId: 'n0', sequenceNumber: '1' }]);
    expect(sns.commandCalls(PublishBatchCommand)[0]?.args[0].input).toEqual({
      TopicArn: environment.FLOWC_TOPIC_TRANSFERS,
      PublishBatchRequestEntries: [{ Id: '0', Message: JSON.stringify(transfer), MessageGroupId: 'acc-9', MessageDeduplicationId: 'd1', MessageAttributes: { a: { DataType: 'String', StringValue: 'b' } } }],
    });
    await topicClient<Transfer>({ name: 'alerts' }).publishBatch(many(11).map((message) => ({ message })));
    expect(sns.commandCalls(PublishBatchCommand).map((c) => c.args[0].input.PublishBatchRequestEntries?.length)).toEqual([1, 10, 1]);
  });

  it('PutEvents with several entries, 10 per request; refused entries are reported', async () => {
    events.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
      FailedEntryCount: 1,
      Entries: input.Entries.map((_, i) => (i === 1 ? { ErrorCode: 'MalformedDetail', ErrorMessage: 'bad' } : { EventId: `e${i}` })),
    }));
    const client = busClient<Transfer>({ name: 'ops', detailType: 'Transfer' });
    const error = (await rejection(client.putBatch(many(12).map((detail) => ({ detail, detailType: 'Posted' }))))) as BatchSendError<unknown, unknown>;
    expect(events.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([10, 2]);
    expect(events.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0]).toEqual({ EventBusName: 'ledger-ops', Source: 'ledger', DetailType: 'Posted', Detail: JSON.stringify(many(1)[0]) });
    expect(error.failed.map((f) => [f.index, f.code, f.senderFault])).toEqual([
      [1, 'MalformedDetail', true],
      [11, 'MalformedDetail', true],
    ]);
    expect(error.sent.size).toBe(10);
  });

  it('PutRecords, 500 per request, the partition key from the declared field or the entry', async () => {
    kinesis.on(PutRecordsCommand).callsFake((input: { Records: unknown[] }) => ({ FailedRecordCount: 0, Records: input.Records.map((_, i) => ({ ShardId: 's', SequenceNumber: String(i) })) }));
    const results = await streamClient<Transfer, false>({ name: 'clicks', partitionKey: ['account'] }).putBatch(many(501).map((record, i) => ({ record, ...(i === 0 ? { partitionKey: 'given' } : {}) })));
    const calls = kinesis.commandCalls(PutRecordsCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.Records?.length)).toEqual([500, 1]);
    expect(calls[0]?.Records?.slice(0, 2).map((r) => r.PartitionKey)).toEqual(['given', 'acc-9']);
    expect(results[500]).toEqual({ shardId: 's', sequenceNumber: '0' });
  });
});

describe('SDK client configuration', () => {
  afterEach(() => configureClients({ sqs: { config: {} } }));

  it('a client given to configureClients is the one the generated clients send with', async () => {
    const mine = new SQSClient({ region: 'ap-south-1' });
    const sent: unknown[] = [];
    mine.send = (async (command: { input: unknown }) => (sent.push(command.input), { MessageId: 'mine' })) as never;
    configureClients({ sqs: { client: mine } });
    expect(await queueClient<Transfer>({ name: 'screening' }).send(transfer)).toEqual({ messageId: 'mine' });
    expect(sent).toHaveLength(1);
  });

  it('a config builds the client with it', async () => {
    configureClients({ sqs: { config: { region: 'eu-north-1', maxAttempts: 7 } } });
    const { sqsSdk } = await import('../../../runtime/clients/sdk.js');
    const { client } = await sqsSdk();
    expect(await client.config.region()).toBe('eu-north-1');
    expect(await client.config.maxAttempts()).toBe(7);
  });
});

describe('table client: query, update and batches', () => {
  interface Balance {
    account: string;
    transfer: string;
    balance: number;
    note?: string;
  }
  const client = tableClient<Balance, 'account', 'transfer'>({ name: 'balances', partitionKey: 'account', sortKey: 'transfer' });
  const item = (transfer: string, balance: number) => marshall({ account: 'acc-9', transfer, balance });

  it('query: the partition key, a sort key condition, order, limit and the next page', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: [item('t2', 2)], LastEvaluatedKey: marshall({ account: 'acc-9', transfer: 't2' }) });
    const page = await client.query('acc-9', { sortKey: { beginsWith: 't' }, descending: true, limit: 1, startAfter: { account: 'acc-9', transfer: 't3' } });
    expect(page).toEqual({ items: [{ account: 'acc-9', transfer: 't2', balance: 2 }], next: { account: 'acc-9', transfer: 't2' } });
    expect(dynamodb.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: 'ledger-balances',
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
      ExpressionAttributeNames: { '#pk': 'account', '#sk': 'transfer' },
      ExpressionAttributeValues: { ':pk': { S: 'acc-9' }, ':sk': { S: 't' } },
      ConsistentRead: true,
      ScanIndexForward: false,
      Limit: 1,
      ExclusiveStartKey: marshall({ account: 'acc-9', transfer: 't3' }),
    });
    dynamodb.on(QueryCommand).resolves({ Items: [] });
    expect(await client.query('acc-9', { sortKey: { between: ['a', 'b'] } })).toEqual({ items: [] });
    expect(dynamodb.commandCalls(QueryCommand)[1]?.args[0].input.KeyConditionExpression).toBe('#pk = :pk AND #sk BETWEEN :lo AND :hi');
  });

  it('update: SET, REMOVE and ADD of fields, only of an existing item; the new item, or undefined', async () => {
    dynamodb.on(UpdateItemCommand).resolvesOnce({ Attributes: item('t1', 150) }).rejectsOnce(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));
    expect(await client.update({ account: 'acc-9', transfer: 't1' }, { set: { balance: 150 }, remove: ['note'] })).toEqual({ account: 'acc-9', transfer: 't1', balance: 150 });
    expect(await client.update({ account: 'acc-9', transfer: 'gone' }, { add: { balance: 5 } })).toBeUndefined();
    const [first, second] = dynamodb.commandCalls(UpdateItemCommand).map((c) => c.args[0].input);
    expect(first).toEqual({
      TableName: 'ledger-balances',
      Key: marshall({ account: 'acc-9', transfer: 't1' }),
      UpdateExpression: 'SET #a0 = :v0 REMOVE #a1',
      ConditionExpression: 'attribute_exists(#key)',
      ExpressionAttributeNames: { '#a0': 'balance', '#a1': 'note', '#key': 'account' },
      ExpressionAttributeValues: { ':v0': { N: '150' } },
      ReturnValues: 'ALL_NEW',
    });
    expect(second?.UpdateExpression).toBe('ADD #a0 :v0');
    await expect(client.update({ account: 'a', transfer: 'b' }, {})).rejects.toThrow('must set, remove or add something');
  });

  it('getMany: 100 keys per request, unprocessed keys retried, items in the order of the keys', async () => {
    let calls = 0;
    dynamodb.on(BatchGetItemCommand).callsFake((input: { RequestItems: Record<string, { Keys: Record<string, unknown>[] }> }) => {
      calls++;
      const keys = input.RequestItems['ledger-balances']?.Keys ?? [];
      // The first request leaves its last key unprocessed.
      const [done, left] = calls === 1 ? [keys.slice(0, -1), keys.slice(-1)] : [keys, []];
      return { Responses: { 'ledger-balances': done.map((k) => ({ ...k, balance: { N: '1' } })) }, UnprocessedKeys: left.length === 0 ? {} : { 'ledger-balances': { Keys: left } } };
    });
    const keys = Array.from({ length: 101 }, (_, i) => ({ account: 'acc-9', transfer: `t${i}` }));
    const items = await client.getMany([...keys, keys[0]!]);
    expect(items).toHaveLength(102);
    expect(items.every((i) => i?.balance === 1)).toBe(true);
    expect(items[101]).toEqual(items[0]);
    const sizes = dynamodb.commandCalls(BatchGetItemCommand).map((c) => c.args[0].input.RequestItems?.['ledger-balances']?.Keys?.length);
    expect(sizes).toEqual([100, 1, 1]);
  });

  it('putMany and deleteMany: 25 per request; what stays unprocessed after the retries is a BatchSendError', async () => {
    dynamodb.on(BatchWriteItemCommand).callsFake((input: { RequestItems: Record<string, { PutRequest?: { Item: Record<string, unknown> } }[]> }) => {
      const requests = input.RequestItems['ledger-balances'] ?? [];
      // t0 is never processed.
      const stuck = requests.filter((r) => (r.PutRequest?.Item as { transfer?: { S: string } } | undefined)?.transfer?.S === 't0');
      return { UnprocessedItems: stuck.length === 0 ? {} : { 'ledger-balances': stuck } };
    });
    const items = Array.from({ length: 26 }, (_, i) => ({ account: 'acc-9', transfer: `t${i}`, balance: i }));
    const error = (await rejection(client.putMany(items))) as BatchSendError<unknown, unknown>;
    expect(error.failed.map((f) => [f.index, f.code])).toEqual([[0, 'Unprocessed']]);
    expect(error.sent.size).toBe(25);
    const sizes = dynamodb.commandCalls(BatchWriteItemCommand).map((c) => c.args[0].input.RequestItems?.['ledger-balances']?.length);
    expect(sizes).toEqual([25, 1, 1, 1, 1, 1]);
    dynamodb.reset();
    dynamodb.on(BatchWriteItemCommand).resolves({ UnprocessedItems: {} });
    await client.deleteMany([{ account: 'acc-9', transfer: 't1' }]);
    expect(dynamodb.commandCalls(BatchWriteItemCommand)[0]?.args[0].input.RequestItems).toEqual({ 'ledger-balances': [{ DeleteRequest: { Key: marshall({ account: 'acc-9', transfer: 't1' }) } }] });
  });
});
