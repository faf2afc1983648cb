/**
 * IAM facts: what each part of an app needs to be allowed, the resource policies and trust
 * policy flowc writes, and the syntax of the IAM settings. This is the one place for them: the
 * CloudFormation emitter builds every policy from these tables, and the tests compute the
 * grants they expect from them. Each entry names the AWS page that says it is needed; an
 * action that no page requires for what flowc does is not here.
 *
 * What the pages say, and what was left out (docs/cloudformation.md, "Permissions"):
 * - Kinesis event source mappings: Lambda's page lists DescribeStream, DescribeStreamSummary,
 *   GetRecords, GetShardIterator, ListShards and SubscribeToShard, and says `kinesis:ListStreams`
 *   is not needed ("You don't need the kinesis:ListStreams permission to create and manage event
 *   source mappings for Kinesis"). `kinesis:SubscribeToShard` is authorized against an enhanced
 *   fan-out consumer (Service Authorization Reference: resource type `consumer*`), and flowc maps
 *   the stream itself, with no consumer: a grant of it on the stream's ARN allowed nothing.
 * - DynamoDB stream mappings: Lambda points at the managed policy AWSLambdaDynamoDBExecutionRole
 *   (DescribeStream, GetRecords, GetShardIterator, ListStreams, all on `*`). `dynamodb:ListStreams`
 *   has no resource type (it lists the account's streams), so it can only be granted on `*`;
 *   flowc's earlier grant of it on `table/<name>/stream/*` (as DynamoDB's own example policy and
 *   SAM's DynamoDBStreamReadPolicy write it) allowed nothing, and mappings polled without it: the
 *   mapping is given the stream ARN and never lists streams. Left out rather than granted on `*`.
 * - Batch sends: SQS authorizes SendMessageBatch by `sqs:SendMessage` ("Specifying SendMessage
 *   … also grants permissions for the corresponding batch versions", AddPermission), and SNS
 *   PublishBatch by `sns:Publish` ("Grants permission to both publish and publish batch"); there
 *   is no `sqs:SendMessageBatch` or `sns:PublishBatch` action. Kinesis and DynamoDB name an
 *   action after each operation (PutRecords, Query, UpdateItem, BatchGetItem, BatchWriteItem).
 */

/** IAM actions and the AWS pages that say they are needed. */
export interface Grant {
  /** Sorted. */
  readonly actions: readonly string[];
  readonly docs: readonly string[];
}

/** A grant for the calls of a generated client: the SDK commands the client sends, each authorized by its action. */
export interface ClientGrant extends Grant {
  /**
   * The `…Command` classes of the AWS SDK v3 that the client (or the idempotency store)
   * constructs, without `Command`, each with the IAM action that authorizes it.
   */
  readonly commands: Readonly<Record<string, string>>;
}

const docs = {
  lambdaLogs: 'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html',
  basicExecutionRole: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicExecutionRole.html',
  sqsMapping: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html',
  kinesisMapping: 'https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-create.html',
  dynamoDbMapping: 'https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-eventsourcemapping.html',
  dynamoDbExecutionRole: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaDynamoDBExecutionRole.html',
  streamOnFailure: 'https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html',
  asyncDestinations: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html',
  kinesisActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonkinesisdatastreams.html',
  dynamoDbActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html',
  sqsActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsqs.html',
  snsActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html',
  eventBridgeActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html',
  sqsBatchPermissions: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_AddPermission.html',
  snsBatchPermissions: 'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html',
  lambdaServices: 'https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html',
  apiGatewayLambda: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html',
  s3Actions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html',
  s3Destinations: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html',
  s3Lambda: 'https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html',
  snsToQueue: 'https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html',
  eventBridgeTargets: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html',
  confusedDeputy: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  sourceAccountKey: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount',
  createRole: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html',
  identifiers: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html',
  boundaries: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  secretsManagerActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html',
  secretsInLambda: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
  secretsKms: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html',
  dynamicReferences: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm.html',
  schedulerRole: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role',
  schedulerTargets: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-templated.html',
  schedulerDlq: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html',
  accessDenied: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html',
  sqsAccessDenied: 'https://repost.aws/knowledge-center/sqs-accessdenied-errors',
  snsPublishErrors: 'https://docs.aws.amazon.com/sns/latest/api/API_Publish.html#API_Publish_Errors',
  s3Errors: 'https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList',
  commonErrors: 'https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/CommonErrors.html',
  headObject: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html',
} as const;

