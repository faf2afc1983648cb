/**
 * AWS limits and defaults that the checker enforces, the lowering applies and the simulator
 * reproduces. Units are last in names (`…Seconds`, `…Bytes`). Each group and field links
 * the AWS documentation page it comes from.
 */

export interface Range {
  readonly min: number;
  readonly max: number;
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html: AWS::Lambda::Function and AWS::Lambda::EventInvokeConfig. */
export const lambda = {
  timeoutSeconds: { min: 1, max: 900 },
  timeoutSecondsDefault: 3,
  memoryMb: { min: 128, max: 10_240 },
  memoryMbDefault: 128,
  asyncRetryAttempts: { min: 0, max: 2 },
  asyncRetryAttemptsDefault: 2,
  asyncMaxEventAgeSeconds: { min: 60, max: 21_600 },
  asyncMaxEventAgeSecondsDefault: 21_600,
  /** Delays before the 2nd and 3rd attempt of a failed async invocation (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). */
  asyncRetryDelaysSeconds: [60, 120],
  functionNameLengthMax: 64,
  environmentBytesMax: 4096,
  /** Keys Lambda sets itself; CreateFunction rejects them (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html, cfn-lint environment_variable_keys). */
  reservedEnvironmentKeys: [
    '_HANDLER',
    '_X_AMZN_TRACE_ID',
    'AWS_DEFAULT_REGION',
    'AWS_REGION',
    'AWS_EXECUTION_ENV',
    'AWS_LAMBDA_FUNCTION_NAME',
    'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
    'AWS_LAMBDA_FUNCTION_VERSION',
    'AWS_LAMBDA_INITIALIZATION_TYPE',
    'AWS_LAMBDA_LOG_GROUP_NAME',
    'AWS_LAMBDA_LOG_STREAM_NAME',
    'AWS_ACCESS_KEY',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_LAMBDA_RUNTIME_API',
    'LAMBDA_TASK_ROOT',
    'LAMBDA_RUNTIME_DIR',
  ],
  asyncPayloadBytesMax: 1_048_576,
  syncPayloadBytesMax: 6_291_456,
  /** Lambda stops a chain after this many invocations of one function by one event (https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html). */
  recursionHopsMax: 16,
  /** Account concurrency that must stay unreserved (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
  unreservedConcurrencyMin: 100,
  accountConcurrencyDefault: 1000,
} as const;

/** Node.js runtimes and the dates AWS blocks creating functions on them (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, as of 2026-11-29). */
export const nodeRuntimes: Readonly<Record<string, { readonly createBlocked: string | null; readonly deprecated: string | null }>> = {
  'nodejs24.x': { createBlocked: null, deprecated: '2028-04-30' },
  'nodejs22.x': { createBlocked: '2027-06-01', deprecated: '2027-04-30' },
  'nodejs20.x': { createBlocked: '2026-06-01', deprecated: '2026-04-30' },
  'nodejs18.x': { createBlocked: '2025-12-01', deprecated: '2025-09-01' },
  'nodejs16.x': { createBlocked: '2024-06-12', deprecated: '2024-06-12' },
  'nodejs14.x': { createBlocked: '2023-12-04', deprecated: '2023-12-04' },
};
export const defaultRuntime = 'nodejs24.x';
/** The date the lifecycle dates of `nodeRuntimes` are judged against (the date the runtimes page was last read: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). */
export const nodeRuntimesAsOf = '2026-11-29';

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html: AWS::Lambda::EventSourceMapping. */
export const eventSourceMapping = {
  batchSize: { min: 1, max: 10_000 },
  sqsBatchSizeDefault: 10,
  sqsFifoBatchSizeMax: 10,
  /** Standard SQS: above this BatchSize, MaximumBatchingWindowInSeconds must be at least 1 (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html). */
  sqsBatchSizeWithoutWindowMax: 10,
  streamBatchSizeDefault: 100,
  batchingWindowSeconds: { min: 0, max: 300 },
  parallelizationFactor: { min: 1, max: 10 },
  /** -1 is infinite; otherwise 0–10000. */
  maximumRetryAttempts: { min: -1, max: 10_000 },
  /** -1 is infinite; otherwise 60–604800 (0–59 are refused). */
  maximumRecordAgeSeconds: { min: 60, max: 604_800 },
  maximumConcurrency: { min: 2, max: 1000 },
  /** Standard SQS: at most this many concurrent batches per mapping (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html). */
  sqsConcurrentBatchesMax: 1000,
} as const;

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html: AWS::SQS::Queue. */
export const sqs = {
  visibilityTimeoutSeconds: { min: 0, max: 43_200 },
  visibilityTimeoutSecondsDefault: 30,
  messageRetentionSeconds: { min: 60, max: 1_209_600 },
  messageRetentionSecondsDefault: 345_600,
  delaySeconds: { min: 0, max: 900 },
  delaySecondsDefault: 0,
  maximumMessageBytes: { min: 1024, max: 1_048_576 },
  maximumMessageBytesDefault: 1_048_576,
  receiveWaitSeconds: { min: 0, max: 20 },
  receiveWaitSecondsDefault: 0,
  maxReceiveCount: { min: 1, max: 1000 },
  /** AWS recommends at least 5 with a Lambda consumer (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html). */
  maxReceiveCountRecommendedMin: 5,
  /** Without a `max_receives`, flowc uses this (the SQS API default is 10). */
  maxReceiveCountDefault: 10,
  queueNameLengthMax: 80,
  /** Deduplication interval of FIFO queues and topics (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html). */
  deduplicationWindowSeconds: 300,
  /** Recommended: visibility ≥ 6 × function timeout (+ batching window) (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html). */
  visibilityToTimeoutRecommendedRatio: 6,
  /** SendMessageBatch: at most 10 entries, together at most 1 MiB (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html). */
  sendBatchEntriesMax: 10,
  sendBatchBytesMax: 1_048_576,
} as const;

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html: AWS::Kinesis::Stream. */
export const kinesis = {
  retentionHours: { min: 24, max: 8760 },
  retentionHoursDefault: 24,
  shardCountDefault: 1,
  shardCountMin: 1,
  /** ShardCount in the CloudFormation schema; the account's shard quota is usually lower. */
  shardCount: { min: 1, max: 100_000 },
  streamNameLengthMax: 128,
  /**
   * PutRecords: at most 500 records, together (data and partition keys) at most 5 MiB
   * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html).
   */
  putRecordsMax: 500,
  putRecordsBytesMax: 5_242_880,
} as const;

/** https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html: DynamoDB streams keep records 24 hours. */
export const dynamodbStreams = {
  retentionHours: 24,
} as const;

/** https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html: SNS. */
export const sns = {
  messageBytesMax: 262_144,
  topicNameLengthMax: 256,
  /** PublishBatch: at most 10 entries, together at most 256 KiB (https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html). */
  publishBatchEntriesMax: 10,
  publishBatchBytesMax: 262_144,
} as const;

/** https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html: EventBridge. */
export const eventBridge = {
  targetRetryAttempts: { min: 0, max: 185 },
  targetMaxEventAgeSeconds: { min: 60, max: 86_400 },
  /** Detail types of Lambda destination events; ASCII hyphens (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). */
  successDetailType: 'Lambda Function Invocation Result - Success',
  failureDetailType: 'Lambda Function Invocation Result - Failure',
  destinationSource: 'lambda',
  eventBytesMax: 1_048_576,
  /**
   * PutEvents: at most 10 entries (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html),
   * their sizes counted as https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html says.
   */
  putEventsEntriesMax: 10,
  /** CreateEventBus `Name`: 1–256 characters. */
  busNameLengthMax: 256,
  /** PutRule `Name`: 1–64 characters of `[.\-_A-Za-z0-9]` (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html). */
  ruleNameLengthMax: 64,
  /**
   * "Event pattern size: 2,048 characters", the default of an adjustable quota:
   * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html
   */
  patternCharactersDefault: 2048,
  /**
   * Numeric matching "is limited to values between -1.0e9 and +1.0e9 inclusive, with 15 digits
   * of precision, or six digits to the right of the decimal point":
   * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html
   */
  patternNumberMagnitudeMax: 1e9,
  patternNumberDecimalsMax: 6,
  /** The envelope fields of every event: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html */
  eventEnvelopeFields: ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail', 'replay-name'],
} as const;

/** Lambda event filtering of an event source mapping's records (`FilterCriteria`). */
export const eventFiltering = {
  /**
   * "By default, you can define up to five different filters for a single event source mapping"
   * (a quota that can be raised to 10): https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
   */
  filtersPerMappingDefault: 5,
  filtersPerMappingQuotaMax: 10,
  /** `Filter.Pattern`: "Maximum length of 4096": https://docs.aws.amazon.com/lambda/latest/api/API_Filter.html */
  patternCharactersMax: 4096,
} as const;

/** SNS subscription filter policies: https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html */
export const snsFilterPolicy = {
  /** "A filter policy can have a maximum of five keys"; with the MessageBody scope only top-level keys count. */
  keysMax: 5,
  /** "The total combination of values in a filter policy must not exceed 150." */
  combinationsMax: 150,
  /** "The maximum size of a filter policy is 256 KB." */
  bytesMax: 262_144,
  /** "For numeric matching, the value can range from -10^9 to 10^9 … with five digits of accuracy after the decimal point." */
  numberMagnitudeMax: 1e9,
  numberDecimalsMax: 5,
} as const;

/** AWS::DynamoDB::Table. */
export const dynamodb = {
  /** `TableName`: 3–255 characters. */
  tableNameLengthMax: 255,
  /** BatchGetItem: at most 100 keys (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html). */
  batchGetKeysMax: 100,
  /** BatchWriteItem: at most 25 put or delete requests (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html). */
  batchWriteRequestsMax: 25,
} as const;

export function inRange(value: number, range: Range): boolean {
  return value >= range.min && value <= range.max;
}

/**
 * Tags (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Tag.html): a key of 1
 * to 128 and a value of 0 to 256 Unicode characters, of letters, separators (spaces), digits
 * and `_ . : / = + - @`; keys starting with `aws:` are AWS's own; at most 50 user tags per
 * resource (AWS's `aws:` tags do not count).
 */
export const tags = {
  keyLength: { min: 1, max: 128 },
  valueLength: { min: 0, max: 256 },
  /** The characters of a key or value, as AWS writes the pattern: `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`. */
  allowed: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u as RegExp,
  reservedPrefix: 'aws:',
  perResourceMax: 50,
} as const;

/**
 * SSM Parameter Store names (https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html#sysman-parameter-name-constraints):
 * letters, digits and `. - _`, with `/` for a hierarchy (a hierarchical name starts with `/`,
 * at most 15 levels); 1 to 2,048 characters including the ARN prefix flowc does not write (a
 * name of its own is at most 1,011 characters); not starting with `aws` or `ssm` (any case).
 */
export const ssmParameters = {
  fullyQualifiedNameLengthMax: 1011,
  nameLength: { min: 1, max: 2048 },
  allowed: /^[A-Za-z0-9_.\-/]+$/ as RegExp,
  hierarchyLevelsMax: 15,
  reservedPrefixes: ['aws', 'ssm'],
} as const;

/**
 * Secrets Manager secret names (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html#SecretsManager-CreateSecret-request-Name):
 * 1 to 512 characters, ASCII letters, digits and `/ _ + = . @ -`. A name that ends with a
 * hyphen and six characters is mistaken for a partial ARN, which AWS advises against.
 */
export const secretsManager = {
  nameLength: { min: 1, max: 512 },
  allowed: /^[A-Za-z0-9/_+=.@-]+$/ as RegExp,
} as const;

/**
 * EventBridge Scheduler (AWS::Scheduler::Schedule):
 * https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html,
 * https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html,
 * https://docs.aws.amazon.com/scheduler/latest/APIReference/API_FlexibleTimeWindow.html,
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html.
 */
export const scheduler = {
  /** `RetryPolicy.MaximumRetryAttempts`: 0–185, default 185. */
  retryAttempts: { min: 0, max: 185 },
  retryAttemptsDefault: 185,
  /** `RetryPolicy.MaximumEventAgeInSeconds`: 60–86400, default 86400. */
  maximumEventAgeSeconds: { min: 60, max: 86_400 },
  maximumEventAgeSecondsDefault: 86_400,
  /** `FlexibleTimeWindow.MaximumWindowInMinutes`: 1–1440. */
  flexibleWindowMinutes: { min: 1, max: 1440 },
  /** A rate is `rate(value unit)` in minutes, hours or days: one minute at least ("All schedule types … invoke their targets with 60 second precision"). */
  rateMinimumSeconds: 60,
  /** CreateSchedule `Name`: 1–64 characters of `[0-9a-zA-Z-_.]`. */
  scheduleNameLengthMax: 64,
  /** The context attributes Scheduler replaces in a target's input (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html). */
  contextAttributes: {
    schedule: '<aws.scheduler.schedule-arn>',
    scheduledTime: '<aws.scheduler.scheduled-time>',
    executionId: '<aws.scheduler.execution-id>',
    attempt: '<aws.scheduler.attempt-number>',
  },
} as const;
