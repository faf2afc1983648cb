import { defaultRuntime, eventBridge, eventSourceMapping, kinesis, lambda, type Range, scheduler, sqs } from '../../runtime/aws/limits.js';
import type { ExistingKind } from '../../runtime/aws/arns.js';
import { s3EventTypesIntersect, s3EventWords } from '../../runtime/aws/s3.js';
import type { Code } from '../diagnostics/codes.js';
import type { DurationUnit } from './units.js';

/** What a name in a .flow file can refer to. */
export type { DeclarationKind } from '../kinds/registry.js';
import type { DeclarationKind } from '../kinds/registry.js';

/** The form a setting's value must have. Ranges and cross-setting rules are AWS rules (FL4xxx), checked later. */
export type ValueSpec =
  | { readonly type: 'int' }
  | { readonly type: 'number' }
  | { readonly type: 'bool' }
  | { readonly type: 'duration' }
  | { readonly type: 'string' }
  /** One of a fixed set of words (`start = latest`). */
  | { readonly type: 'word'; readonly words: readonly string[] }
  /** A declaration of one of these kinds (`dlq = payouts_dead`). */
  | { readonly type: 'ref'; readonly kinds: readonly DeclarationKind[] }
  /** A list of declarations (`sends = [a, b]`). */
  | { readonly type: 'refs'; readonly kinds: readonly DeclarationKind[] }
  /** A field path of the message type (`group = order`, `key = customer.id`). */
  | { readonly type: 'field' }
  /** `content`, or a field path. */
  | { readonly type: 'dedupe' }
  /** A Lambda runtime identifier, `nodejs24.x` or `"nodejs24.x"`. */
  | { readonly type: 'runtime' }
  /**
   * A block of environment variables: `NAME = "value"` (strings, numbers or booleans), or a
   * value read from elsewhere: `ssm("/name")` (an SSM String parameter) or `secret("name")` (a
   * Secrets Manager secret).
   */
  | { readonly type: 'env' }
  /** A block of tags: `team = "payments"`, `"cost-center" = "42"` (a key that is not a name is quoted). */
  | { readonly type: 'tags' }
  /**
   * A content pattern (`match { source = "shop", detail { total = numeric(> 100) } }`):
   * `compiler/resolve/pattern.ts`. `aliases` rename top-level keys to the event's field names
   * (`detail_type` → `detail-type`).
   */
  | { readonly type: 'pattern'; readonly aliases?: Readonly<Record<string, string>> }
  /** An ISO-8601 timestamp string. */
  | { readonly type: 'timestamp' }
  /** A list of strings (`cors = ["https://shop.example"]`); one string is a list of one. */
  | { readonly type: 'strings' }
  /**
   * A list of S3 event words (`events = [created, removed]`): each word's S3 event type, and
   * whether two types can match the same event (runtime/aws/s3.ts).
   */
  | { readonly type: 'events'; readonly words: Readonly<Record<string, string>>; readonly intersect: (a: string, b: string) => boolean }
  /** A constant JSON value: strings, numbers, booleans, lists and blocks (`input = { source = "heartbeat" }`). */
  | { readonly type: 'json' }
  /** The ARN of an existing resource of the kind, in a string (runtime/aws/arns.ts `parseExistingArn`; FL2030, FL2031). */
  | { readonly type: 'arn'; readonly kind: ExistingKind };

/** An AWS range that a setting's value must fall in, reported under `code` by the range rules. */
export interface RangeRegistration {
  readonly code: Code;
  readonly range: Range;
  /** Values outside the range that AWS accepts as special (-1 for "no limit"). */
  readonly also?: readonly number[];
  /** Edge settings: the kinds of edge this range applies to (all of the setting's, if absent). */
  readonly edges?: readonly EdgeKindName[];
  /** The AWS property, for the message, when it differs from the setting's. */
  readonly property?: string;
  /**
   * What AWS does with an out-of-range value, quoted where AWS says it; given the value. Absent
   * when the rule of `code` words its own message (FL4028's retention in hours).
   */
  readonly why?: (value: number) => string;
}

/** The kinds of edge (`resolve/program.ts` `EdgeKind`), named here so the schema can say where an edge setting applies. */
export type { EdgeKind as EdgeKindName } from '../kinds/kind.js';
import type { EdgeKind as EdgeKindName } from '../kinds/kind.js';

/** A default that depends on the kind of edge (`batch` is 10 on an SQS trigger, 100 on a stream). */
export interface EdgeDefault<V> {
  readonly byEdge: Readonly<Partial<Record<EdgeKindName, V>>>;
  readonly otherwise: V;
}

