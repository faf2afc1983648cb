// The typed `sends` clients against mocked AWS SDK clients: the commands they send are what AWS
// (and the simulator, which swaps the SDK packages) receives.
import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MissingTargetError } from '../../../runtime/clients/address.js';
import { busClient, streamClient, tableClient } from '../../../runtime/clients/bus-stream-table.js';
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
    const client = tableClient<Balance, 'account' | 'transfer'>({ name: 'balances' });
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
    expect(await tableClient<Balance, 'account' | 'transfer'>({ name: 'balances' }).get({ account: 'x', transfer: 'y' })).toBeUndefined();
  });
});