/**
 * What each function's execution role allows, by what it is for. Lambda uses the role for the
 * function's own calls, to write its logs, to poll its event sources and to deliver its
 * destinations and on-failure records.
 */
export const executionRole = {
  /**
   * Writing the function's logs into the group flowc creates: no `logs:CreateLogGroup`, since the
   * group exists before the function (AWSLambdaBasicExecutionRole has all three).
   */
  writeLogs: { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], docs: [docs.lambdaLogs, docs.basicExecutionRole] },
  /** Polling an event source: what the event source mapping calls with the function's role. */
  poll: {
    queue: { actions: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], docs: [docs.sqsMapping] },
    stream: {
      actions: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'],
      docs: [docs.kinesisMapping, docs.kinesisActions],
    },
    tableStream: {
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      docs: [docs.dynamoDbMapping, docs.dynamoDbExecutionRole, docs.dynamoDbActions],
    },
  },
  /** A destination of an asynchronous invocation (`f -> x`, `f.failure -> x`): Lambda sends the record with the function's role. */
  deliver: {
    fn: { actions: ['lambda:InvokeFunction'], docs: [docs.asyncDestinations] },
    queue: { actions: ['sqs:SendMessage'], docs: [docs.asyncDestinations] },
    topic: { actions: ['sns:Publish'], docs: [docs.asyncDestinations] },
    bus: { actions: ['events:PutEvents'], docs: [docs.asyncDestinations] },
  },
  /** A stream or table trigger's `on_failure` queue or topic: the mapping sends the record with the function's role. */
  onFailure: {
    queue: { actions: ['sqs:SendMessage'], docs: [docs.streamOnFailure] },
    topic: { actions: ['sns:Publish'], docs: [docs.streamOnFailure] },
  },
  /**
   * `sends`: the calls of the generated clients (runtime/clients), nothing else. SendMessage
   * and Publish also authorize their batch forms (SendMessageBatch, PublishBatch).
   */
  send: {
    queue: { commands: { SendMessage: 'sqs:SendMessage', SendMessageBatch: 'sqs:SendMessage' }, actions: ['sqs:SendMessage'], docs: [docs.sqsActions, docs.sqsBatchPermissions] },
    topic: { commands: { Publish: 'sns:Publish', PublishBatch: 'sns:Publish' }, actions: ['sns:Publish'], docs: [docs.snsActions, docs.snsBatchPermissions] },
    bus: { commands: { PutEvents: 'events:PutEvents' }, actions: ['events:PutEvents'], docs: [docs.eventBridgeActions] },
    stream: { commands: { PutRecord: 'kinesis:PutRecord', PutRecords: 'kinesis:PutRecords' }, actions: ['kinesis:PutRecord', 'kinesis:PutRecords'], docs: [docs.kinesisActions] },
    table: {
      commands: {
        BatchGetItem: 'dynamodb:BatchGetItem',
        BatchWriteItem: 'dynamodb:BatchWriteItem',
        DeleteItem: 'dynamodb:DeleteItem',
        GetItem: 'dynamodb:GetItem',
        PutItem: 'dynamodb:PutItem',
        Query: 'dynamodb:Query',
        UpdateItem: 'dynamodb:UpdateItem',
      },
      actions: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      docs: [docs.dynamoDbActions],
    },
    // On the bucket's objects (`<bucket ARN>/*`); listing is `listBucket`, on the bucket itself.
    bucket: {
      commands: { DeleteObject: 's3:DeleteObject', GetObject: 's3:GetObject', PutObject: 's3:PutObject' },
      actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      docs: [docs.s3Actions],
    },
  },
  /**
   * A bucket client's `list` (ListObjectsV2), authorized by s3:ListBucket on the bucket's own ARN,
   * not its objects'. With it a `get` of a missing key is a 404 (NoSuchKey) rather than a 403.
   */
  listBucket: { commands: { ListObjectsV2: 's3:ListBucket' }, actions: ['s3:ListBucket'], docs: [docs.s3Actions] },
  /**
   * `idempotency = <table>`: the calls of the DynamoDB idempotency store (runtime/idempotency),
   * on that table: a conditional PutItem to claim a key, a PutItem to record the result, a
   * DeleteItem to release the key of a failed run. It reads nothing (a failed condition returns
   * the item: ReturnValuesOnConditionCheckFailure) and updates nothing.
   */
  idempotency: { commands: { DeleteItem: 'dynamodb:DeleteItem', PutItem: 'dynamodb:PutItem' }, actions: ['dynamodb:DeleteItem', 'dynamodb:PutItem'], docs: [docs.dynamoDbActions] },
  /**
   * `secret("name")`: the handler's GetSecretValue at cold start (runtime/handler/secrets.ts), on
   * that secret's ARN only (`secret:<name>-??????`: Secrets Manager appends six random
   * characters to the ARN). No `kms:Decrypt`: a secret encrypted with the AWS managed key
   * `aws/secretsmanager` needs none; one with a customer managed key needs it on that key, which
   * flowc does not know. An SSM String parameter (`ssm("/name")`) needs nothing: CloudFormation
   * resolves it at deploy with the deployer's permissions.
   */
  readSecret: { commands: { GetSecretValue: 'secretsmanager:GetSecretValue' }, actions: ['secretsmanager:GetSecretValue'], docs: [docs.secretsManagerActions, docs.secretsInLambda, docs.secretsKms, docs.dynamicReferences] },
} as const satisfies {
  readonly writeLogs: Grant;
  readonly poll: Readonly<Record<'queue' | 'stream' | 'tableStream', Grant>>;
  readonly deliver: Readonly<Record<'fn' | 'queue' | 'topic' | 'bus', Grant>>;
  readonly onFailure: Readonly<Record<'queue' | 'topic', Grant>>;
  readonly send: Readonly<Record<'queue' | 'topic' | 'bus' | 'stream' | 'table' | 'bucket', ClientGrant>>;
  readonly listBucket: ClientGrant;
  readonly idempotency: ClientGrant;
  readonly readSecret: ClientGrant;
};