export interface SettingSpec {
  readonly value: ValueSpec;
  /** One line for hovers, `flowc explain` and the docs. */
  readonly doc: string;
  /** The field of the elaborated model this setting fills (`compiler/elaborate/`). */
  readonly field: string;
  /** Durations: the unit of the AWS property it feeds; a duration that does not divide into it is FL4003. */
  readonly unit?: DurationUnit;
  /**
   * The effective value when the setting is not written: a value, `null` for "none", or one per
   * kind of edge. Function settings with `inherit` take the app's setting first.
   */
  readonly default?: unknown;
  /** Function settings: the app's setting of the same name is the default. */
  readonly inherit?: 'app';
  /** The AWS property it feeds, `Type.Property`. */
  readonly property?: string;
  /** Edge settings: the kinds of edge that take it (FL4006 for the others). */
  readonly edges?: readonly EdgeKindName[];
  /** The AWS ranges of its value, each reported under its own stable code. */
  readonly ranges?: readonly RangeRegistration[];
}

/**
 * Where a settings block can appear. A `stage` block takes the deploy settings of `stage`
 * below and every setting of `app` (`stageSettingNames`), which override the app's on that stage.
 */
export type SettingsContext = 'app' | 'stage' | DeclarationKind | 'edge';

const int = { type: 'int' } as const;
const bool = { type: 'bool' } as const;
const duration = { type: 'duration' } as const;
const str = { type: 'string' } as const;
const field = { type: 'field' } as const;
const tags = { type: 'tags' } as const;
const strings = { type: 'strings' } as const;
const word = <const W extends readonly string[]>(...words: W) => ({ type: 'word', words }) as const;
/** `arn = "…"` on a queue, topic, bus, stream or table: it exists outside the stack (docs/language.md "Existing resources"). */
const existing = (kind: ExistingKind, noun: string) =>
  ({ value: { type: 'arn', kind }, doc: `the ARN of an existing ${noun}: nothing is created, references and IAM use the ARN`, field: 'existing', default: null }) as const;
const byEdge = <const V, const O>(values: Readonly<Partial<Record<EdgeKindName, V>>>, otherwise: O): EdgeDefault<V | O> => ({ byEdge: values, otherwise });

export const runtimeSetting = { value: { type: 'runtime' }, doc: 'Lambda runtime, e.g. `nodejs24.x`', field: 'runtime' } as const;

const triggers = ['queue-trigger', 'stream-trigger', 'table-trigger'] as const;
const streamTriggers = ['stream-trigger', 'table-trigger'] as const;
const queueSchemaFailure = 'CloudFormation checks the queue against the AWS::SQS::Queue schema and fails the stack.';
const functionMemoryWhy = () =>
  'A Lambda function has 128 MB to 10,240 MB of memory (MemorySize), in 1-MB steps; CPU grows with it. CreateFunction refuses other values for standard functions (only Lambda Managed Instances go up to 32,768 MB, and flowc does not deploy those), so CloudFormation fails the stack.';
const functionTimeoutWhy = () =>
  'A Lambda function runs for 1 second to 15 minutes (Timeout 1–900). CreateFunction refuses any other value, so CloudFormation fails the stack with a "failed to satisfy constraint" validation error. Work that takes longer than 15 minutes has to be split into steps.';
const memoryRange: RangeRegistration = { code: 'FL4035', range: lambda.memoryMb, why: functionMemoryWhy };
const timeoutRange: RangeRegistration = { code: 'FL4034', range: lambda.timeoutSeconds, why: functionTimeoutWhy };

/**
 * Every setting of the language, by where it may appear, and everything flowc knows about it:
 * its form, the model field it fills, its unit, default, AWS property and ranges. Edge settings
 * are one table for all edge kinds (`edges` says which take each), so that `parallel` on a queue
 * edge gets an explanation (FL4006) rather than "unknown setting".
 */
