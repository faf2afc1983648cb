import { dynamodb, eventBridge, eventSourceMapping, kinesis, lambda, type Range, sns, sqs } from '../../../../runtime/aws/limits.js';
import type { Resource, Template, TemplateValue } from '../../../../compiler/emit/cloudformation/template.js';

/**
 * The AWS bounds and rules (each with the AWS documentation page it comes from, in the
 * messages) checked on an emitted template, independently of the emitter: numeric ranges and
 * name formats per property, and the rules between resources (an SQS mapping has no
 * StartingPosition, a FIFO queue takes no batching window, a topic can deliver to its queue, a
 * role can read its function's event source…). Takes one whole template (a flat one, or
 * nested stacks put back together).
 */

interface Bound {
  readonly type: string;
  readonly path: readonly string[];
  readonly range: Range;
  /** Values outside the range that mean "no limit". */
  readonly also?: readonly number[];
  readonly rule: string;
}

const bounds: readonly Bound[] = [
  { type: 'AWS::Lambda::Function', path: ['Timeout'], range: lambda.timeoutSeconds, rule: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
  { type: 'AWS::Lambda::Function', path: ['MemorySize'], range: lambda.memoryMb, rule: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
  { type: 'AWS::Lambda::Function', path: ['ReservedConcurrentExecutions'], range: { min: 0, max: lambda.accountConcurrencyDefault - lambda.unreservedConcurrencyMin }, rule: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
  { type: 'AWS::Lambda::EventInvokeConfig', path: ['MaximumRetryAttempts'], range: lambda.asyncRetryAttempts, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html' },
  { type: 'AWS::Lambda::EventInvokeConfig', path: ['MaximumEventAgeInSeconds'], range: lambda.asyncMaxEventAgeSeconds, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html' },
  { type: 'AWS::Lambda::EventSourceMapping', path: ['BatchSize'], range: eventSourceMapping.batchSize, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html' },
  { type: 'AWS::Lambda::EventSourceMapping', path: ['MaximumBatchingWindowInSeconds'], range: eventSourceMapping.batchingWindowSeconds, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html' },
  { type: 'AWS::Lambda::EventSourceMapping', path: ['ParallelizationFactor'], range: eventSourceMapping.parallelizationFactor, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html' },
  { type: 'AWS::Lambda::EventSourceMapping', path: ['MaximumRetryAttempts'], range: eventSourceMapping.maximumRetryAttempts, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html' },
  { type: 'AWS::Lambda::EventSourceMapping', path: ['MaximumRecordAgeInSeconds'], range: eventSourceMapping.maximumRecordAgeSeconds, also: [-1], rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html' },
  { type: 'AWS::Lambda::EventSourceMapping', path: ['ScalingConfig', 'MaximumConcurrency'], range: eventSourceMapping.maximumConcurrency, rule: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html' },
  { type: 'AWS::SQS::Queue', path: ['VisibilityTimeout'], range: sqs.visibilityTimeoutSeconds, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html' },
  { type: 'AWS::SQS::Queue', path: ['MessageRetentionPeriod'], range: sqs.messageRetentionSeconds, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html' },
  { type: 'AWS::SQS::Queue', path: ['DelaySeconds'], range: sqs.delaySeconds, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html' },
  { type: 'AWS::SQS::Queue', path: ['MaximumMessageSize'], range: sqs.maximumMessageBytes, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html' },
  { type: 'AWS::SQS::Queue', path: ['ReceiveMessageWaitTimeSeconds'], range: sqs.receiveWaitSeconds, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html' },
  { type: 'AWS::SQS::Queue', path: ['RedrivePolicy', 'maxReceiveCount'], range: sqs.maxReceiveCount, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html' },
  { type: 'AWS::Kinesis::Stream', path: ['RetentionPeriodHours'], range: kinesis.retentionHours, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html' },
  { type: 'AWS::Kinesis::Stream', path: ['ShardCount'], range: kinesis.shardCount, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html' },
];

const targetBounds: readonly Bound[] = [
  { type: 'AWS::Events::Rule', path: ['RetryPolicy', 'MaximumRetryAttempts'], range: eventBridge.targetRetryAttempts, rule: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html' },
  { type: 'AWS::Events::Rule', path: ['RetryPolicy', 'MaximumEventAgeInSeconds'], range: eventBridge.targetMaxEventAgeSeconds, rule: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html' },
];

interface NameRule {
  readonly type: string;
  readonly property: string;
  readonly pattern: RegExp;
  readonly max: number;
  readonly min?: number;
  readonly rule: string;
}

const names: readonly NameRule[] = [
  { type: 'AWS::Lambda::Function', property: 'FunctionName', pattern: /^[a-zA-Z0-9_-]+$/, max: lambda.functionNameLengthMax, rule: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
  { type: 'AWS::SQS::Queue', property: 'QueueName', pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/, max: sqs.queueNameLengthMax, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html' },
  { type: 'AWS::SNS::Topic', property: 'TopicName', pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/, max: sns.topicNameLengthMax, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html' },
  { type: 'AWS::Kinesis::Stream', property: 'Name', pattern: /^[a-zA-Z0-9_.-]+$/, max: kinesis.streamNameLengthMax, rule: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html' },
  { type: 'AWS::DynamoDB::Table', property: 'TableName', pattern: /^[a-zA-Z0-9_.-]+$/, min: 3, max: dynamodb.tableNameLengthMax, rule: 'DynamoDB TableName' },
  { type: 'AWS::Events::EventBus', property: 'Name', pattern: /^[/.\-_A-Za-z0-9]+$/, max: eventBridge.busNameLengthMax, rule: 'EventBridge Name' },
  { type: 'AWS::Events::Rule', property: 'Name', pattern: /^[.\-_A-Za-z0-9]+$/, max: eventBridge.ruleNameLengthMax, rule: 'EventBridge rule Name' },
];

type Properties = Resource['Properties'];

function at(value: TemplateValue | undefined, path: readonly string[]): TemplateValue | undefined {
  let current = value;
  for (const key of path) {
    if (current === undefined || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as { readonly [k: string]: TemplateValue })[key];
  }
  return current;
}

function checkBound(where: string, value: TemplateValue | undefined, bound: Bound, problems: string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'number') {
    problems.push(`${where}: ${bound.path.join('.')} is not a number (${bound.rule})`);
    return;
  }
  if (bound.also?.includes(value)) return;
  if (value < bound.range.min || value > bound.range.max) problems.push(`${where}: ${bound.path.join('.')} = ${value} is outside ${bound.range.min}–${bound.range.max} (${bound.rule})`);
}

/** The logical ID a `Ref` or `Fn::GetAtt` points at. */
function target(value: TemplateValue | undefined): string | undefined {
  if (value === undefined || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as { readonly [k: string]: TemplateValue };
  if (typeof record.Ref === 'string') return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  return Array.isArray(getAtt) ? (getAtt[0] as string) : undefined;
}

export function boundProblems(template: Template): string[] {
  const problems: string[] = [];
  const resources = template.Resources;
  const props = (id: string | undefined): Properties | undefined => (id === undefined ? undefined : resources[id]?.Properties);
  const typeOf = (id: string | undefined): string | undefined => (id === undefined ? undefined : resources[id]?.Type);

  for (const [id, resource] of Object.entries(resources)) {
    for (const bound of bounds) if (bound.type === resource.Type) checkBound(id, at(resource.Properties, bound.path), bound, problems);
    if (resource.Type === 'AWS::Events::Rule') {
      const targets = (resource.Properties.Targets ?? []) as readonly TemplateValue[];
      if (targets.length > 5) problems.push(`${id}: ${targets.length} targets; EventBridge allows 5 (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html)`);
      for (const t of targets) for (const bound of targetBounds) checkBound(id, at(t, bound.path), bound, problems);
    }
    for (const rule of names) {
      if (rule.type !== resource.Type) continue;
      const name = resource.Properties[rule.property];
      if (typeof name !== 'string') continue;
      if (!rule.pattern.test(name) || name.length > rule.max || name.length < (rule.min ?? 1)) problems.push(`${id}: ${rule.property} \`${name}\` breaks ${rule.rule}`);
    }
    problems.push(...resourceRules(id, resource, { props, typeOf, resources }));
  }
  return problems;
}

interface Lookup {
  readonly props: (id: string | undefined) => Properties | undefined;
  readonly typeOf: (id: string | undefined) => string | undefined;
  readonly resources: Template['Resources'];
}

function resourceRules(id: string, resource: Resource, { props, typeOf, resources }: Lookup): string[] {
  const problems: string[] = [];
  const p = resource.Properties;
  switch (resource.Type) {
    case 'AWS::SQS::Queue': {
      if ('FifoQueue' in p && p.FifoQueue !== true) problems.push(`${id}: FifoQueue must be true or absent (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html)`);
      const fifo = p.FifoQueue === true;
      if (fifo !== String(p.QueueName).endsWith('.fifo')) problems.push(`${id}: a queue name ends in .fifo exactly when the queue is FIFO (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html)`);
      for (const key of ['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']) if (!fifo && key in p) problems.push(`${id}: ${key} on a standard queue (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html)`);
      if (p.FifoThroughputLimit === 'perMessageGroupId' && p.DeduplicationScope !== 'messageGroup') problems.push(`${id}: perMessageGroupId needs DeduplicationScope messageGroup (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html)`);
      const dlq = props(target(at(p, ['RedrivePolicy', 'deadLetterTargetArn'])));
      if (dlq && (dlq.FifoQueue === true) !== fifo) problems.push(`${id}: its dead-letter queue is of the other kind (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html)`);
      return problems;
    }
    case 'AWS::SNS::Topic':
      if ('ContentBasedDeduplication' in p && p.FifoTopic !== true) problems.push(`${id}: ContentBasedDeduplication on a standard topic (https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html)`);
      if ((p.FifoTopic === true) !== String(p.TopicName).endsWith('.fifo')) problems.push(`${id}: a topic name ends in .fifo exactly when the topic is FIFO (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html)`);
      return problems;
    case 'AWS::Lambda::Function': {
      // Its own log group, created first (else Lambda creates it, outside the stack, and the
      // stack's group fails), and a role that may write to it and nowhere else (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
      const group = `/aws/lambda/${String(p.FunctionName)}`;
      const logGroup = Object.entries(resources).find(([, r]) => r.Type === 'AWS::Logs::LogGroup' && r.Properties.LogGroupName === group)?.[0];
      if (logGroup === undefined) problems.push(`${id}: no log group ${group}`);
      else if (!(resource.DependsOn ?? []).includes(logGroup)) problems.push(`${id}: does not depend on its log group ${logGroup}`);
      for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
        if (!roleGrants(id, action, `${group}:*`, { props, typeOf, resources })) problems.push(`${id}: the role may not ${action} to ${group}`);
      }
      if ('ManagedPolicyArns' in (props(target(p.Role)) ?? {})) problems.push(`${id}: a managed policy on the role (least privilege: inline grants only)`);
      return problems;
    }
    case 'AWS::Logs::LogGroup':
      if (typeof p.RetentionInDays !== 'number') problems.push(`${id}: no RetentionInDays (logs would be kept forever)`);
      if (resource.DeletionPolicy !== undefined) problems.push(`${id}: a DeletionPolicy on a log group`);
      return problems;
    case 'AWS::Lambda::EventSourceMapping':
      return mappingRules(id, p, { props, typeOf, resources });
    case 'AWS::Lambda::EventInvokeConfig': {
      if (p.Qualifier !== '$LATEST') problems.push(`${id}: Qualifier (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html)`);
      const fn = target(p.FunctionName);
      const twins = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::EventInvokeConfig' && target(r.Properties.FunctionName) === fn);
      if (twins.length > 1) problems.push(`${id}: ${twins.length} EventInvokeConfigs for ${fn} (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html)`);
      for (const condition of ['OnSuccess', 'OnFailure']) {
        const destination = target(at(p, ['DestinationConfig', condition, 'Destination']));
        if (destination === undefined) continue;
        const dp = props(destination);
        if (dp?.FifoQueue === true || dp?.FifoTopic === true) problems.push(`${id}: ${condition} goes to the FIFO ${destination} (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html)`);
        const action = { 'AWS::SQS::Queue': 'sqs:SendMessage', 'AWS::SNS::Topic': 'sns:Publish', 'AWS::Lambda::Function': 'lambda:InvokeFunction', 'AWS::Events::EventBus': 'events:PutEvents' }[typeOf(destination) ?? ''];
        if (!action) problems.push(`${id}: ${condition} goes to ${typeOf(destination)} (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html)`);
        else if (!roleGrants(fn, action, physicalNameOf(destination, resources), { props, typeOf, resources })) problems.push(`${id}: the role of ${fn} may not ${action} on ${destination} (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html)`);
      }
      return problems;
    }
    case 'AWS::SNS::Subscription': {
      const topic = props(target(p.TopicArn));
      const endpoint = target(p.Endpoint);
      if (topic?.FifoTopic === true && p.Protocol !== 'sqs') problems.push(`${id}: a FIFO topic delivers only to queues (https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html)`);
      if (p.Protocol === 'sqs') {
        if (topic?.FifoTopic !== true && props(endpoint)?.FifoQueue === true) problems.push(`${id}: a FIFO queue on a standard topic (https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html)`);
        if (!queueAllows(endpoint, 'sns.amazonaws.com', target(p.TopicArn), resources)) problems.push(`${id}: no queue policy lets the topic send to ${endpoint} (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html)`);
      }
      if (p.Protocol === 'lambda' && !permits(endpoint, 'sns.amazonaws.com', target(p.TopicArn), resources)) problems.push(`${id}: no permission for SNS to invoke ${endpoint} (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html)`);
      if ('RawMessageDelivery' in p && p.Protocol !== 'sqs') problems.push(`${id}: RawMessageDelivery is for SQS subscriptions (https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html)`);
      return problems;
    }
    case 'AWS::Events::Rule':
      for (const t of (p.Targets ?? []) as readonly TemplateValue[]) {
        const arn = target(at(t, ['Arn']));
        if (typeOf(arn) === 'AWS::Lambda::Function' && !permits(arn, 'events.amazonaws.com', id, resources)) problems.push(`${id}: no permission for EventBridge to invoke ${arn} (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html)`);
        if (typeOf(arn) === 'AWS::SQS::Queue') {
          if (!queueAllows(arn, 'events.amazonaws.com', id, resources)) problems.push(`${id}: no queue policy lets the rule send to ${arn}`);
          if (props(arn)?.FifoQueue === true && at(t, ['SqsParameters', 'MessageGroupId']) === undefined) problems.push(`${id}: a FIFO queue target needs SqsParameters.MessageGroupId`);
        }
      }
      return problems;
    default:
      return problems;
  }
}

/**
 * A mapping on an existing queue or stream (`arn = "…"`): its source is the ARN as written, and
 * the role must grant reading exactly that ARN (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html).
 */
function existingSourceRules(id: string, p: Properties, arn: string, lookup: Lookup): string[] {
  const problems: string[] = [];
  const service = arn.split(':')[2];
  const read = { sqs: 'sqs:ReceiveMessage', kinesis: 'kinesis:GetRecords', dynamodb: 'dynamodb:GetRecords' }[service ?? ''];
  if (read === undefined) return [`${id}: event source ${arn} is not a queue or a stream`];
  if ((service === 'sqs') === ('StartingPosition' in p)) problems.push(`${id}: StartingPosition exactly on a stream mapping (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html)`);
  if (service === 'dynamodb' && !/\/stream\/[^/]+$/.test(arn)) problems.push(`${id}: a table mapping reads the table's stream ARN (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html)`);
  const role = target(lookup.props(target(p.FunctionName))?.Role);
  const grants = ((lookup.props(role)?.Policies ?? []) as readonly TemplateValue[]).some((policy) =>
    ((at(policy, ['PolicyDocument', 'Statement']) ?? []) as readonly TemplateValue[]).some((statement) => {
      const actions = at(statement, ['Action']);
      return (Array.isArray(actions) ? actions : [actions]).includes(read) && ((at(statement, ['Resource']) ?? []) as readonly TemplateValue[]).includes(arn);
    }),
  );
  if (!grants) problems.push(`${id}: the role cannot ${read} on ${arn} (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html)`);
  return problems;
}

function mappingRules(id: string, p: Properties, lookup: Lookup): string[] {
  if (typeof p.EventSourceArn === 'string') return existingSourceRules(id, p, p.EventSourceArn, lookup);
  const { props, typeOf } = lookup;
  const problems: string[] = [];
  const sourceId = target(p.EventSourceArn);
  const sourceType = typeOf(sourceId);
  const source = props(sourceId);
  const fn = target(p.FunctionName);
  const name = physicalNameOf(sourceId, lookup.resources);
  if (sourceType === 'AWS::SQS::Queue') {
    if ('StartingPosition' in p) problems.push(`${id}: StartingPosition on an SQS mapping (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html)`);
    for (const key of ['ParallelizationFactor', 'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'BisectBatchOnFunctionError', 'TumblingWindowInSeconds', 'DestinationConfig']) {
      if (key in p) problems.push(`${id}: ${key} on an SQS mapping (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html)`);
    }
    const batch = (p.BatchSize ?? eventSourceMapping.sqsBatchSizeDefault) as number;
    const window = (p.MaximumBatchingWindowInSeconds ?? 0) as number;
    if (source?.FifoQueue === true) {
      if (batch > eventSourceMapping.sqsFifoBatchSizeMax) problems.push(`${id}: BatchSize ${batch} on a FIFO queue (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html)`);
      if ('MaximumBatchingWindowInSeconds' in p) problems.push(`${id}: a batching window on a FIFO queue (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html)`);
    } else if (batch > eventSourceMapping.sqsBatchSizeWithoutWindowMax && window < 1) {
      problems.push(`${id}: BatchSize ${batch} without a batching window (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html)`);
    }
    const visibility = (source?.VisibilityTimeout ?? sqs.visibilityTimeoutSecondsDefault) as number;
    const timeout = (props(fn)?.Timeout ?? lambda.timeoutSecondsDefault) as number;
    if (visibility < timeout) problems.push(`${id}: visibility ${visibility} s below the function timeout ${timeout} s (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html)`);
    if (!roleGrants(fn, 'sqs:ReceiveMessage', name, lookup)) problems.push(`${id}: the role of ${fn} cannot receive from ${sourceId} (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html)`);
  } else if (sourceType === 'AWS::Kinesis::Stream' || sourceType === 'AWS::DynamoDB::Table') {
    if (typeof p.StartingPosition !== 'string') problems.push(`${id}: a stream mapping needs StartingPosition (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html)`);
    if ((p.StartingPosition === 'AT_TIMESTAMP') !== ('StartingPositionTimestamp' in p)) problems.push(`${id}: StartingPositionTimestamp exactly with AT_TIMESTAMP (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html)`);
    if ('ScalingConfig' in p) problems.push(`${id}: ScalingConfig on a stream mapping (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html)`);
    if (sourceType === 'AWS::DynamoDB::Table') {
      if (p.StartingPosition === 'AT_TIMESTAMP') problems.push(`${id}: AT_TIMESTAMP on a DynamoDB stream (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html)`);
      if (!source?.StreamSpecification) problems.push(`${id}: the table has no stream (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html)`);
      const getAtt = at(p.EventSourceArn, ['Fn::GetAtt']);
      if (!Array.isArray(getAtt) || getAtt[1] !== 'StreamArn') problems.push(`${id}: a table mapping reads Fn::GetAtt StreamArn (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html)`);
    }
    const read = sourceType === 'AWS::Kinesis::Stream' ? 'kinesis:GetRecords' : 'dynamodb:GetRecords';
    if (!roleGrants(fn, read, name, lookup)) problems.push(`${id}: the role of ${fn} cannot read ${sourceId} (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html)`);
    const onFailure = target(at(p, ['DestinationConfig', 'OnFailure', 'Destination']));
    if (onFailure !== undefined) {
      const action = typeOf(onFailure) === 'AWS::SQS::Queue' ? 'sqs:SendMessage' : typeOf(onFailure) === 'AWS::SNS::Topic' ? 'sns:Publish' : undefined;
      if (!action) problems.push(`${id}: on-failure target ${onFailure} is not a queue or topic (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html)`);
      else if (!roleGrants(fn, action, physicalNameOf(onFailure, lookup.resources), lookup)) problems.push(`${id}: the role of ${fn} may not ${action} to ${onFailure} (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html)`);
    }
  } else {
    problems.push(`${id}: event source ${sourceId} is a ${sourceType}`);
  }
  return problems;
}

function physicalNameOf(id: string | undefined, resources: Template['Resources']): string {
  const p = id === undefined ? undefined : resources[id]?.Properties;
  const name = p?.QueueName ?? p?.TopicName ?? p?.FunctionName ?? p?.TableName ?? p?.Name;
  return typeof name === 'string' ? name : `?${id}`;
}

/** Does the execution role of function `fn` allow `action` on the resource of that physical name? */
function roleGrants(fn: string | undefined, action: string, physical: string, { props }: Lookup): boolean {
  const role = target(props(fn)?.Role);
  const policies = (props(role)?.Policies ?? []) as readonly TemplateValue[];
  for (const policy of policies) {
    for (const statement of (at(policy, ['PolicyDocument', 'Statement']) ?? []) as readonly TemplateValue[]) {
      const actions = at(statement, ['Action']);
      const list = Array.isArray(actions) ? actions : [actions];
      if (!list.includes(action)) continue;
      for (const arn of (at(statement, ['Resource']) ?? []) as readonly TemplateValue[]) {
        const text = String(at(arn, ['Fn::Sub']) ?? '');
        if (text.endsWith(`:${physical}`) || text.endsWith(`/${physical}`) || text.endsWith(`/${physical}/stream/*`) || text.endsWith(`:log-group:${physical}`)) return true;
      }
    }
  }
  return false;
}

/**
 * The logical ID of the resource a `SourceArn` names: a `Ref` or `Fn::GetAtt`, or the ARN of a
 * rule spelled from its name (`…:rule/<bus name>/<rule name>`), which is the rule with that
 * `Name` on the bus with that `Name`.
 */
function sourceOf(value: TemplateValue | undefined, resources: Template['Resources']): string | undefined {
  const referenced = target(value);
  if (referenced !== undefined) return referenced;
  const spelled = /:events:\$\{AWS::Region\}:\$\{AWS::AccountId\}:rule\/([^/]+)\/([^/]+)$/.exec(String(at(value, ['Fn::Sub']) ?? ''));
  if (!spelled) return undefined;
  const [, bus, rule] = spelled;
  // An existing bus (`arn = "…"`) is named by its ARN, `…:event-bus/<name>`.
  const busName = (value: TemplateValue | undefined) => (typeof value === 'string' ? value.slice(value.indexOf('event-bus/') + 'event-bus/'.length) : resources[target(value) ?? '']?.Properties.Name);
  return Object.entries(resources).find(([, r]) => r.Type === 'AWS::Events::Rule' && r.Properties.Name === rule && busName(r.Properties.EventBusName) === bus)?.[0];
}

function queueAllows(queue: string | undefined, service: string, source: string | undefined, resources: Template['Resources']): boolean {
  return Object.values(resources).some(
    (r) =>
      r.Type === 'AWS::SQS::QueuePolicy' &&
      ((r.Properties.Queues ?? []) as readonly TemplateValue[]).some((q) => target(q) === queue) &&
      ((at(r.Properties.PolicyDocument, ['Statement']) ?? []) as readonly TemplateValue[]).some(
        (s) => at(s, ['Principal', 'Service']) === service && at(s, ['Action']) === 'sqs:SendMessage' && sourceOf(at(s, ['Condition', 'ArnEquals', 'aws:SourceArn']), resources) === source,
      ),
  );
}

function permits(fn: string | undefined, principal: string, source: string | undefined, resources: Template['Resources']): boolean {
  return Object.values(resources).some(
    (r) =>
      r.Type === 'AWS::Lambda::Permission' &&
      target(r.Properties.FunctionName) === fn &&
      r.Properties.Principal === principal &&
      r.Properties.Action === 'lambda:InvokeFunction' &&
      sourceOf(r.Properties.SourceArn, resources) === source,
  );
}