/** A statement of a resource policy: a service may call `action` on the resource, only for the source named by `aws:SourceArn`. */
export interface ServiceGrant {
  readonly service: string;
  readonly action: string;
  readonly docs: readonly string[];
}

/**
 * What SNS, EventBridge and API Gateway need from the resource they deliver to: a queue policy statement or a
 * Lambda permission, each limited to the one topic or rule (`aws:SourceArn`, `SourceArn`). The
 * ARNs of topics and rules contain the account, so `SourceAccount` would add nothing: Lambda's
 * page asks for it only where the source ARN has no account in it (S3 buckets).
 */
export const resourcePolicy = {
  topicToQueue: { service: 'sns.amazonaws.com', action: 'sqs:SendMessage', docs: [docs.snsToQueue] },
  ruleToQueue: { service: 'events.amazonaws.com', action: 'sqs:SendMessage', docs: [docs.eventBridgeTargets] },
  topicToFunction: { service: 'sns.amazonaws.com', action: 'lambda:InvokeFunction', docs: [docs.lambdaServices] },
  ruleToFunction: { service: 'events.amazonaws.com', action: 'lambda:InvokeFunction', docs: [docs.eventBridgeTargets, docs.lambdaServices] },
  /** An HTTP API route: the permission's SourceArn is the route's execute-api ARN (runtime/aws/arns.ts `routeArnSuffix`). */
  routeToFunction: { service: 'apigateway.amazonaws.com', action: 'lambda:InvokeFunction', docs: [docs.apiGatewayLambda, docs.lambdaServices] },
  // A bucket's ARN has no account: each of these also names the account (`SourceAccount`, `aws:SourceAccount`).
  bucketToFunction: { service: 's3.amazonaws.com', action: 'lambda:InvokeFunction', docs: [docs.s3Lambda, docs.lambdaServices] },
  bucketToQueue: { service: 's3.amazonaws.com', action: 'sqs:SendMessage', docs: [docs.s3Destinations] },
  bucketToTopic: { service: 's3.amazonaws.com', action: 'sns:Publish', docs: [docs.s3Destinations] },
} as const satisfies Readonly<Record<string, ServiceGrant>>;

/**
 * The execution role's trust policy: Lambda may assume it, for the app's own account only. IAM's
 * confused-deputy guidance asks for `aws:SourceAccount` or `aws:SourceArn` in the trust policy
 * of a role a service assumes. flowc uses the account: Lambda's own pages show the trust policy
 * without a condition and document neither key for it, and AWS's published Lambda trust policy
 * samples that add one use `aws:SourceAccount` (docs/cloudformation.md, "Permissions").
 */