export const settingSpecs = {
  app: {
    runtime: { ...runtimeSetting, doc: 'default Lambda runtime of every function', default: defaultRuntime, property: 'AWS::Lambda::Function.Runtime' },
    memory: { value: int, doc: 'default function memory in MB', field: 'memoryMb', default: lambda.memoryMbDefault, property: 'AWS::Lambda::Function.MemorySize', ranges: [memoryRange] },
    timeout: { value: duration, doc: 'default function timeout', field: 'timeoutSeconds', unit: 'seconds', default: lambda.timeoutSecondsDefault, property: 'AWS::Lambda::Function.Timeout', ranges: [timeoutRange] },
    architecture: { value: word('arm64', 'x86_64'), doc: 'default instruction set', field: 'architecture', default: 'arm64', property: 'AWS::Lambda::Function.Architectures' },
    handlers: { value: str, doc: 'folder of the handler sources, relative to the .flow file (default `handlers`)', field: 'handlersFolder', default: 'handlers' },
    permissions_boundary: { value: str, doc: 'ARN of the IAM managed policy set as the permissions boundary of every role (PermissionsBoundary)', field: 'permissionsBoundary', default: null, property: 'AWS::IAM::Role.PermissionsBoundary' },
    role_path: { value: str, doc: 'IAM path of every role, `/` or `/…/` (Path)', field: 'rolePath', default: null, property: 'AWS::IAM::Role.Path' },
    tags: { value: tags, doc: 'tags of the stack and of every resource that takes tags (Tags)', field: 'tags', default: {}, property: 'Tags' },
  },
  // The deploy settings of a stage: where `flowc deploy --stage NAME` deploys, each the default
  // of its command-line option (which overrides it and says so). FL4052–FL4054 check them.
  stage: {
    region: { value: str, doc: 'the AWS Region the stage deploys to (`--region`)', field: 'region', default: null },
    account: { value: str, doc: 'the AWS account id of the stage: deploy refuses credentials of any other, asking STS first (`--account`)', field: 'account', default: null },
    bucket: { value: str, doc: 'the S3 bucket of the deployment assets (`--bucket`)', field: 'bucket', default: null },
    profile: { value: str, doc: 'the AWS profile deploy uses (`--profile`)', field: 'profile', default: null },
    stack: { value: str, doc: 'the stack the stage deploys to (`--stack`; default `<app>-<stage>`)', field: 'stackName', default: null, property: 'AWS::CloudFormation::Stack' },
  },
  fn: {
    memory: { value: int, doc: 'memory in MB (MemorySize)', field: 'memoryMb', inherit: 'app', default: lambda.memoryMbDefault, property: 'AWS::Lambda::Function.MemorySize', ranges: [memoryRange] },
    timeout: { value: duration, doc: 'timeout, whole seconds (Timeout)', field: 'timeoutSeconds', unit: 'seconds', inherit: 'app', default: lambda.timeoutSecondsDefault, property: 'AWS::Lambda::Function.Timeout', ranges: [timeoutRange] },
    runtime: { ...runtimeSetting, inherit: 'app', default: defaultRuntime, property: 'AWS::Lambda::Function.Runtime' },
    architecture: { value: word('arm64', 'x86_64'), doc: 'instruction set (Architectures)', field: 'architecture', inherit: 'app', default: 'arm64', property: 'AWS::Lambda::Function.Architectures' },
    handler: { value: str, doc: 'handler source file, relative to the .flow file (default `handlers/<fn>.ts`)', field: 'handler', default: null },
    retries: {
      value: int,
      doc: 'retries after a failed asynchronous invocation, 0–2 (MaximumRetryAttempts)',
      field: 'asyncRetryAttempts',
      default: lambda.asyncRetryAttemptsDefault,
      property: 'AWS::Lambda::EventInvokeConfig.MaximumRetryAttempts',
      ranges: [
        {
          code: 'FL4001',
          range: lambda.asyncRetryAttempts,
          why: (value: number) =>
            `Lambda retries a failed asynchronous invocation at most twice (3 attempts in all). CloudFormation fails the stack: "Value '${value}' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value ${value < lambda.asyncRetryAttempts.min ? `greater than or equal to ${lambda.asyncRetryAttempts.min}` : `less than or equal to ${lambda.asyncRetryAttempts.max}`}".`,
        },
      ],
    },
    max_age: {
      value: duration,
      doc: 'how long an asynchronous event may wait, 1m–6h (MaximumEventAgeInSeconds)',
      field: 'asyncMaxEventAgeSeconds',
      unit: 'seconds',
      default: lambda.asyncMaxEventAgeSecondsDefault,
      property: 'AWS::Lambda::EventInvokeConfig.MaximumEventAgeInSeconds',
      ranges: [
        {
          code: 'FL4002',
          range: lambda.asyncMaxEventAgeSeconds,
          why: () =>
            'Lambda keeps an asynchronous event in its queue for 1 minute to 6 hours (MaximumEventAgeInSeconds 60–21600). PutFunctionEventInvokeConfig refuses any other value, so CloudFormation fails the stack with a "failed to satisfy constraint" validation error.',
        },
      ],
    },
    concurrency: { value: int, doc: 'reserved concurrency (ReservedConcurrentExecutions)', field: 'reservedConcurrency', default: null, property: 'AWS::Lambda::Function.ReservedConcurrentExecutions' },
    env: { value: { type: 'env' }, doc: 'environment variables', field: 'environment', default: {}, property: 'AWS::Lambda::Function.Environment' },
    sends: { value: { type: 'refs', kinds: ['queue', 'topic', 'bus', 'stream', 'table', 'bucket'] }, doc: 'what the function writes to from its own code', field: 'sends', default: [] },
    recursion: { value: word('terminate', 'allow'), doc: 'whether Lambda stops recursive loops (RecursiveLoop)', field: 'recursiveLoop', default: 'terminate', property: 'AWS::Lambda::Function.RecursiveLoop' },
    idempotency: { value: { type: 'ref', kinds: ['table'] }, doc: 'the table of the function\'s idempotency records (`fn.idempotency(…)` of flowc/runtime)', field: 'idempotencyTable', default: null },
    validate: { value: bool, doc: 'the generated helper checks each payload against its type before the handler sees it (default true; false for hot paths)', field: 'validatePayloads', default: true },
    tags: { value: tags, doc: 'tags of this declaration\'s resources, merged key by key over the app\'s (Tags)', field: 'tags', default: {}, property: 'Tags' },
  },
  queue: {
    arn: existing('queue', 'queue'),
    fifo: { value: bool, doc: 'a FIFO queue (`.fifo` name, ordered per message group)', field: 'fifo', default: false, property: 'AWS::SQS::Queue.FifoQueue' },
    group: { value: field, doc: 'FIFO: the message field used as MessageGroupId', field: 'groupBy', default: null },
    dedupe: { value: { type: 'dedupe' }, doc: 'FIFO: `content` (SHA-256 of the body) or the field used as MessageDeduplicationId', field: 'deduplication', default: null, property: 'AWS::SQS::Queue.ContentBasedDeduplication' },
    dedupe_scope: { value: word('queue', 'group'), doc: 'FIFO: deduplicate per queue or per message group (DeduplicationScope)', field: 'deduplicationScope', default: 'queue', property: 'AWS::SQS::Queue.DeduplicationScope' },
    throughput: { value: word('per_queue', 'per_group'), doc: 'FIFO: throughput limit scope (FifoThroughputLimit)', field: 'throughputLimit', default: 'per_queue', property: 'AWS::SQS::Queue.FifoThroughputLimit' },
    visibility: {
      value: duration,
      doc: 'visibility timeout, 0s–12h',
      field: 'visibilityTimeoutSeconds',
      unit: 'seconds',
      default: sqs.visibilityTimeoutSecondsDefault,
      property: 'AWS::SQS::Queue.VisibilityTimeout',
      ranges: [{ code: 'FL4023', range: sqs.visibilityTimeoutSeconds, why: () => `A message received from SQS stays hidden for 0 seconds to 12 hours (VisibilityTimeout 0–43200). ${queueSchemaFailure}` }],
    },
    retention: {
      value: duration,
      doc: 'message retention, 1m–14d',
      field: 'messageRetentionSeconds',
      unit: 'seconds',
      default: sqs.messageRetentionSecondsDefault,
      property: 'AWS::SQS::Queue.MessageRetentionPeriod',
      ranges: [{ code: 'FL4023', range: sqs.messageRetentionSeconds, why: () => `SQS keeps a message for 1 minute to 14 days (MessageRetentionPeriod 60–1209600). ${queueSchemaFailure}` }],
    },
    delay: {
      value: duration,
      doc: 'delivery delay, 0s–15m',
      field: 'delaySeconds',
      unit: 'seconds',
      default: sqs.delaySecondsDefault,
      property: 'AWS::SQS::Queue.DelaySeconds',
      ranges: [{ code: 'FL4023', range: sqs.delaySeconds, why: () => `SQS delays the delivery of new messages by 0 to 15 minutes (DelaySeconds 0–900). ${queueSchemaFailure}` }],
    },
    max_size: {
      value: int,
      doc: 'maximum message size in bytes, 1024–1048576',
      field: 'maximumMessageBytes',
      default: sqs.maximumMessageBytesDefault,
      property: 'AWS::SQS::Queue.MaximumMessageSize',
      ranges: [{ code: 'FL4023', range: sqs.maximumMessageBytes, why: () => `An SQS message is 1,024 bytes to 1 MiB at most (MaximumMessageSize 1024–1048576). ${queueSchemaFailure}` }],
    },
    wait: {
      value: duration,
      doc: 'long-poll wait, 0s–20s (ReceiveMessageWaitTimeSeconds)',
      field: 'receiveWaitSeconds',
      unit: 'seconds',
      default: sqs.receiveWaitSecondsDefault,
      property: 'AWS::SQS::Queue.ReceiveMessageWaitTimeSeconds',
      ranges: [{ code: 'FL4023', range: sqs.receiveWaitSeconds, why: () => `A long poll waits 0 to 20 seconds for messages (ReceiveMessageWaitTimeSeconds 0–20). ${queueSchemaFailure}` }],
    },
    dlq: { value: { type: 'ref', kinds: ['queue'] }, doc: 'dead-letter queue (RedrivePolicy)', field: 'deadLetterQueue', default: null, property: 'AWS::SQS::Queue.RedrivePolicy' },
    max_receives: {
      value: int,
      doc: 'receives before a message moves to the DLQ, 1–1000',
      field: 'maxReceiveCount',
      default: sqs.maxReceiveCountDefault,
      property: 'AWS::SQS::Queue.RedrivePolicy',
      ranges: [
        {
          code: 'FL4019',
          range: sqs.maxReceiveCount,
          property: 'maxReceiveCount',
          why: () => 'The redrive policy of a queue moves a message to its dead-letter queue after 1 to 1,000 receives (maxReceiveCount); SQS refuses any other value and the stack fails.',
        },
      ],
    },
    retain: { value: bool, doc: 'keep the queue when it leaves the stack (default true)', field: 'retain', default: true, property: 'DeletionPolicy' },
    tags: { value: tags, doc: 'tags of this declaration\'s resources, merged key by key over the app\'s (Tags)', field: 'tags', default: {}, property: 'Tags' },
  },
  topic: {
    arn: existing('topic', 'topic'),
    fifo: { value: bool, doc: 'a FIFO topic (`.fifo` name)', field: 'fifo', default: false, property: 'AWS::SNS::Topic.FifoTopic' },
    group: { value: field, doc: 'FIFO: the message field used as MessageGroupId', field: 'groupBy', default: null },
    dedupe: { value: { type: 'dedupe' }, doc: 'FIFO: `content` or the field used as MessageDeduplicationId', field: 'deduplication', default: null, property: 'AWS::SNS::Topic.ContentBasedDeduplication' },
    tags: { value: tags, doc: 'tags of this declaration\'s resources, merged key by key over the app\'s (Tags)', field: 'tags', default: {}, property: 'Tags' },
  },
  bus: {
    arn: existing('bus', 'event bus'),
    tags: { value: tags, doc: 'tags of this declaration\'s resources, merged key by key over the app\'s (Tags)', field: 'tags', default: {}, property: 'Tags' },
  },
  api: {
    cors: { value: strings, doc: 'origins a browser may call the API from, `scheme://host[:port]` or `*` (CorsConfiguration.AllowOrigins)', field: 'corsOrigins', default: [], property: 'AWS::ApiGatewayV2::Api.CorsConfiguration' },
    tags: { value: tags, doc: 'tags of this declaration\'s resources, merged key by key over the app\'s (Tags)', field: 'tags', default: {}, property: 'Tags' },
  },
  stream: {
    arn: existing('stream', 'Kinesis stream'),
    shards: {
      value: int,
      doc: 'shard count (provisioned mode)',
      field: 'shardCount',
      default: kinesis.shardCountDefault,
      property: 'AWS::Kinesis::Stream.ShardCount',
      ranges: [
        {
          code: 'FL4028',
          range: kinesis.shardCount,
          why: () => 'A provisioned Kinesis stream has at least one shard (ShardCount ≥ 1); CloudFormation refuses the stream otherwise. Your account\'s shard quota may be lower than the schema maximum of 100,000.',
        },
      ],
    },
    partition: { value: field, doc: 'the message field used as partition key', field: 'partitionKey', default: null },
    // FL4028 words the retention message itself, in hours.
    retention: { value: duration, doc: 'retention, whole hours, 24h–365d', field: 'retentionHours', unit: 'hours', default: kinesis.retentionHoursDefault, property: 'AWS::Kinesis::Stream.RetentionPeriodHours', ranges: [{ code: 'FL4028', range: kinesis.retentionHours }] },
    mode: { value: word('provisioned', 'on_demand'), doc: 'capacity mode', field: 'capacityMode', default: 'provisioned', property: 'AWS::Kinesis::Stream.StreamModeDetails' },
    retain: { value: bool, doc: 'keep the stream when it leaves the stack (default true)', field: 'retain', default: true, property: 'DeletionPolicy' },
    tags: { value: tags, doc: 'tags of this declaration\'s resources, merged key by key over the app\'s (Tags)', field: 'tags', default: {}, property: 'Tags' },
  },
  table: {
    arn: existing('table', 'table (its stream\'s ARN, `…:table/NAME/stream/LABEL`, when it triggers a function)'),
    key: { value: field, doc: 'partition key field', field: 'partitionKey', default: null, property: 'AWS::DynamoDB::Table.KeySchema' },
    sort: { value: field, doc: 'sort key field', field: 'sortKey', default: null, property: 'AWS::DynamoDB::Table.KeySchema' },
    stream: { value: word('new_and_old', 'new', 'old', 'keys'), doc: 'enable the table stream with this view type', field: 'streamView', default: null, property: 'AWS::DynamoDB::Table.StreamSpecification' },
    retain: { value: bool, doc: 'keep the table when it leaves the stack (default true)', field: 'retain', default: true, property: 'DeletionPolicy' },
    ttl: { value: field, doc: 'the number field, in Unix seconds, by which DynamoDB deletes expired items (TimeToLiveSpecification)', field: 'ttlAttribute', default: null, property: 'AWS::DynamoDB::Table.TimeToLiveSpecification' },
    tags: { value: tags, doc: 'tags of this declaration\'s resources, merged key by key over the app\'s (Tags)', field: 'tags', default: {}, property: 'Tags' },
  },
  bucket: {
    versioned: { value: bool, doc: 'keep every version of each object (VersioningConfiguration)', field: 'versioned', default: false, property: 'AWS::S3::Bucket.VersioningConfiguration' },
    retain: { value: bool, doc: 'keep the bucket when it leaves the stack (default true)', field: 'retain', default: true, property: 'DeletionPolicy' },
    tags: { value: tags, doc: 'tags of this declaration\'s resources, merged key by key over the app\'s (Tags)', field: 'tags', default: {}, property: 'Tags' },
  },
  // EventBridge Scheduler: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html
  schedule: {
    every: { value: duration, doc: 'a rate, whole minutes, 1m at least (ScheduleExpression `rate(…)`)', field: 'rateSeconds', unit: 'seconds', default: null, property: 'AWS::Scheduler::Schedule.ScheduleExpression' },
    cron: { value: str, doc: 'six cron fields, `minutes hours day-of-month month day-of-week year` (ScheduleExpression `cron(…)`)', field: 'cron', default: null, property: 'AWS::Scheduler::Schedule.ScheduleExpression' },
    timezone: { value: str, doc: 'the IANA time zone a cron is evaluated in, e.g. `"Europe/Berlin"` (ScheduleExpressionTimezone; default UTC)', field: 'timezone', default: null, property: 'AWS::Scheduler::Schedule.ScheduleExpressionTimezone' },
    input: { value: { type: 'json' }, doc: "the constant payload, checked against the schedule's type (Target.Input)", field: 'input', default: null, property: 'AWS::Scheduler::Schedule.Target' },
    retries: {
      value: int,
      doc: 'retries of a failed delivery to the target, 0–185 (RetryPolicy.MaximumRetryAttempts)',
      field: 'retryAttempts',
      default: scheduler.retryAttemptsDefault,
      property: 'AWS::Scheduler::Schedule.Target',
      ranges: [{ code: 'FL4064', range: scheduler.retryAttempts, property: 'RetryPolicy.MaximumRetryAttempts', why: () => 'Scheduler retries delivering an invocation to its target 0 to 185 times (Target.RetryPolicy.MaximumRetryAttempts, default 185); CloudFormation refuses the schedule outside that range.' }],
    },
    max_age: {
      value: duration,
      doc: 'how long Scheduler keeps retrying an undelivered invocation, 1m–24h (RetryPolicy.MaximumEventAgeInSeconds)',
      field: 'maximumEventAgeSeconds',
      unit: 'seconds',
      default: scheduler.maximumEventAgeSecondsDefault,
      property: 'AWS::Scheduler::Schedule.Target',
      ranges: [{ code: 'FL4065', range: scheduler.maximumEventAgeSeconds, property: 'RetryPolicy.MaximumEventAgeInSeconds', why: () => 'Scheduler keeps retrying an undelivered invocation for 60 to 86,400 seconds (1 minute to 24 hours; Target.RetryPolicy.MaximumEventAgeInSeconds, default 86400); CloudFormation refuses the schedule outside that range.' }],
    },
    dlq: { value: { type: 'ref', kinds: ['queue'] }, doc: 'a standard queue for invocations Scheduler could not deliver (Target.DeadLetterConfig)', field: 'deadLetterQueue', default: null, property: 'AWS::Scheduler::Schedule.Target' },
    window: {
      value: duration,
      doc: 'flexible time window, whole minutes, 1m–1440m: Scheduler invokes within it (FlexibleTimeWindow)',
      field: 'flexibleWindowMinutes',
      unit: 'minutes',
      default: null,
      property: 'AWS::Scheduler::Schedule.FlexibleTimeWindow',
      ranges: [{ code: 'FL4066', range: scheduler.flexibleWindowMinutes, property: 'FlexibleTimeWindow.MaximumWindowInMinutes', why: () => 'A flexible time window is 1 to 1,440 minutes (FlexibleTimeWindow.MaximumWindowInMinutes); CloudFormation refuses the schedule outside that range. Leave `window` out for an invocation at the scheduled time (Mode OFF).' }],
    },
    state: { value: word('enabled', 'disabled'), doc: 'whether the schedule runs (State; default enabled)', field: 'state', default: 'enabled', property: 'AWS::Scheduler::Schedule.State' },
    tags: { value: tags, doc: 'tags of its role, merged key by key over the app\'s (a Scheduler schedule itself takes none)', field: 'tags', default: {}, property: 'Tags' },
  },
  edge: {
    batch: {
      value: int,
      doc: 'records per invocation (BatchSize)',
      field: 'batchSize',
      edges: triggers,
      default: byEdge({ 'queue-trigger': eventSourceMapping.sqsBatchSizeDefault, 'stream-trigger': eventSourceMapping.streamBatchSizeDefault, 'table-trigger': eventSourceMapping.streamBatchSizeDefault }, null),
      property: 'AWS::Lambda::EventSourceMapping.BatchSize',
      ranges: [
        {
          code: 'FL4010',
          range: eventSourceMapping.batchSize,
          why: () => 'An event source mapping takes 1 to 10,000 records per invocation (BatchSize); Lambda refuses any other value at deploy. A batch is also cut short at 6 MB, the limit of a synchronous invocation.',
        },
      ],
    },
    window: {
      value: duration,
      doc: 'batching window, 0s–5m (MaximumBatchingWindowInSeconds)',
      field: 'batchingWindowSeconds',
      unit: 'seconds',
      edges: triggers,
      default: 0,
      property: 'AWS::Lambda::EventSourceMapping.MaximumBatchingWindowInSeconds',
      ranges: [
        {
          code: 'FL4011',
          range: eventSourceMapping.batchingWindowSeconds,
          why: () => 'Lambda waits at most 300 seconds to fill a batch (MaximumBatchingWindowInSeconds 0–300) and refuses a longer window at deploy.',
        },
      ],
    },
    parallel: {
      value: int,
      doc: 'streams: concurrent batches per shard, 1–10 (ParallelizationFactor)',
      field: 'parallelizationFactor',
      edges: streamTriggers,
      default: 1,
      property: 'AWS::Lambda::EventSourceMapping.ParallelizationFactor',
      ranges: [
        {
          code: 'FL4013',
          range: eventSourceMapping.parallelizationFactor,
          why: () => 'ParallelizationFactor is the number of batches of one shard that Lambda processes at once, 1 to 10; CloudFormation refuses the event source mapping outside that range. Records with the same partition key are still processed in order.',
        },
      ],
    },
    retries: {
      value: int,
      doc: 'streams: retries of a failed batch (MaximumRetryAttempts); rules: target retries',
      field: 'retryAttempts',
      edges: [...streamTriggers, 'rule'],
      // -1: Lambda retries a stream batch until its records expire; a rule target without
      // `retries` keeps EventBridge's own policy (no RetryPolicy property).
      default: byEdge({ 'stream-trigger': -1, 'table-trigger': -1 }, null),
      property: 'AWS::Lambda::EventSourceMapping.MaximumRetryAttempts',
      ranges: [
        {
          code: 'FL4014',
          edges: streamTriggers,
          range: { min: 0, max: eventSourceMapping.maximumRetryAttempts.max },
          also: [eventSourceMapping.maximumRetryAttempts.min],
          property: 'MaximumRetryAttempts',
          why: () => 'MaximumRetryAttempts of a stream event source mapping is -1 (retry until the record expires, the AWS default) or 0 to 10,000; CloudFormation refuses the mapping outside that range.',
        },
        {
          code: 'FL4039',
          edges: ['rule'],
          range: eventBridge.targetRetryAttempts,
          property: 'RetryPolicy.MaximumRetryAttempts',
          why: () => 'EventBridge retries delivering an event to a target 0 to 185 times (Targets[].RetryPolicy.MaximumRetryAttempts); CloudFormation refuses the rule outside that range.',
        },
      ],
    },
    max_age: {
      value: duration,
      doc: 'streams: maximum record age (MaximumRecordAgeInSeconds); rules: target event age',
      field: 'maximumAgeSeconds',
      unit: 'seconds',
      edges: [...streamTriggers, 'rule'],
      default: byEdge({ 'stream-trigger': -1, 'table-trigger': -1 }, null),
      property: 'AWS::Lambda::EventSourceMapping.MaximumRecordAgeInSeconds',
      ranges: [
        {
          code: 'FL4015',
          edges: streamTriggers,
          range: eventSourceMapping.maximumRecordAgeSeconds,
          property: 'MaximumRecordAgeInSeconds',
          why: () =>
            'MaximumRecordAgeInSeconds is 60 to 604,800 seconds (1 minute to 7 days), or -1 for no limit (leave `max_age` out). AWS: "The minimum valid value … is 60s. Although values less than 60 and greater than -1 fall within the parameter\'s absolute range, they are not allowed". CloudFormation refuses the mapping.',
        },
        {
          code: 'FL4039',
          edges: ['rule'],
          range: eventBridge.targetMaxEventAgeSeconds,
          property: 'RetryPolicy.MaximumEventAgeInSeconds',
          why: () =>
            'EventBridge keeps retrying an undelivered event for 60 to 86,400 seconds (1 minute to 24 hours; Targets[].RetryPolicy.MaximumEventAgeInSeconds); CloudFormation refuses the rule outside that range.',
        },
      ],
    },
    bisect: { value: bool, doc: 'streams: split a failing batch in two (BisectBatchOnFunctionError)', field: 'bisectBatchOnFunctionError', edges: streamTriggers, default: false, property: 'AWS::Lambda::EventSourceMapping.BisectBatchOnFunctionError' },
    start: { value: word('latest', 'trim_horizon', 'at_timestamp'), doc: 'streams: where reading starts (StartingPosition)', field: 'startingPosition', edges: streamTriggers, default: null, property: 'AWS::Lambda::EventSourceMapping.StartingPosition' },
    start_at: { value: { type: 'timestamp' }, doc: 'Kinesis: the timestamp for `start = at_timestamp`', field: 'startingPositionTimestamp', edges: ['stream-trigger'], default: null, property: 'AWS::Lambda::EventSourceMapping.StartingPositionTimestamp' },
    on_failure: { value: { type: 'ref', kinds: ['queue', 'topic'] }, doc: 'streams: where discarded batches are described', field: 'onFailure', edges: streamTriggers, default: null, property: 'AWS::Lambda::EventSourceMapping.DestinationConfig' },
    report_failures: { value: bool, doc: 'the handler reports failed items (ReportBatchItemFailures)', field: 'reportBatchItemFailures', edges: triggers, default: false, property: 'AWS::Lambda::EventSourceMapping.FunctionResponseTypes' },
    concurrency: {
      value: int,
      doc: 'SQS: maximum concurrent invocations, 2–1000 (ScalingConfig)',
      field: 'maximumConcurrency',
      edges: ['queue-trigger'],
      default: null,
      property: 'AWS::Lambda::EventSourceMapping.ScalingConfig',
      ranges: [
        {
          code: 'FL4016',
          range: eventSourceMapping.maximumConcurrency,
          property: 'MaximumConcurrency',
          why: () =>
            'ScalingConfig.MaximumConcurrency caps the concurrent invocations of one SQS trigger between 2 and 1,000; Lambda refuses any other value at deploy. To stop the trigger, remove the edge; to limit the function everywhere, use its reserved `concurrency`.',
        },
      ],
    },
    // RawMessageDelivery is for SQS (and HTTP) subscribers only (https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html).
    raw: { value: bool, doc: 'topic → queue: raw message delivery (default true)', field: 'rawMessageDelivery', edges: ['subscription'], default: true, property: 'AWS::SNS::Subscription.RawMessageDelivery' },
    route: { value: str, doc: 'api → fn: the route, `METHOD /path` or `$default` (RouteKey)', field: 'routeKey', edges: ['route'], default: null, property: 'AWS::ApiGatewayV2::Route.RouteKey' },
    events: { value: { type: 'events', words: s3EventWords, intersect: s3EventTypesIntersect }, doc: 'bucket → target: the S3 events notified, e.g. `[created, removed]` (Event)', field: 'events', edges: ['notification'], default: ['created'], property: 'AWS::S3::Bucket.NotificationConfiguration' },
    prefix: { value: str, doc: 'bucket → target: only keys that start with this (Filter.S3Key prefix)', field: 'keyPrefix', edges: ['notification'], default: null, property: 'AWS::S3::Bucket.NotificationConfiguration' },
    suffix: { value: str, doc: 'bucket → target: only keys that end with this (Filter.S3Key suffix)', field: 'keySuffix', edges: ['notification'], default: null, property: 'AWS::S3::Bucket.NotificationConfiguration' },
    match: { value: { type: 'pattern', aliases: { detail_type: 'detail-type' } }, doc: 'bus → target: the EventBridge pattern of the rule', field: 'match', edges: ['rule'], default: null, property: 'AWS::Events::Rule.EventPattern' },
    // The pattern's fields are the payload's; flowc wraps them as each service reads its records (runtime/pattern/filters.ts).
    filter: {
      value: { type: 'pattern' },
      doc: 'triggers and topic subscriptions: only messages that match (FilterCriteria, FilterPolicy); an SQS trigger deletes the others',
      field: 'filter',
      edges: [...triggers, 'subscription'],
      default: null,
      property: 'AWS::Lambda::EventSourceMapping.FilterCriteria',
    },
  },
} as const satisfies Readonly<Record<SettingsContext, Readonly<Record<string, SettingSpec>>>>;

/**
 * The schema by name, for code that looks a written name up (resolve, hovers, completion).
 * Each context's table has no prototype: a written `constructor` or `toString` is a name the
 * schema does not have, not one of `Object.prototype`'s members.
 */
export const settingSchema: Readonly<Record<SettingsContext, Readonly<Record<string, SettingSpec>>>> = Object.fromEntries(
  Object.entries(settingSpecs).map(([context, specs]) => [context, Object.freeze(Object.assign(Object.create(null) as Record<string, SettingSpec>, specs))]),
) as Readonly<Record<string, Readonly<Record<string, SettingSpec>>>> as Readonly<Record<SettingsContext, Readonly<Record<string, SettingSpec>>>>;

/** Every setting a `stage` block takes besides declaration overrides: its deploy settings and all of the app's. */
export function stageSettingNames(): readonly string[] {
  return [...Object.keys(settingSchema.stage), ...Object.keys(settingSchema.app)];
}
