/**
 * The AWS SDK v3 clients behind the typed `sends` clients, each loaded on first use: a handler
 * that sends nothing does not pay for loading the SDK at cold start. One client per service and
 * process, as AWS recommends (connections are reused across invocations). Region and
 * credentials come from the Lambda environment. The simulator swaps these packages for its own
 * at bundle time, so the commands used here are the contract with it.
 */
import type * as Sqs from '@aws-sdk/client-sqs';
import type * as Sns from '@aws-sdk/client-sns';
import type * as EventBridge from '@aws-sdk/client-eventbridge';
import type * as Kinesis from '@aws-sdk/client-kinesis';
import type * as DynamoDb from '@aws-sdk/client-dynamodb';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined; // a failed load is retried on the next send
      throw error;
    });
    return loaded;
  };
}

export interface SqsSdk {
  readonly client: Sqs.SQSClient;
  readonly module: typeof Sqs;
}

export const sqsSdk: () => Promise<SqsSdk> = once(async () => {
  const module = await import('@aws-sdk/client-sqs');
  return { client: new module.SQSClient({}), module };
});

export interface SnsSdk {
  readonly client: Sns.SNSClient;
  readonly module: typeof Sns;
}

export const snsSdk: () => Promise<SnsSdk> = once(async () => {
  const module = await import('@aws-sdk/client-sns');
  return { client: new module.SNSClient({}), module };
});

export interface EventBridgeSdk {
  readonly client: EventBridge.EventBridgeClient;
  readonly module: typeof EventBridge;
}

export const eventBridgeSdk: () => Promise<EventBridgeSdk> = once(async () => {
  const module = await import('@aws-sdk/client-eventbridge');
  return { client: new module.EventBridgeClient({}), module };
});

export interface KinesisSdk {
  readonly client: Kinesis.KinesisClient;
  readonly module: typeof Kinesis;
}

export const kinesisSdk: () => Promise<KinesisSdk> = once(async () => {
  const module = await import('@aws-sdk/client-kinesis');
  return { client: new module.KinesisClient({}), module };
});

export interface DynamoDbSdk {
  readonly client: DynamoDb.DynamoDBClient;
  readonly module: typeof DynamoDb;
}

export const dynamoDbSdk: () => Promise<DynamoDbSdk> = once(async () => {
  const module = await import('@aws-sdk/client-dynamodb');
  return { client: new module.DynamoDBClient({}), module };
});