export const lambdaTrust = {
  service: 'lambda.amazonaws.com',
  action: 'sts:AssumeRole',
  conditionKey: 'aws:SourceAccount',
  docs: [docs.confusedDeputy, docs.sourceAccountKey],
} as const;

/**
 * The syntax of a role's `Path` (CreateRole: pattern `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`,
 * 1–512 characters) and of a managed policy's ARN, the `PermissionsBoundary` of a role
 * (`arn:<partition>:iam::<account id or aws>:policy/<path><name>`, names `[\w+=,.@-]`, 1–128).
 */
export const iamNames = {
  pathLengthMax: 512,
  /** The characters between the slashes of a path: `!` (U+0021) to `~` (U+007E). */
  pathCharacter: /^[\u0021-\u007E]$/,
  policyNameLengthMax: 128,
  policyNameCharacter: /^[\w+=,.@-]$/,
  /** Partitions are `aws` and `aws-…` (`aws-cn`, `aws-us-gov`, `aws-iso`, …). */
  partition: /^aws(-[a-z]+)*$/,
  /** A 12-digit account ID, or `aws` for AWS managed policies. */
  policyAccount: /^(\d{12}|aws)$/,
  docs: [docs.createRole, docs.identifiers, docs.boundaries],
} as const;

/**
 * What a schedule's own execution role allows: the one call its templated target makes, on that
 * target, and `sqs:SendMessage` on its dead-letter queue. Scheduler makes both calls with the
 * schedule's role (not a resource policy: the DLQ page asks for the permission in the execution
 * role, so the queue needs no queue policy for it).
 */
export const schedulerRole = {
  target: {
    fn: { actions: ['lambda:InvokeFunction'], docs: [docs.schedulerTargets, docs.schedulerRole] },
    queue: { actions: ['sqs:SendMessage'], docs: [docs.schedulerTargets, docs.schedulerRole] },
    topic: { actions: ['sns:Publish'], docs: [docs.schedulerTargets, docs.schedulerRole] },
    bus: { actions: ['events:PutEvents'], docs: [docs.schedulerTargets, docs.schedulerRole] },
  },
  deadLetterQueue: { actions: ['sqs:SendMessage'], docs: [docs.schedulerDlq] },
} as const satisfies { readonly target: Readonly<Record<'fn' | 'queue' | 'topic' | 'bus', Grant>>; readonly deadLetterQueue: Grant };

/** A schedule's role trust policy: Scheduler may assume it for schedules of the app's own account (the execution role page's `aws:SourceAccount` condition). */
export const schedulerTrust = {
  service: 'scheduler.amazonaws.com',
  action: 'sts:AssumeRole',
  conditionKey: 'aws:SourceAccount',
  docs: [docs.schedulerRole, docs.confusedDeputy],
} as const;

/**
 * The IAM action that authorizes each SDK command a handler sends to a resource of the flow, by
 * the kind of resource: the generated clients' commands (`executionRole.send`, `listBucket`),
 * and HeadObject, which S3 authorizes by `s3:GetObject` ("you must have the s3:GetObject
 * permission", HeadObject). The simulator checks each call against the function's grants with it.
 */
export const commandActions = {
  queue: executionRole.send.queue.commands,
  topic: executionRole.send.topic.commands,
  bus: executionRole.send.bus.commands,
  stream: executionRole.send.stream.commands,
  table: executionRole.send.table.commands,
  bucket: { ...executionRole.send.bucket.commands, ...executionRole.listBucket.commands, HeadObject: 's3:GetObject' },
  docs: [docs.headObject],
} as const;

/**
 * How a service refuses a call that no policy of the caller allows: its error code (SQS
 * `AccessDenied`, SNS `AuthorizationError`, S3 `AccessDenied`, the JSON services
 * `AccessDeniedException`), and the message IAM words for an implicit deny: "User: <principal>
 * is not authorized to perform: <action> on resource: <arn> because no identity-based policy
 * allows the <action> action".
 */
export const accessDenied = {
  codes: { queue: 'AccessDenied', topic: 'AuthorizationError', bus: 'AccessDeniedException', stream: 'AccessDeniedException', table: 'AccessDeniedException', bucket: 'AccessDenied' },
  message: (principal: string, action: string, resource: string): string =>
    `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  docs: [docs.accessDenied, docs.sqsAccessDenied, docs.snsPublishErrors, docs.s3Errors, docs.commonErrors],
} as const;
