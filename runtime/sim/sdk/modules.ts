import { createRequire } from 'node:module';
import { AwsServiceError } from '../errors.js';
import { currentDispatcher } from './dispatch.js';

/**
 * Stand-ins for the AWS SDK v3 client packages handler code (and the generated clients) use.
 * They keep the SDK's shape — `new XClient(config)`, `client.send(new XCommand(input))`, the
 * same output fields — and send every command to the running simulation instead of AWS.
 * Handler modules are bundled with these in place of the real packages (sdk/plugin.ts).
 */

interface SimCommand {
  readonly input: Readonly<Record<string, unknown>>;
}

/** Enough of the SDK's middleware stack for code that adds to it (Powertools adds a user agent). */
function middlewareStack() {
  return { add: (): void => undefined, addRelativeTo: (): void => undefined, use: (): void => undefined, identify: (): string[] => [] };
}

/**
 * The exception classes of the real SDK packages, loaded on first use (a synchronous require:
 * a module's exports are read when it is evaluated, and the package is large, ~200 ms, so a run
 * whose handlers never touch DynamoDB does not load it). Handler code that catches
 * `ConditionalCheckFailedException` gets exactly the SDK's class, so `instanceof` works as on AWS.
 */
const requireSdk = createRequire(import.meta.url);
const exceptionPackages: Readonly<Record<string, string>> = { dynamodb: '@aws-sdk/client-dynamodb', 'dynamodb-document': '@aws-sdk/client-dynamodb' };
const exceptionNames: Readonly<Record<string, readonly string[]>> = {
  '@aws-sdk/client-dynamodb': ['ConditionalCheckFailedException', 'ResourceNotFoundException'],
};

type SdkExceptionClass = new (options: { message: string; $metadata: Record<string, never> } & Record<string, unknown>) => Error;

function sdkException(packageName: string, name: string): SdkExceptionClass {
  return (requireSdk(packageName) as Record<string, SdkExceptionClass>)[name] as SdkExceptionClass;
}

/** The error the SDK would throw for `error`: its own class when the package has one. */
function asSdkError(service: string, error: unknown): unknown {
  if (!(error instanceof AwsServiceError)) return error;
  const packageName = exceptionPackages[service];
  if (packageName === undefined || !(exceptionNames[packageName] ?? []).includes(error.name)) return error;
  return new (sdkException(packageName, error.name))({ message: error.message, $metadata: {}, ...error.details });
}

class SimulatedClient {
  readonly middlewareStack = middlewareStack();

  constructor(
    private readonly service: string,
    readonly config: unknown = {},
  ) {}

  async send(command: SimCommand): Promise<unknown> {
    const name = (command.constructor as { commandName?: string }).commandName;
    if (name === undefined) throw new Error('flowc sim: this command is not one the simulator knows');
    try {
      return currentDispatcher().dispatch(this.service, name, command.input);
    } catch (error) {
      throw asSdkError(this.service, error);
    }
  }

  destroy(): void {}
}

function client(service: string) {
  return class extends SimulatedClient {
    constructor(config?: unknown) {
      super(service, config);
    }
  };
}

function command(commandName: string) {
  return class {
    static readonly commandName = commandName;
    readonly middlewareStack = middlewareStack();
    constructor(readonly input: Readonly<Record<string, unknown>>) {}
  };
}

/** The exception classes of a package as lazily read exports (see sdkException). */
function withExceptions(packageName: string, exports: Record<string, unknown>): Readonly<Record<string, unknown>> {
  for (const name of exceptionNames[packageName] ?? []) {
    Object.defineProperty(exports, name, { enumerable: true, get: () => sdkException(packageName, name) });
  }
  return exports;
}

const DynamoDBClient = client('dynamodb');

/** `DynamoDBDocumentClient.from(client)`: the same table operations with plain JavaScript values. */
class DynamoDBDocumentClient extends SimulatedClient {
  static from(_client: unknown, translateConfig?: unknown): DynamoDBDocumentClient {
    return new DynamoDBDocumentClient(translateConfig);
  }

  constructor(config?: unknown) {
    super('dynamodb-document', config);
  }
}

/** Every simulated package, by name, with the names it exports. */
export const SDK_MODULES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  '@aws-sdk/client-sqs': {
    SQSClient: client('sqs'),
    SendMessageCommand: command('SendMessage'),
    SendMessageBatchCommand: command('SendMessageBatch'),
  },
  '@aws-sdk/client-sns': {
    SNSClient: client('sns'),
    PublishCommand: command('Publish'),
    PublishBatchCommand: command('PublishBatch'),
  },
  '@aws-sdk/client-eventbridge': {
    EventBridgeClient: client('eventbridge'),
    PutEventsCommand: command('PutEvents'),
  },
  '@aws-sdk/client-kinesis': {
    KinesisClient: client('kinesis'),
    PutRecordCommand: command('PutRecord'),
    PutRecordsCommand: command('PutRecords'),
  },
  '@aws-sdk/client-dynamodb': withExceptions('@aws-sdk/client-dynamodb', {
    DynamoDBClient,
    PutItemCommand: command('PutItem'),
    GetItemCommand: command('GetItem'),
    DeleteItemCommand: command('DeleteItem'),
    UpdateItemCommand: command('UpdateItem'),
    QueryCommand: command('Query'),
    BatchGetItemCommand: command('BatchGetItem'),
    BatchWriteItemCommand: command('BatchWriteItem'),
  }),
  '@aws-sdk/client-s3': {
    S3Client: client('s3'),
    PutObjectCommand: command('PutObject'),
    GetObjectCommand: command('GetObject'),
    HeadObjectCommand: command('HeadObject'),
    DeleteObjectCommand: command('DeleteObject'),
    ListObjectsV2Command: command('ListObjectsV2'),
  },
  '@aws-sdk/lib-dynamodb': {
    DynamoDBDocumentClient,
    PutCommand: command('PutItem'),
    GetCommand: command('GetItem'),
    DeleteCommand: command('DeleteItem'),
    UpdateCommand: command('UpdateItem'),
    QueryCommand: command('Query'),
    BatchGetCommand: command('BatchGetItem'),
    BatchWriteCommand: command('BatchWriteItem'),
  },
};
