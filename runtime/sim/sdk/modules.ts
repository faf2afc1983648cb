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

class SimulatedClient {
  readonly middlewareStack = { add: (): void => undefined, use: (): void => undefined };

  constructor(
    private readonly service: string,
    readonly config: unknown = {},
  ) {}

  async send(command: SimCommand): Promise<unknown> {
    const name = (command.constructor as { commandName?: string }).commandName;
    if (name === undefined) throw new Error('flowc sim: this command is not one the simulator knows');
    return currentDispatcher().dispatch(this.service, name, command.input);
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
    readonly middlewareStack = { add: (): void => undefined, use: (): void => undefined };
    constructor(readonly input: Readonly<Record<string, unknown>>) {}
  };
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
  '@aws-sdk/client-dynamodb': {
    DynamoDBClient,
    PutItemCommand: command('PutItem'),
    GetItemCommand: command('GetItem'),
    DeleteItemCommand: command('DeleteItem'),
  },
  '@aws-sdk/lib-dynamodb': {
    DynamoDBDocumentClient,
    PutCommand: command('PutItem'),
    GetCommand: command('GetItem'),
    DeleteCommand: command('DeleteItem'),
  },
};
