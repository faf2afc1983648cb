/**
 * The AWS SDK v3 clients behind the typed `sends` clients, each loaded on first use: a handler
 * that sends nothing does not pay for loading the SDK at cold start. One client per service and
 * process, as AWS recommends (connections are reused across invocations). Region and
 * credentials come from the Lambda environment unless `configureClients` says otherwise. The
 * simulator swaps these packages for its own at bundle time, so the commands used here are the
 * contract with it.
 */
import type * as Sqs from '@aws-sdk/client-sqs';
import type * as Sns from '@aws-sdk/client-sns';
import type * as EventBridge from '@aws-sdk/client-eventbridge';
import type * as Kinesis from '@aws-sdk/client-kinesis';
import type * as DynamoDb from '@aws-sdk/client-dynamodb';
import type * as S3 from '@aws-sdk/client-s3';

/** A client configuration for the SDK to build the client with, or a client built already. */
export type ClientChoice<Config, Client> = { readonly config: Config } | { readonly client: Client };

/** What `configureClients` takes: per service, a configuration or a client (others keep the default). */
export interface ClientChoices {
  readonly sqs?: ClientChoice<Sqs.SQSClientConfig, Sqs.SQSClient>;
  readonly sns?: ClientChoice<Sns.SNSClientConfig, Sns.SNSClient>;
  readonly eventBridge?: ClientChoice<EventBridge.EventBridgeClientConfig, EventBridge.EventBridgeClient>;
  readonly kinesis?: ClientChoice<Kinesis.KinesisClientConfig, Kinesis.KinesisClient>;
  readonly dynamodb?: ClientChoice<DynamoDb.DynamoDBClientConfig, DynamoDb.DynamoDBClient>;
  readonly s3?: ClientChoice<S3.S3ClientConfig, S3.S3Client>;
}

type Service = keyof ClientChoices;

const choices: { -readonly [S in Service]?: ClientChoices[S] } = {};
const resets = new Map<Service, () => void>();

function lazy<T>(service: Service, load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  resets.set(service, () => (loaded = undefined));
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined; // a failed load is retried on the next send
      throw error;
    });
    return loaded;
  };
}

/**
 * Sets the SDK clients the generated clients (and the idempotency store) use, e.g. a region,
 * retries, a custom endpoint or an instrumented client:
 *
 *     configureClients({ dynamodb: { config: { maxAttempts: 5 } }, sqs: { client: tracedSqsClient } });
 *
 * Call it at the top level of the handler module, before the first send. Services it names get
 * a new client on their next call; the others keep theirs.
 */
export function configureClients(next: ClientChoices): void {
  Object.assign(choices, next);
  for (const service of Object.keys(next) as Service[]) resets.get(service)?.();
}

/** The client of `choice`: the one given, or one built from its config (or from none). */
function clientOf<Config, Client>(choice: ClientChoice<Config, Client> | undefined, build: (config: Config | Record<string, never>) => Client): Client {
  if (choice !== undefined && 'client' in choice) return choice.client;
  return build(choice?.config ?? {});
}

export interface SqsSdk {
  readonly client: Sqs.SQSClient;
  readonly module: typeof Sqs;
}

export const sqsSdk: () => Promise<SqsSdk> = lazy('sqs', async () => {
  const module = await import('@aws-sdk/client-sqs');
  return { client: clientOf(choices.sqs, (config) => new module.SQSClient(config)), module };
});

export interface SnsSdk {
  readonly client: Sns.SNSClient;
  readonly module: typeof Sns;
}

export const snsSdk: () => Promise<SnsSdk> = lazy('sns', async () => {
  const module = await import('@aws-sdk/client-sns');
  return { client: clientOf(choices.sns, (config) => new module.SNSClient(config)), module };
});

export interface EventBridgeSdk {
  readonly client: EventBridge.EventBridgeClient;
  readonly module: typeof EventBridge;
}

export const eventBridgeSdk: () => Promise<EventBridgeSdk> = lazy('eventBridge', async () => {
  const module = await import('@aws-sdk/client-eventbridge');
  return { client: clientOf(choices.eventBridge, (config) => new module.EventBridgeClient(config)), module };
});

export interface KinesisSdk {
  readonly client: Kinesis.KinesisClient;
  readonly module: typeof Kinesis;
}

export const kinesisSdk: () => Promise<KinesisSdk> = lazy('kinesis', async () => {
  const module = await import('@aws-sdk/client-kinesis');
  return { client: clientOf(choices.kinesis, (config) => new module.KinesisClient(config)), module };
});

export interface DynamoDbSdk {
  readonly client: DynamoDb.DynamoDBClient;
  readonly module: typeof DynamoDb;
}

export const dynamoDbSdk: () => Promise<DynamoDbSdk> = lazy('dynamodb', async () => {
  const module = await import('@aws-sdk/client-dynamodb');
  return { client: clientOf(choices.dynamodb, (config) => new module.DynamoDBClient(config)), module };
});

export interface S3Sdk {
  readonly client: S3.S3Client;
  readonly module: typeof S3;
}

export const s3Sdk: () => Promise<S3Sdk> = lazy('s3', async () => {
  const module = await import('@aws-sdk/client-s3');
  return { client: clientOf(choices.s3, (config) => new module.S3Client(config)), module };
});
