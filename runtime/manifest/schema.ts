import type { PayloadType } from './types.js';

/**
 * The flow manifest: the one intermediate representation of a checked flow. The compiler's
 * `lower` phase writes it; the CloudFormation and TypeScript emitters and the simulator read
 * only this, never the AST. Every value is final: defaults applied, durations converted to the
 * unit of the AWS property they feed (the property name is in the field's comment), names and
 * arrays sorted, so the same flow always gives the same manifest.
 *
 * `runtime/` must not import `compiler/`, so source positions are plain `Origin` copies.
 */
export const MANIFEST_VERSION = 1 as const;

/** Where a manifest item was declared in the .flow file (1-based), to point failures back at it. */
export interface Origin {
  readonly line: number;
  readonly column: number;
}

/** A path into a record payload: `["customer", "id"]` for `customer.id`. */
export type FieldPath = readonly string[];

export interface FlowManifest {
  readonly manifestVersion: typeof MANIFEST_VERSION;
  /** `app NAME`: stack name and logical-id prefix. */
  readonly app: string;
  /**
   * The stage the app is built for (`--stage prod`): physical names become
   * `<app>-<stage>-<name>` (names.ts). Absent without a stage, so names stay `<app>-<name>`.
   */
  readonly stage?: string;
  /**
   * Where the stage deploys, as its `stage` block says (`region = "eu-west-1"`, …): the
   * defaults of `flowc deploy`'s options. Absent when the block sets none of them.
   */
  readonly deploy?: DeploySettings;
  /** The .flow file, as the user named it; origins are positions in it. */
  readonly source: string;
  /** Declared types by name, keys sorted. */
  readonly types: Readonly<Record<string, PayloadType>>;
  /** Where each declared type is declared (the generated module's doc comments point there). */
  readonly typeOrigins: Readonly<Record<string, Origin>>;
  /** Each list sorted by name. */
  readonly functions: readonly FunctionSpec[];
  readonly queues: readonly QueueSpec[];
  readonly topics: readonly TopicSpec[];
  readonly buses: readonly BusSpec[];
  readonly streams: readonly StreamSpec[];
  readonly tables: readonly TableSpec[];
  readonly apis: readonly ApiSpec[];
  readonly buckets: readonly BucketSpec[];
  readonly schedules: readonly ScheduleSpec[];
  /** In source order; ids are unique. */
  readonly edges: readonly EdgeSpec[];
  /** What applies to every IAM role the app's template creates (the app's `permissions_boundary` and `role_path`). */
  readonly roles: RoleSettings;
  /**
   * The app's `tags`, keys sorted: the stack's tags and those of every resource that takes tags.
   * Absent when the app has none, so manifests without tags stay as they were.
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * The tags of each declaration that sets its own `tags`: the app's with the declaration's
   * merged over them key by key, keys sorted, by declaration name. The declaration's resources
   * carry these instead of the app's. Absent when no declaration sets tags.
   */
  readonly declarationTags?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A stage's deploy settings; each absent when the stage block does not set it. */
export interface DeploySettings {
  readonly region?: string;
  /** The 12-digit AWS account id: deploy refuses credentials of another account (STS first). */
  readonly account?: string;
  readonly bucket?: string;
  readonly profile?: string;
  readonly stack?: string;
}

/** Settings of every IAM role of the app. */
export interface RoleSettings {
  /** The ARN of the managed policy set as each role's `PermissionsBoundary`; null for none. */
  readonly permissionsBoundary: string | null;
  /** Each role's `Path` (`/apps/`); null for IAM's default `/`. */
  readonly path: string | null;
}

export type ResourceKind = 'queue' | 'topic' | 'bus' | 'stream' | 'table' | 'api' | 'bucket' | 'schedule';

export interface FunctionSpec {
  readonly name: string;
  readonly origin: Origin;
  /** The payload of the events the function receives (without their envelopes). */
  readonly input: PayloadType;
  /** The declared result type; null when the function returns nothing of interest. */
  readonly output: PayloadType | null;
  /** `Runtime`, e.g. `nodejs24.x`. */
  readonly runtime: string;
  /** The handler source, relative to the .flow file's folder, e.g. `handlers/charge.ts`. */
  readonly handler: string;
  /** `MemorySize`. */
  readonly memoryMb: number;
  /** `Timeout`. */
  readonly timeoutSeconds: number;
  /** `Architectures[0]`. */
  readonly architecture: 'arm64' | 'x86_64';
  /** `Environment.Variables`, keys sorted: the values written in the .flow. */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * The variables whose value is read from SSM Parameter Store (`ssm("/name")`) or Secrets
   * Manager (`secret("name")`), sorted by variable; absent when there are none.
   */
  readonly parameters?: readonly ParameterReference[];
  /** `ReservedConcurrentExecutions`; null when not reserved. */
  readonly reservedConcurrency: number | null;
  /** `RecursiveLoop`. */
  readonly recursiveLoop: 'Terminate' | 'Allow';
  /**
   * `AWS::Lambda::EventInvokeConfig` values, present when the function has destinations or
   * sets `retries`/`max_age`. The destinations themselves are `destination` edges.
   */
  readonly asyncConfig: AsyncConfig | null;
  /** What the handler writes to from its own code (`sends`), sorted by name. */
  readonly sends: readonly SendTarget[];
  /** `idempotency = <table>`: the table of its idempotency records; null without one. */
  readonly idempotency: { readonly table: string } | null;
  /** `validate`: the generated helper checks each payload against its type (default true). */
  readonly validatePayloads: boolean;
}

/**
 * An environment variable whose value lives elsewhere. `ssm`: an SSM String parameter, resolved
 * by CloudFormation at deploy (a dynamic reference); `secret`: a Secrets Manager secret, read by
 * the handler at cold start, so that its value is never part of the function's configuration.
 */
export interface ParameterReference {
  readonly variable: string;
  readonly source: 'ssm' | 'secret';
  /** The parameter's name (`/shop/prod/db`) or the secret's name (`shop/api-key`). */
  readonly name: string;
}

/** A value of the `env` block as the model holds it: the text, or where to read it from. */
export type EnvValue = string | { readonly source: ParameterReference['source']; readonly name: string };

export interface AsyncConfig {
  /** `MaximumRetryAttempts`, 0–2. */
  readonly maximumRetryAttempts: number;
  /** `MaximumEventAgeInSeconds`, 60–21600. */
  readonly maximumEventAgeSeconds: number;
}

/** What a handler can write to from its own code (`sends`): not an HTTP API, which only calls functions, nor a schedule. */
export type SendKind = Exclude<ResourceKind, 'api' | 'schedule'>;

export interface SendTarget {
  readonly kind: SendKind;
  readonly name: string;
}

/**
 * `arn = "…"`: a resource that exists outside the stack. Nothing is created for it; every
 * reference, IAM statement and environment variable uses its ARN (runtime/aws/arns.ts
 * `resourceArnOf`), and the settings only its owner can set are absent (FL4091).
 */
export interface ExistingResource {
  /** The resource's ARN (a table's own, even when `arn` names its stream). */
  readonly arn: string;
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** Its name, from the ARN: the physical name it has (a FIFO one ends in `.fifo`). */
  readonly name: string;
  /** Tables: the stream's ARN, when `arn` is the stream's (`table/<name>/stream/<label>`). */
  readonly streamArn?: string;
}

export interface QueueSpec {
  readonly name: string;
  readonly origin: Origin;
  /** Present when the queue exists outside the stack (`arn = "…"`). */
  readonly existing?: ExistingResource;
  readonly fifo: boolean;
  /** The type of each message body (JSON). */
  readonly message: PayloadType;
  /** `VisibilityTimeout`. */
  readonly visibilityTimeoutSeconds: number;
  /** `MessageRetentionPeriod`. */
  readonly messageRetentionSeconds: number;
  /** `DelaySeconds`. */
  readonly delaySeconds: number;
  /** `MaximumMessageSize`. */
  readonly maximumMessageBytes: number;
  /** `ReceiveMessageWaitTimeSeconds`. */
  readonly receiveWaitSeconds: number;
  /** FIFO queues only. */
  readonly fifoSettings: FifoSettings | null;
  /** `RedrivePolicy`. */
  readonly redrive: Redrive | null;
  /** `DeletionPolicy`/`UpdateReplacePolicy: Retain`. */
  readonly retain: boolean;
}

export interface FifoSettings {
  /** The message field used as `MessageGroupId`; null when producers give it (e.g. a FIFO topic). */
  readonly groupBy: FieldPath | null;
  /** `content` (`ContentBasedDeduplication`, SHA-256 of the body), a field used as `MessageDeduplicationId`, or none. */
  readonly deduplication: Deduplication | null;
  /** `DeduplicationScope` (queues only). */
  readonly deduplicationScope: 'queue' | 'messageGroup';
  /** `FifoThroughputLimit` (queues only). */
  readonly throughputLimit: 'perQueue' | 'perMessageGroupId';
}

export type Deduplication = { readonly kind: 'content' } | { readonly kind: 'field'; readonly path: FieldPath };

export interface Redrive {
  /** `deadLetterTargetArn`: a queue of this manifest. */
  readonly deadLetterQueue: string;
  /** `maxReceiveCount`. */
  readonly maxReceiveCount: number;
}

export interface TopicSpec {
  readonly name: string;
  readonly origin: Origin;
  /** Present when it exists outside the stack (`arn = "…"`). */
  readonly existing?: ExistingResource;
  readonly fifo: boolean;
  readonly message: PayloadType;
  /** FIFO topics only; `deduplicationScope`/`throughputLimit` are fixed to their defaults. */
  readonly fifoSettings: FifoSettings | null;
}

export interface BusSpec {
  readonly name: string;
  readonly origin: Origin;
  /** Present when it exists outside the stack (`arn = "…"`). */
  readonly existing?: ExistingResource;
  /** The declared detail type of the events the app's own code puts on the bus; null when none is declared. */
  readonly detail: PayloadType | null;
}

export interface StreamSpec {
  readonly name: string;
  readonly origin: Origin;
  /** Present when it exists outside the stack (`arn = "…"`). */
  readonly existing?: ExistingResource;
  /** The type of each record's data (JSON). */
  readonly record: PayloadType;
  /** `StreamModeDetails.StreamMode`. */
  readonly mode: 'PROVISIONED' | 'ON_DEMAND';
  /** `ShardCount`; null in on-demand mode. */
  readonly shardCount: number | null;
  /** The record field used as the partition key; null when producers choose. */
  readonly partitionKey: FieldPath | null;
  /** `RetentionPeriodHours`. */
  readonly retentionHours: number;
  readonly retain: boolean;
}

export interface TableSpec {
  readonly name: string;
  readonly origin: Origin;
  /** Present when it exists outside the stack (`arn = "…"`). */
  readonly existing?: ExistingResource;
  readonly item: PayloadType;
  /** `KeySchema` HASH. */
  readonly partitionKey: TableKey;
  /** `KeySchema` RANGE. */
  readonly sortKey: TableKey | null;
  /** `StreamSpecification.StreamViewType`; null when the table has no stream. */
  readonly streamView: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'KEYS_ONLY' | null;
  readonly retain: boolean;
  /** `TimeToLiveSpecification.AttributeName` (`ttl = …`); null when items do not expire. */
  readonly ttl: string | null;
}

/** `api public { cors = [...] }`: an API Gateway HTTP API; its arrows are routes to functions. */
export interface ApiSpec {
  readonly name: string;
  readonly origin: Origin;
  /** `CorsConfiguration.AllowOrigins`, as written; empty for no CORS configuration. */
  readonly corsOrigins: readonly string[];
}

/**
 * `bucket uploads { versioned = true }`: an S3 bucket (bucket.ts has the notification edges). Its
 * physical name is `bucketName` of names.ts: the app's name with the account and Region after
 * it, since bucket names are global.
 */
export interface BucketSpec {
  readonly name: string;
  readonly origin: Origin;
  /** `VersioningConfiguration.Status: Enabled`. */
  readonly versioned: boolean;
  /** `DeletionPolicy`/`UpdateReplacePolicy: Retain`. */
  readonly retain: boolean;
}

/** A JSON value: a schedule's constant `input`. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** `rate(…)` in whole minutes, or the six fields inside `cron(…)` as written. */
export type ScheduleExpression = { readonly kind: 'rate'; readonly minutes: number } | { readonly kind: 'cron'; readonly fields: string };

/**
 * An EventBridge Scheduler schedule (`AWS::Scheduler::Schedule`) with its one target, the
 * `schedule-target` edge from it; a schedule without an edge is in the manifest but creates
 * nothing (it has nothing to invoke).
 */
export interface ScheduleSpec {
  readonly name: string;
  readonly origin: Origin;
  /** The declared type of the payload; null for an untyped schedule, whose target gets `ScheduledEvent`. */
  readonly payload: PayloadType | null;
  /** `ScheduleExpression`. */
  readonly expression: ScheduleExpression;
  /** `ScheduleExpressionTimezone`; null for UTC, Scheduler's default. */
  readonly timezone: string | null;
  /** `Target.Input`: the constant payload of a typed schedule; null for an untyped one (flowc writes the context attributes). */
  readonly input: JsonValue | null;
  /** `Target.RetryPolicy.MaximumRetryAttempts`. */
  readonly retryAttempts: number;
  /** `Target.RetryPolicy.MaximumEventAgeInSeconds`. */
  readonly maximumEventAgeSeconds: number;
  /** `Target.DeadLetterConfig.Arn`: a standard queue of this manifest; null for none. */
  readonly deadLetterQueue: string | null;
  /** `FlexibleTimeWindow.MaximumWindowInMinutes` (`Mode: FLEXIBLE`); null for `Mode: OFF`. */
  readonly flexibleWindowMinutes: number | null;
  /** `State`. */
  readonly state: 'ENABLED' | 'DISABLED';
}

export interface TableKey {
  readonly attribute: string;
  /** `AttributeType`: S for string-like fields, N for numbers. */
  readonly type: 'S' | 'N';
}

export type EdgeSpec = DestinationEdge | QueueTriggerEdge | StreamTriggerEdge | SubscriptionEdge | RuleEdge | RouteEdge | NotificationEdge | ScheduleTargetEdge;

interface EdgeBase {
  /** Unique and stable: `charge.success->receipts`, `receipts->email`. */
  readonly id: string;
  readonly origin: Origin;
  readonly source: string;
  readonly target: string;
  /** The payload the target receives along this edge (before the target's own envelope). */
  readonly payload: PayloadType;
}

/** A Lambda destination: `EventInvokeConfig.DestinationConfig.OnSuccess`/`OnFailure`. */
export interface DestinationEdge extends EdgeBase {
  readonly kind: 'destination';
  readonly condition: 'success' | 'failure';
  readonly targetKind: 'fn' | 'queue' | 'topic' | 'bus';
}

/** An SQS event source mapping. */
export interface QueueTriggerEdge extends EdgeBase {
  readonly kind: 'queue-trigger';
  /** `BatchSize`. */
  readonly batchSize: number;
  /** `MaximumBatchingWindowInSeconds`. */
  readonly batchingWindowSeconds: number;
  /** `ScalingConfig.MaximumConcurrency`; null when not capped. */
  readonly maximumConcurrency: number | null;
  /** `FunctionResponseTypes: [ReportBatchItemFailures]`. */
  readonly reportBatchItemFailures: boolean;
  /** `FilterCriteria`: the `filter` on the message's fields (under `body`); null for none. A message that matches none is deleted. */
  readonly filter: Pattern | null;
}

/** A Kinesis (`stream-trigger`) or DynamoDB stream (`table-trigger`) event source mapping. */
export interface StreamTriggerEdge extends EdgeBase {
  readonly kind: 'stream-trigger' | 'table-trigger';
  readonly batchSize: number;
  readonly batchingWindowSeconds: number;
  /** `ParallelizationFactor`. */
  readonly parallelizationFactor: number;
  /** `MaximumRetryAttempts`; -1 retries until the record expires. */
  readonly maximumRetryAttempts: number;
  /** `MaximumRecordAgeInSeconds`; -1 for no limit. */
  readonly maximumRecordAgeSeconds: number;
  /** `BisectBatchOnFunctionError`. */
  readonly bisectBatchOnFunctionError: boolean;
  /** `StartingPosition`. */
  readonly startingPosition: 'LATEST' | 'TRIM_HORIZON' | 'AT_TIMESTAMP';
  /** `StartingPositionTimestamp` (Unix seconds), with `AT_TIMESTAMP` only. */
  readonly startingPositionTimestamp: number | null;
  /** `DestinationConfig.OnFailure`: a standard queue or topic of this manifest. */
  readonly onFailure: { readonly kind: 'queue' | 'topic'; readonly name: string } | null;
  readonly reportBatchItemFailures: boolean;
  /**
   * `FilterCriteria`; null for none. On a Kinesis stream the `filter` on the record's fields
   * (under `data`); on a DynamoDB stream the same in the attribute-value form of the new image
   * (`{ total { N = ["120"] } }`, runtime/pattern/filters.ts), since that needs the item's types.
   */
  readonly filter: Pattern | null;
}

/** An SNS subscription of a function (async invoke) or a queue. */
export interface SubscriptionEdge extends EdgeBase {
  readonly kind: 'subscription';
  readonly targetKind: 'fn' | 'queue';
  /** `RawMessageDelivery` (queues only; false for functions). */
  readonly rawMessageDelivery: boolean;
  /** `FilterPolicy` with `FilterPolicyScope: MessageBody`: the `filter` on the message's fields; null for none. */
  readonly filter: Pattern | null;
}

/** An EventBridge rule on a bus with one target. */
export interface RuleEdge extends EdgeBase {
  readonly kind: 'rule';
  readonly targetKind: 'fn' | 'queue';
  /** Which events the rule selects; the emitter turns it into the `EventPattern`. */
  readonly match: RuleMatch;
  /** `Targets[].RetryPolicy.MaximumRetryAttempts`; null for the AWS default (185). */
  readonly retryAttempts: number | null;
  /** `Targets[].RetryPolicy.MaximumEventAgeInSeconds`; null for the AWS default (86400). */
  readonly maximumEventAgeSeconds: number | null;
}

/** The S3 event types of a notification (`events = [created, removed_delete]`), as S3 spells them. */
export type S3EventType =
  | 's3:ObjectCreated:*'
  | 's3:ObjectCreated:Put'
  | 's3:ObjectCreated:Post'
  | 's3:ObjectCreated:Copy'
  | 's3:ObjectCreated:CompleteMultipartUpload'
  | 's3:ObjectRemoved:*'
  | 's3:ObjectRemoved:Delete'
  | 's3:ObjectRemoved:DeleteMarkerCreated'
  | 's3:ObjectRestore:*'
  | 's3:ObjectRestore:Post'
  | 's3:ObjectRestore:Completed';

/** An S3 event notification of a bucket: `NotificationConfiguration.LambdaConfigurations` (and Queue, Topic). */
export interface NotificationEdge extends EdgeBase {
  readonly kind: 'notification';
  readonly targetKind: 'fn' | 'queue' | 'topic';
  /** `Event`: one configuration per event type, sorted. */
  readonly events: readonly S3EventType[];
  /** `Filter.S3Key.Rules` `prefix`; null for none. */
  readonly prefix: string | null;
  /** `Filter.S3Key.Rules` `suffix`; null for none. */
  readonly suffix: string | null;
}

/**
 * An HTTP API route to a function (Lambda proxy integration, payload format 2.0): a synchronous
 * invoke. `payload` is the JSON body's type (\`unknown\` is never used: a route without a body has
 * the empty record type); `params` the route's path parameters in the order they are written.
 */
export interface RouteEdge extends EdgeBase {
  readonly kind: 'route';
  readonly targetKind: 'fn';
  /** The route key as API Gateway spells it: `POST /orders`, `GET /orders/{id}`, `$default`. */
  readonly routeKey: string;
  /** The method (`ANY` for `$default`). */
  readonly method: HttpMethod;
  /** The path parameters (`{id}` → `id`, `{proxy+}` → `proxy`). */
  readonly params: readonly string[];
  /** Whether the JSON body is the function's input (false on GET, HEAD and OPTIONS routes, where the input is the query string). */
  readonly body: boolean;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

/** A schedule's target: Scheduler invokes a function asynchronously, sends to a queue, publishes to a topic or puts an event on a bus. */
export interface ScheduleTargetEdge extends EdgeBase {
  readonly kind: 'schedule-target';
  readonly targetKind: 'fn' | 'queue' | 'topic' | 'bus';
}

/**
 * - `destination`: the destination records of `function` for `condition`: `source: ["lambda"]`,
 *   `detail-type` `Lambda Function Invocation Result - Success`/`- Failure`, and the function's
 *   qualified ARN (`…:$LATEST`) in `resources`.
 * - `app-events`: events the app's own code puts on the bus (`source` is the app name).
 * - `pattern`: the user's `match`.
 */
export type RuleMatch =
  | { readonly kind: 'destination'; readonly function: string; readonly condition: 'success' | 'failure' }
  | { readonly kind: 'app-events' }
  | { readonly kind: 'pattern'; readonly pattern: Pattern };

/**
 * A content filter, as `match` writes it: independent of the service that applies it (an
 * EventBridge rule today; SQS and stream filter criteria and SNS filter policies use the same
 * operators). `runtime/pattern/event-bridge.ts` turns it into EventBridge's JSON. Field names
 * are the event's own (`detail-type`, not the `detail_type` of the .flow file); entries keep the
 * order they were written in.
 */
export interface Pattern {
  readonly entries: readonly PatternEntry[];
}

export type PatternEntry =
  /** A field of the event: its values must match, or, for `nested`, its object must match the pattern. */
  | { readonly kind: 'field'; readonly name: string; readonly match: FieldMatch }
  /** `any_of(…)` (EventBridge `$or`): at least one alternative must match as well. */
  | { readonly kind: 'anyOf'; readonly alternatives: readonly Pattern[] };

export type FieldMatch =
  | { readonly kind: 'nested'; readonly pattern: Pattern }
  /** The field matches when one of the conditions holds for its value (for an array, for one of its elements). */
  | { readonly kind: 'values'; readonly conditions: readonly ValueCondition[] };

export type ValueCondition =
  | { readonly kind: 'equals'; readonly value: string | number | boolean | null }
  | { readonly kind: 'prefix' | 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'equalsIgnoreCase' | 'wildcard' | 'cidr'; readonly value: string }
  /** One bound (`> 0`), a lower and an upper bound (`> 0, <= 100`), or `= 5`, in that order. */
  | { readonly kind: 'numeric'; readonly comparisons: readonly NumericComparison[] }
  | { readonly kind: 'exists'; readonly value: boolean }
  | { readonly kind: 'anythingBut'; readonly excluded: Exclusion };

export interface NumericComparison {
  readonly operator: '>' | '>=' | '<' | '<=' | '=';
  readonly value: number;
}

/** What `anything_but(…)` excludes: values (one, or a list as written), or one prefix, suffix, wildcard or case-insensitive value. */
export type Exclusion =
  | { readonly kind: 'values'; readonly values: string | number | readonly string[] | readonly number[] }
  | { readonly kind: 'prefix' | 'suffix' | 'equalsIgnoreCase' | 'wildcard'; readonly value: string };
