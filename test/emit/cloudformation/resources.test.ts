import { describe, expect, test } from 'vitest';
import { buildTemplate, cloudFormationLimits, emitCloudFormation } from '../../../compiler/emit/cloudformation/index.js';
import type { Resource } from '../../../compiler/emit/cloudformation/template.js';
import { boundProblems } from './helpers/bounds.js';
import { flow } from './helpers/compile.js';
import { specProblems } from './helpers/spec.js';

/** The resources of small flows, written out by hand from the AWS documentation. */

function resourcesOf(...lines: string[]): Record<string, Resource> {
  const template = buildTemplate(flow(...lines));
  expect(specProblems(template)).toEqual([]);
  expect(boundProblems(template)).toEqual([]);
  return template.Resources as Record<string, Resource>;
}

const sub = (text: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:${text}` });
const scoped = (service: string, rest: string) => sub(`${service}:\${AWS::Region}:\${AWS::AccountId}:${rest}`);
/** Writing to the function's own log group: its log streams are `<group ARN>:log-stream:<name>`. */
const logStatement = (fn: string) => ({
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: [scoped('logs', `log-group:/aws/lambda/${fn}`), scoped('logs', `log-group:/aws/lambda/${fn}:*`)],
});

describe('queues', () => {
  test('a standard queue spells out every attribute and leaves the FIFO ones out', () => {
    const r = resourcesOf('app shop', 'type Job = { id: string }', 'queue jobs: Job { visibility = 2m, retention = 1d, delay = 5s, max_size = 2048, wait = 20s, retain = false }');
    expect(r.JobsQueue).toEqual({
      Type: 'AWS::SQS::Queue',
      Properties: {
        QueueName: 'shop-jobs',
        VisibilityTimeout: 120,
        MessageRetentionPeriod: 86400,
        DelaySeconds: 5,
        MaximumMessageSize: 2048,
        ReceiveMessageWaitTimeSeconds: 20,
      },
      Metadata: { flowc: { name: 'jobs', line: 3, column: 7 } },
    });
  });

  test('a FIFO queue: .fifo name, FifoQueue, content deduplication only when asked, its DLQ by Arn, kept on delete', () => {
    const r = resourcesOf(
      'app ledger',
      'type T = { id: string, account: string }',
      'queue postings: T { fifo = true, group = account, dedupe = content, dedupe_scope = group, throughput = per_group, dlq = dead, max_receives = 7 }',
      'queue dead: T { fifo = true, group = account, dedupe = id }',
    );
    expect(r.PostingsQueue?.Properties).toMatchObject({
      QueueName: 'ledger-postings.fifo',
      FifoQueue: true,
      ContentBasedDeduplication: true,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['DeadQueue', 'Arn'] }, maxReceiveCount: 7 },
    });
    expect(r.PostingsQueue).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(r.DeadQueue?.Properties).not.toHaveProperty('ContentBasedDeduplication');
    expect(r.DeadQueue?.Properties).toMatchObject({ QueueName: 'ledger-dead.fifo', FifoQueue: true, DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' });
  });
});

describe('topics and subscriptions', () => {
  test('a queue subscribed to two topics: one queue policy with a statement per topic, raw delivery unless raw = false', () => {
    const r = resourcesOf(
      'app shop',
      'type O = { id: string }',
      'topic placed: O',
      'topic replayed: O',
      'queue work',
      'queue notices',
      'fn process { timeout = 10s }',
      'fn notify',
      'placed -> work',
      'replayed -> work',
      'work -> process',
      'placed -> notices { raw = false } -> notify',
    );
    const statement = (topic: string) => ({
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: { 'Fn::GetAtt': ['WorkQueue', 'Arn'] },
      Condition: { ArnEquals: { 'aws:SourceArn': { Ref: topic } } },
    });
    expect(r.WorkQueuePolicy?.Properties).toEqual({
      Queues: [{ Ref: 'WorkQueue' }],
      PolicyDocument: { Version: '2012-10-17', Statement: [statement('PlacedTopic'), statement('ReplayedTopic')] },
    });
    expect(r.PlacedToWorkSubscription).toEqual({
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: { Ref: 'PlacedTopic' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['WorkQueue', 'Arn'] }, RawMessageDelivery: true },
      DependsOn: ['WorkQueuePolicy'],
      Metadata: { flowc: { name: 'placed->work', line: 9, column: 1 } },
    });
    expect(r.PlacedToNoticesSubscription?.Properties).not.toHaveProperty('RawMessageDelivery');
  });

  test('a function subscribed to a topic gets a permission for SNS, scoped to the topic', () => {
    const r = resourcesOf('app shop', 'type O = { id: string }', 'topic placed: O', 'fn charge(O)', 'placed -> charge');
    expect(r.PlacedToChargeSubscription?.Properties).toEqual({ TopicArn: { Ref: 'PlacedTopic' }, Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': ['ChargeFunction', 'Arn'] } });
    expect(r.PlacedToChargePermission?.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': ['ChargeFunction', 'Arn'] },
      Principal: 'sns.amazonaws.com',
      SourceArn: { Ref: 'PlacedTopic' },
    });
  });

  test('a FIFO topic with content deduplication', () => {
    const r = resourcesOf('app ledger', 'type T = { id: string, account: string }', 'topic transfers: T { fifo = true, group = account, dedupe = content }');
    expect(r.TransfersTopic?.Properties).toEqual({ TopicName: 'ledger-transfers.fifo', FifoTopic: true, ContentBasedDeduplication: true });
  });
});

describe('functions', () => {
  test('a function: its role, its code from the assets parameters, its settings; no EventInvokeConfig without async settings', () => {
    const r = resourcesOf(
      'app shop { runtime = nodejs22.x, architecture = x86_64 }',
      'type O = { id: string }',
      'queue jobs: O { visibility = 1m }',
      'fn work(O) { memory = 1024, timeout = 20s, concurrency = 3, recursion = allow, env { STAGE = "prod", LIMIT = 5 } }',
      'jobs -> work',
    );
    expect(r.WorkFunction).toEqual({
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: 'shop-work',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { S3Bucket: { Ref: 'FlowcAssetsBucket' }, S3Key: { Ref: 'WorkFunctionCodeKey' } },
        Role: { 'Fn::GetAtt': ['WorkFunctionRole', 'Arn'] },
        MemorySize: 1024,
        Timeout: 20,
        Architectures: ['x86_64'],
        Environment: { Variables: { FLOWC_APP: 'shop', LIMIT: '5', NODE_OPTIONS: '--enable-source-maps', STAGE: 'prod' } },
        RecursiveLoop: 'Allow',
        ReservedConcurrentExecutions: 3,
      },
      DependsOn: ['WorkFunctionLogGroup'],
      Metadata: { flowc: { name: 'work', line: 4, column: 4 } },
    });
    expect(r.WorkFunctionRole?.Properties).toEqual({
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        // Lambda may assume the role for the stack's own account only (confused deputy).
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'flowc',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              logStatement('shop-work'),
              { Effect: 'Allow', Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Resource: [scoped('sqs', 'shop-jobs')] },
            ],
          },
        },
      ],
    });
    expect(r.WorkFunctionRole).not.toHaveProperty('Properties.ManagedPolicyArns');
    // Without `role_path` and `permissions_boundary`, IAM's defaults: no Path, no boundary.
    expect(r.WorkFunctionRole?.Properties).not.toHaveProperty('Path');
    expect(r.WorkFunctionRole?.Properties).not.toHaveProperty('PermissionsBoundary');
    expect(r).not.toHaveProperty('WorkFunctionEventInvokeConfig');
  });

  test('a function has its own log group, with a retention, created before it; the role writes only there', () => {
    const r = resourcesOf('app shop', 'type O = { id: string }', 'topic placed: O', 'fn charge(O)', 'placed -> charge');
    expect(r.ChargeFunctionLogGroup).toEqual({
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: '/aws/lambda/shop-charge', RetentionInDays: 30 },
      Metadata: { flowc: { name: 'charge', line: 4, column: 4 } },
    });
    expect(r.ChargeFunction?.DependsOn).toEqual(['ChargeFunctionLogGroup']);
    const statements = (r.ChargeFunctionRole?.Properties.Policies as { PolicyDocument: { Statement: unknown[] } }[])[0]?.PolicyDocument.Statement;
    expect(statements).toEqual([logStatement('shop-charge')]);
  });

  test('reserved concurrency 0 is kept (it disables the function)', () => {
    const r = resourcesOf('app shop', 'type O = { id: string }', 'topic placed: O', 'fn charge(O) { concurrency = 0 }', 'placed -> charge');
    expect(r.ChargeFunction?.Properties.ReservedConcurrentExecutions).toBe(0);
  });

  test('sends: one variable per target with the value its client needs, and exactly what its client calls', () => {
    const r = resourcesOf(
      'app shop',
      'type O = { id: string }',
      'topic placed: O',
      'topic shipped: O',
      'queue jobs: O { fifo = true, group = id, dedupe = content }',
      'bus events: O',
      'stream clicks: O { partition = id }',
      'table orders: O { key = id }',
      'fn charge(O) { sends = [jobs, shipped, events, clicks, orders] }',
      'placed -> charge',
    );
    expect(r.ChargeFunction?.Properties.Environment).toEqual({
      Variables: {
        FLOWC_APP: 'shop',
        FLOWC_BUS_EVENTS: { Ref: 'EventsBus' },
        FLOWC_QUEUE_JOBS: { Ref: 'JobsQueue' },
        FLOWC_STREAM_CLICKS: { Ref: 'ClicksStream' },
        FLOWC_TABLE_ORDERS: { Ref: 'OrdersTable' },
        FLOWC_TOPIC_SHIPPED: { Ref: 'ShippedTopic' },
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    const policy = (r.ChargeFunctionRole?.Properties.Policies as { PolicyDocument: { Statement: unknown[] } }[])[0]?.PolicyDocument;
    expect(policy?.Statement).toEqual([
      // The table client's calls (runtime/clients/table.ts): no Scan, no transactions.
      {
        Effect: 'Allow',
        Action: ['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
        Resource: [scoped('dynamodb', 'table/shop-orders')],
      },
      { Effect: 'Allow', Action: 'events:PutEvents', Resource: [scoped('events', 'event-bus/shop-events')] },
      // The stream client's put and putBatch.
      { Effect: 'Allow', Action: ['kinesis:PutRecord', 'kinesis:PutRecords'], Resource: [scoped('kinesis', 'stream/shop-clicks')] },
      logStatement('shop-charge'),
      { Effect: 'Allow', Action: 'sns:Publish', Resource: [scoped('sns', 'shop-shipped')] },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: [scoped('sqs', 'shop-jobs.fifo')] },
    ]);
  });

  test('NODE_OPTIONS: the bundle\'s source map is read (--enable-source-maps), appended to the user\'s own options, never repeated', () => {
    const variables = (env: string) =>
      (resourcesOf('app shop', 'type O = { id: string }', 'queue jobs: O', `fn work(O) { env { ${env} } }`, 'jobs -> work').WorkFunction?.Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
    expect(variables('STAGE = "prod"')['NODE_OPTIONS']).toBe('--enable-source-maps');
    expect(variables('NODE_OPTIONS = "--max-old-space-size=512"')['NODE_OPTIONS']).toBe('--max-old-space-size=512 --enable-source-maps');
    expect(variables('NODE_OPTIONS = "--enable-source-maps --no-warnings"')['NODE_OPTIONS']).toBe('--enable-source-maps --no-warnings');
  });

  test('idempotency: the table variable, and exactly the store\'s PutItem and DeleteItem on the table; TTL on the table', () => {
    const r = resourcesOf(
      'app shop',
      'type O = { id: string }',
      'type Seen = { id: string, expires_at: int }',
      'topic placed: O',
      'table seen: Seen { ttl = expires_at }',
      'fn charge(O) { idempotency = seen }',
      'placed -> charge',
    );
    expect(r.ChargeFunction?.Properties.Environment).toEqual({ Variables: { FLOWC_APP: 'shop', FLOWC_TABLE_SEEN: { Ref: 'SeenTable' }, NODE_OPTIONS: '--enable-source-maps' } });
    const policy = (r.ChargeFunctionRole?.Properties.Policies as { PolicyDocument: { Statement: unknown[] } }[])[0]?.PolicyDocument;
    expect(policy?.Statement).toContainEqual({ Effect: 'Allow', Action: ['dynamodb:DeleteItem', 'dynamodb:PutItem'], Resource: [scoped('dynamodb', 'table/shop-seen')] });
    expect(policy?.Statement).toHaveLength(2);
    expect(r.SeenTable?.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expires_at', Enabled: true });
  });

  test('destinations: the EventInvokeConfig holds both, by reference; the role may deliver to each', () => {
    const r = resourcesOf(
      'app shop',
      'type O = { id: string }',
      'topic placed: O',
      'queue receipts',
      'fn charge(O) -> O { retries = 1, max_age = 1h }',
      'fn refund(failure<charge>)',
      'placed -> charge',
      'charge -> receipts',
      'charge.failure -> refund',
    );
    expect(r.ChargeFunctionEventInvokeConfig?.Properties).toEqual({
      FunctionName: { Ref: 'ChargeFunction' },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: {
        OnSuccess: { Destination: { 'Fn::GetAtt': ['ReceiptsQueue', 'Arn'] } },
        OnFailure: { Destination: { 'Fn::GetAtt': ['RefundFunction', 'Arn'] } },
      },
    });
    const statements = (r.ChargeFunctionRole?.Properties.Policies as { PolicyDocument: { Statement: unknown[] } }[])[0]?.PolicyDocument.Statement;
    expect(statements).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [scoped('lambda', 'function:shop-refund')] },
      logStatement('shop-charge'),
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: [scoped('sqs', 'shop-receipts')] },
    ]);
  });

  test('async settings without destinations still make an EventInvokeConfig, without DestinationConfig', () => {
    const r = resourcesOf('app shop', 'type O = { id: string }', 'topic placed: O', 'fn charge(O) { retries = 0 }', 'placed -> charge');
    expect(r.ChargeFunctionEventInvokeConfig?.Properties).toEqual({
      FunctionName: { Ref: 'ChargeFunction' },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 21600,
    });
  });
});

describe('event source mappings', () => {
  test('Kinesis from a point in time, with every stream setting', () => {
    const r = resourcesOf(
      'app shop',
      'type C = { session: string }',
      'stream clicks: C { shards = 2, partition = session }',
      'topic clicks_failed',
      'fn count(C) { timeout = 30s }',
      'clicks -> count { start = at_timestamp, start_at = "2026-01-01T00:00:00Z", batch = 200, window = 3s, parallel = 3, retries = 4, max_age = 2h, bisect = true, on_failure = clicks_failed, report_failures = true }',
    );
    expect(r.ClicksToCountMapping?.Properties).toEqual({
      FunctionName: { Ref: 'CountFunction' },
      EventSourceArn: { 'Fn::GetAtt': ['ClicksStream', 'Arn'] },
      StartingPosition: 'AT_TIMESTAMP',
      StartingPositionTimestamp: 1767225600,
      BatchSize: 200,
      MaximumBatchingWindowInSeconds: 3,
      ParallelizationFactor: 3,
      MaximumRetryAttempts: 4,
      MaximumRecordAgeInSeconds: 7200,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: { Ref: 'ClicksFailedTopic' } } },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('a DynamoDB stream is read through the table StreamArn; defaults are written out, a zero window is not', () => {
    const r = resourcesOf('app shop', 'type S = { sku: string, count: int }', 'table stock: S { key = sku, sort = count, stream = keys }', 'fn reindex(S)', 'stock -> reindex { start = trim_horizon }');
    expect(r.StockTable?.Properties).toEqual({
      TableName: 'shop-stock',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'sku', AttributeType: 'S' },
        { AttributeName: 'count', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'sku', KeyType: 'HASH' },
        { AttributeName: 'count', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
    });
    expect(r.StockToReindexMapping?.Properties).toEqual({
      FunctionName: { Ref: 'ReindexFunction' },
      EventSourceArn: { 'Fn::GetAtt': ['StockTable', 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      ParallelizationFactor: 1,
      MaximumRetryAttempts: -1,
      MaximumRecordAgeInSeconds: -1,
      BisectBatchOnFunctionError: false,
    });
  });

  test('an SQS mapping has no StartingPosition and no stream settings; ScalingConfig caps its concurrency', () => {
    const r = resourcesOf('app shop', 'type O = { id: string }', 'queue jobs: O { visibility = 1m }', 'fn work(O)', 'jobs -> work { batch = 100, window = 1s, concurrency = 5 }');
    expect(r.JobsToWorkMapping?.Properties).toEqual({
      FunctionName: { Ref: 'WorkFunction' },
      EventSourceArn: { 'Fn::GetAtt': ['JobsQueue', 'Arn'] },
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });
});

describe('EventBridge rules', () => {
  test('a rule for destination records matches the source lambda, the detail-type and the qualified function ARN', () => {
    const r = resourcesOf(
      'app shop',
      'type O = { id: string }',
      'topic placed: O',
      'bus audit',
      'fn charge(O) { retries = 1 }',
      'fn refund(failure<charge>)',
      'placed -> charge',
      'charge.failure -> audit -> refund { retries = 3, max_age = 10m }',
    );
    expect(r.AuditToRefundRule?.Properties).toEqual({
      // Named, so that the permission can spell its ARN and the rule can come after the permission.
      Name: 'shop-refund',
      EventBusName: { Ref: 'AuditBus' },
      EventPattern: {
        source: ['lambda'],
        'detail-type': ['Lambda Function Invocation Result - Failure'],
        resources: [scoped('lambda', 'function:shop-charge:$LATEST')],
      },
      State: 'ENABLED',
      Targets: [{ Id: 'refund', Arn: { 'Fn::GetAtt': ['RefundFunction', 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600 } }],
    });
    expect(r.AuditToRefundPermission?.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': ['RefundFunction', 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: scoped('events', 'rule/shop-audit/shop-refund'),
    });
    expect(r.AuditToRefundRule?.DependsOn).toEqual(['AuditToRefundPermission']);
  });

  test('a rule name longer than EventBridge allows keeps 55 characters and the hash of the edge id', () => {
    const long = 'q'.repeat(70);
    const r = resourcesOf('app t', 'type O = { id: string }', 'bus events: O', `queue ${long}: O`, 'fn emit(O) { sends = [events] }', 'fn consume', 'topic placed: O', 'placed -> emit', `events -> ${long}`, `${long} -> consume`);
    const rule = Object.values(r).find((x) => x.Type === 'AWS::Events::Rule');
    const name = rule?.Properties.Name as string;
    expect(name).toHaveLength(64);
    expect(name).toMatch(new RegExp(`^t-q{53}-[0-9A-F]{8}$`));
  });

  test("the app's own events have the app name as source; a match block is the pattern as written", () => {
    const r = resourcesOf(
      'app audit',
      'type C = { id: string, action: "created" | "deleted" }',
      'bus events: C',
      'queue changes: C',
      'fn record(C) { sends = [events] }',
      'fn purge(C)',
      'fn keep(C)',
      'changes -> record',
      'events -> purge { match { source = "audit", detail_type = ["A", "B"], detail { action = "deleted" } } }',
      'events -> keep',
    );
    expect(r.EventsToPurgeRule?.Properties.EventPattern).toEqual({ source: ['audit'], 'detail-type': ['A', 'B'], detail: { action: ['deleted'] } });
    expect(r.EventsToKeepRule?.Properties.EventPattern).toEqual({ source: ['audit'] });
  });

  test('a rule into a FIFO queue: the queue policy admits the rule, and the target names a message group', () => {
    const r = resourcesOf(
      'app t',
      'type O = { id: string }',
      'bus events: O',
      'queue q { fifo = true, group = detail.id, dedupe = content }',
      'fn emit(O) { sends = [events] }',
      'fn consume',
      'topic placed: O',
      'placed -> emit',
      'events -> q',
      'q -> consume',
    );
    expect(r.EventsToQRule?.Properties.Targets).toEqual([{ Id: 'q', Arn: { 'Fn::GetAtt': ['QQueue', 'Arn'] }, SqsParameters: { MessageGroupId: 'events' } }]);
    expect(r.QQueuePolicy?.Properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: { 'Fn::GetAtt': ['QQueue', 'Arn'] },
          // The rule's ARN from its name: the rule comes after this policy, which cannot reference it.
          Condition: { ArnEquals: { 'aws:SourceArn': scoped('events', 'rule/t-events/t-q.fifo') } },
        },
      ],
    });
    expect(r.EventsToQRule?.Properties.Name).toBe('t-q.fifo');
    expect(r.EventsToQRule?.DependsOn).toEqual(['QQueuePolicy']);
  });
});

describe('the template', () => {
  test('parameters: the assets bucket and one code key per function', () => {
    const template = buildTemplate(flow('app shop', 'type O = { id: string }', 'topic placed: O', 'fn a(O)', 'fn b(O)', 'placed -> a', 'placed -> b'));
    expect(Object.keys(template.Parameters ?? {})).toEqual(['FlowcAssetsBucket', 'AFunctionCodeKey', 'BFunctionCodeKey']);
    expect(template.Parameters?.AFunctionCodeKey?.Type).toBe('String');
  });

  test('outputs: the URL or ARN of each queue, topic, bus, stream and function, the name and stream of each table; no exports', () => {
    const template = buildTemplate(
      flow(
        'app shop',
        'type O = { id: string }',
        'topic placed: O',
        'queue jobs', // holds the on-failure records of `orders -> a_fn` (FL3017)
        'bus events: O',
        'stream clicks: O { partition = id }',
        'table orders: O { key = id, stream = new }',
        'table stock: O { key = id }',
        'fn b_fn(O) { sends = [jobs, events, clicks, orders, stock] }',
        'fn a_fn(O)',
        'placed -> b_fn',
        "orders -> a_fn { start = trim_horizon, retries = 3, max_age = 1h, on_failure = jobs }",
      ),
    );
    expect(template.Outputs).toEqual({
      AFnFunctionArn: { Description: 'The ARN of function a_fn', Value: { 'Fn::GetAtt': ['AFnFunction', 'Arn'] } },
      BFnFunctionArn: { Description: 'The ARN of function b_fn', Value: { 'Fn::GetAtt': ['BFnFunction', 'Arn'] } },
      JobsQueueUrl: { Description: 'The URL of queue jobs', Value: { Ref: 'JobsQueue' } },
      PlacedTopicArn: { Description: 'The ARN of topic placed', Value: { Ref: 'PlacedTopic' } },
      EventsBusArn: { Description: 'The ARN of bus events', Value: { 'Fn::GetAtt': ['EventsBus', 'Arn'] } },
      ClicksStreamArn: { Description: 'The ARN of stream clicks', Value: { 'Fn::GetAtt': ['ClicksStream', 'Arn'] } },
      OrdersTableName: { Description: 'The name of table orders', Value: { Ref: 'OrdersTable' } },
      OrdersTableStreamArn: { Description: 'The ARN of the stream of table orders', Value: { 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] } },
      StockTableName: { Description: 'The name of table stock', Value: { Ref: 'StockTable' } },
    });
    // In their order: functions, queues, topics, buses, streams, tables, each by name.
    expect(Object.keys(template.Outputs ?? {})).toEqual([
      'AFnFunctionArn',
      'BFnFunctionArn',
      'JobsQueueUrl',
      'PlacedTopicArn',
      'EventsBusArn',
      'ClicksStreamArn',
      'OrdersTableName',
      'OrdersTableStreamArn',
      'StockTableName',
    ]);
    expect(specProblems(template)).toEqual([]);
  });

  test('a template keeps the first outputs when there are more than it may have', () => {
    const manifest = flow('app shop', 'type O = { id: string }', 'topic placed: O', 'queue q1: O', 'queue q2: O', 'fn b(O)', 'fn a(O)', 'placed -> a', 'placed -> b');
    const text = emitCloudFormation(manifest, { format: 'json', limits: { ...cloudFormationLimits, outputs: 3 } }).files.get('template.json') as string;
    expect(Object.keys(JSON.parse(text).Outputs)).toEqual(['AFunctionArn', 'BFunctionArn', 'Q1QueueUrl']);
    const none = emitCloudFormation(manifest, { format: 'json', limits: { ...cloudFormationLimits, outputs: 0 } }).files.get('template.json') as string;
    expect(JSON.parse(none)).not.toHaveProperty('Outputs');
  });

  test('an app that declares nothing still has the one resource CloudFormation requires', () => {
    const template = buildTemplate(flow('app empty'));
    expect(template.Parameters).toBeUndefined();
    expect(template.Resources).toEqual({
      FlowcEmptyApp: { Type: 'AWS::CloudFormation::WaitConditionHandle', Properties: {}, Metadata: { flowc: { name: 'empty', line: 1, column: 1 } } },
    });
    expect(specProblems(template)).toEqual([]);
  });

  test('YAML starts with the generated-file header naming the .flow file; JSON has no room for one', () => {
    const manifest = flow('app shop', 'type O = { id: string }', 'queue jobs: O');
    const yaml = emitCloudFormation(manifest, { format: 'yaml' }).files.get('template.yaml') as string;
    expect(yaml.split('\n').slice(0, 3)).toEqual([
      '# Generated by flowc from test.flow. Do not edit: `flowc build` rewrites this file.',
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Description: flowc app shop',
    ]);
    const json = emitCloudFormation(manifest, { format: 'json' });
    expect(json.rootFile).toBe('template.json');
    expect(JSON.parse(json.files.get('template.json') as string).AWSTemplateFormatVersion).toBe('2010-09-09');
  });

  test('the same manifest always gives the same bytes', () => {
    const lines = ['app shop', 'type O = { id: string }', 'topic placed: O', 'queue jobs', 'fn a(O)', 'placed -> jobs -> a'];
    expect(emitCloudFormation(flow(...lines), { format: 'yaml' }).files).toEqual(emitCloudFormation(flow(...lines), { format: 'yaml' }).files);
  });
});

describe('YAML', () => {
  test('strings that YAML 1.1 or 1.2 would read as something else are quoted', () => {
    const tricky = ['yes', 'on', 'NO', '~', 'null', '1_000', '0x1F', '1:20', '0o17', '1e3', '.inf', '2026-01-01', '017'];
    const manifest = flow('app shop', 'type O = { id: string }', 'topic placed: O', `fn f(O) { env { ${tricky.map((v, i) => `V${i} = "${v}"`).join(', ')} } }`, 'placed -> f');
    const yaml = emitCloudFormation(manifest, { format: 'yaml' }).files.get('template.yaml') as string;
    tricky.forEach((v, i) => expect(yaml).toContain(`V${i}: "${v}"\n`));
  });
});
