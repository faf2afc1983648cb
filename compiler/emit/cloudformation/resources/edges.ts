import { resourcePolicy } from '../../../../runtime/aws/iam.js';
import { eventBridge } from '../../../../runtime/aws/limits.js';
import { eventBridgePattern, type Json } from '../../../../runtime/pattern/event-bridge.js';
import { lambdaFilterPatterns, snsFilterPolicy } from '../../../../runtime/pattern/filters.js';
import type { EdgeSpec, Pattern, QueueTriggerEdge, RuleEdge, RuleMatch, StreamTriggerEdge, SubscriptionEdge } from '../../../../runtime/manifest/schema.js';
import { type EmitContext, type NamedResource, resource } from '../context.js';
import { notificationResources } from './buckets.js';
import { declarationId } from '../logical-id.js';
import { subPseudo, getAtt, ref, type TemplateValue } from '../template.js';
import { routeResources } from './apis.js';

/**
 * The resources of an edge. Destinations have none of their own: they are the
 * `DestinationConfig` of the source's EventInvokeConfig (resources/functions.ts).
 */
export function edgeResources(context: EmitContext, edge: EdgeSpec): NamedResource[] {
  switch (edge.kind) {
    case 'destination':
    case 'schedule-target': // part of the schedule (resources/schedules.ts)
      return [];
    case 'queue-trigger':
      return [queueMapping(context, edge)];
    case 'stream-trigger':
    case 'table-trigger':
      return [streamMapping(context, edge)];
    case 'subscription':
      return subscription(context, edge);
    case 'rule':
      return rule(context, edge);
    case 'route':
      return routeResources(context, edge);
    case 'notification':
      return notificationResources(context, edge);
  }
}

/**
 * Lambda checks, when it creates a mapping, that the function's role may poll the source (and
 * send to its on-failure target): "The function execution role does not have permissions to call
 * ReceiveMessage on SQS". The mapping references the function, which references the role, but it
 * also `DependsOn` the role, which carries the policy inline: when a deploy adds a trigger to an
 * existing function, the role's new policy is then in place before the mapping is created, even
 * though the function itself does not change.
 */
function afterRole(edge: EdgeSpec): { readonly dependsOn: readonly string[] } {
  return { dependsOn: [declarationId(edge.target, 'FunctionRole')] };
}

/** SQS event source mapping (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html): no StartingPosition, no stream-only settings. */
function queueMapping(context: EmitContext, edge: QueueTriggerEdge): NamedResource {
  const properties: Record<string, TemplateValue> = {
    FunctionName: ref(declarationId(edge.target, 'Function')),
    EventSourceArn: context.targetArn('queue', edge.source),
    BatchSize: edge.batchSize,
  };
  // A FIFO queue refuses any batching window property, so a window of 0 is left out (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html).
  if (edge.batchingWindowSeconds > 0) properties.MaximumBatchingWindowInSeconds = edge.batchingWindowSeconds;
  if (edge.maximumConcurrency !== null) properties.ScalingConfig = { MaximumConcurrency: edge.maximumConcurrency };
  if (edge.reportBatchItemFailures) properties.FunctionResponseTypes = ['ReportBatchItemFailures'];
  if (edge.filter !== null) properties.FilterCriteria = filterCriteria(edge.filter, 'sqs');
  return [context.ids.edge(edge.id, 'Mapping'), resource('AWS::Lambda::EventSourceMapping', properties, edge.id, edge.origin, afterRole(edge))];
}

/**
 * `FilterCriteria` (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html):
 * one filter per alternative of `any_of` (Lambda ORs the filters), each `Pattern` the JSON text
 * Lambda parses, the payload's fields under the source's data key (runtime/pattern/filters.ts).
 */
function filterCriteria(filter: Pattern, service: 'sqs' | 'kinesis' | 'dynamodb'): TemplateValue {
  return { Filters: lambdaFilterPatterns(filter, service).map((pattern) => ({ Pattern: JSON.stringify(pattern) })) };
}

/** Kinesis and DynamoDB stream event source mappings: every stream setting is spelled out. */
function streamMapping(context: EmitContext, edge: StreamTriggerEdge): NamedResource {
  const source = edge.kind === 'stream-trigger' ? context.targetArn('stream', edge.source) : context.tableStreamArn(edge.source);
  const properties: Record<string, TemplateValue> = {
    FunctionName: ref(declarationId(edge.target, 'Function')),
    EventSourceArn: source,
    StartingPosition: edge.startingPosition,
  };
  if (edge.startingPositionTimestamp !== null) properties.StartingPositionTimestamp = edge.startingPositionTimestamp;
  properties.BatchSize = edge.batchSize;
  if (edge.batchingWindowSeconds > 0) properties.MaximumBatchingWindowInSeconds = edge.batchingWindowSeconds;
  Object.assign(properties, {
    ParallelizationFactor: edge.parallelizationFactor,
    MaximumRetryAttempts: edge.maximumRetryAttempts,
    MaximumRecordAgeInSeconds: edge.maximumRecordAgeSeconds,
    BisectBatchOnFunctionError: edge.bisectBatchOnFunctionError,
  });
  if (edge.onFailure) properties.DestinationConfig = { OnFailure: { Destination: context.targetArn(edge.onFailure.kind, edge.onFailure.name) } };
  if (edge.reportBatchItemFailures) properties.FunctionResponseTypes = ['ReportBatchItemFailures'];
  if (edge.filter !== null) properties.FilterCriteria = filterCriteria(edge.filter, edge.kind === 'stream-trigger' ? 'kinesis' : 'dynamodb');
  return [context.ids.edge(edge.id, 'Mapping'), resource('AWS::Lambda::EventSourceMapping', properties, edge.id, edge.origin, afterRole(edge))];
}

/**
 * An SNS subscription, created after what lets SNS deliver to its endpoint, so that no message
 * published right after the deploy is dropped between the two: a function's permission for SNS
 * to invoke it, a queue's queue policy (aws-cdk `SqsSubscription` waits for it too). Neither
 * references the subscription, so the `DependsOn` makes no cycle.
 */
function subscription(context: EmitContext, edge: SubscriptionEdge): NamedResource[] {
  const topic = context.targetArn('topic', edge.source);
  if (edge.targetKind === 'fn') {
    const fn = getAtt(declarationId(edge.target, 'Function'), 'Arn');
    const permissionId = context.ids.edge(edge.id, 'Permission');
    return [
      [
        context.ids.edge(edge.id, 'Subscription'),
        resource('AWS::SNS::Subscription', { TopicArn: topic, Protocol: 'lambda', Endpoint: fn, ...filterPolicy(edge) }, edge.id, edge.origin, { dependsOn: [permissionId] }),
      ],
      [permissionId, permission(fn, resourcePolicy.topicToFunction.service, topic, edge)],
    ];
  }
  const properties: Record<string, TemplateValue> = { TopicArn: topic, Protocol: 'sqs', Endpoint: context.targetArn('queue', edge.target) };
  if (edge.rawMessageDelivery) properties.RawMessageDelivery = true;
  const policy = context.deliveryPolicyId('queue', edge.target);
  Object.assign(properties, filterPolicy(edge));
  return [
    [
      context.ids.edge(edge.id, 'Subscription'),
      resource('AWS::SNS::Subscription', properties, edge.id, edge.origin, { dependsOn: policy === undefined ? [] : [policy] }),
    ],
  ];
}

/**
 * `FilterPolicy` on the message body (`FilterPolicyScope: MessageBody`,
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering-scope.html): a JSON object in
 * the template, or its text where CloudFormation would not read the object as written.
 */
function filterPolicy(edge: SubscriptionEdge): Record<string, TemplateValue> {
  if (edge.filter === null) return {};
  return { FilterPolicyScope: 'MessageBody', FilterPolicy: templatePattern(snsFilterPolicy(edge.filter)) };
}

/**
 * An EventBridge rule on the bus with one target, and the permission to invoke a function
 * target. The rule is created after what lets EventBridge deliver to its target (the function's
 * permission, the queue's policy): EventBridge retries only retriable errors, not a delivery
 * that its target's policy refuses
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html). Both of those name the rule in a `SourceArn` condition, so they spell its ARN from its
 * `Name` (names.ts `ruleName`) instead of referencing it, which would make a cycle.
 */
function rule(context: EmitContext, edge: RuleEdge): NamedResource[] {
  const ruleId = context.ids.edge(edge.id, 'Rule');
  const permissionId = context.ids.edge(edge.id, 'Permission');
  const targetArn = context.targetArn(edge.targetKind, edge.target);
  const target: Record<string, TemplateValue> = { Id: edge.target.slice(0, 64), Arn: targetArn };
  const retryPolicy: Record<string, TemplateValue> = {};
  if (edge.retryAttempts !== null) retryPolicy.MaximumRetryAttempts = edge.retryAttempts;
  if (edge.maximumEventAgeSeconds !== null) retryPolicy.MaximumEventAgeInSeconds = edge.maximumEventAgeSeconds;
  if (Object.keys(retryPolicy).length > 0) target.RetryPolicy = retryPolicy;
  // EventBridge refuses a FIFO queue target without a message group; it can only give a fixed
  // one, so all events of the rule share the group named after the bus.
  if (edge.targetKind === 'queue' && context.queue(edge.target).fifo) target.SqsParameters = { MessageGroupId: edge.source };
  const out: NamedResource[] = [
    [
      ruleId,
      resource(
        'AWS::Events::Rule',
        {
          Name: context.ruleName(edge),
          EventBusName: context.existing('bus', edge.source)?.arn ?? ref(declarationId(edge.source, 'Bus')),
          EventPattern: eventPattern(context, edge.match),
          State: 'ENABLED',
          Targets: [target],
        },
        edge.id,
        edge.origin,
        { dependsOn: edge.targetKind === 'fn' ? [permissionId] : [context.deliveryPolicyId(edge.targetKind, edge.target)].filter((id) => id !== undefined) },
      ),
    ],
  ];
  if (edge.targetKind === 'fn') out.push([permissionId, permission(targetArn, resourcePolicy.ruleToFunction.service, context.ruleArn(edge), edge)]);
  return out;
}

/**
 * - destination records: `source` lambda, the detail-type of the condition, and the function's
 *   qualified ARN in `resources` (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html);
 * - the app's own events: `source` is the app name (what the generated clients put);
 * - a `match` block: its EventBridge JSON (runtime/pattern/event-bridge.ts).
 */
function eventPattern(context: EmitContext, match: RuleMatch): TemplateValue {
  switch (match.kind) {
    case 'destination':
      return {
        source: [eventBridge.destinationSource],
        'detail-type': [match.condition === 'success' ? eventBridge.successDetailType : eventBridge.failureDetailType],
        resources: [subPseudo(`arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${context.physical('fn', match.function)}:$LATEST`)],
      };
    case 'app-events':
      return { source: [context.manifest.app] };
    case 'pattern':
      return templatePattern(eventBridgePattern(match.pattern));
  }
}

/**
 * A user's pattern as the template holds it: the JSON object, or the same JSON as one string
 * when CloudFormation would not read the object as written. CloudFormation resolves intrinsic
 * functions anywhere in a Json property, so an event field named `Ref` (or `Fn::…`) would become
 * one, and it refuses `null` in a template ("'null' values are not allowed in templates"), which
 * `field = null` needs. `EventPattern` takes a string as well as an object (its registry schema
 * types it `string | object`), and a string is passed to EventBridge as it is.
 */
export function templatePattern(pattern: { readonly [key: string]: Json }): TemplateValue {
  return needsText(pattern) ? JSON.stringify(pattern) : (pattern as TemplateValue);
}

function needsText(value: Json): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return (value as readonly Json[]).some(needsText);
  for (const [key, item] of Object.entries(value)) if (key === 'Ref' || key.startsWith('Fn::') || needsText(item)) return true;
  return false;
}

/** A Lambda permission for a service to invoke a function for one source only (runtime/aws/iam.ts `resourcePolicy`). */
function permission(functionArn: TemplateValue, principal: string, sourceArn: TemplateValue, edge: EdgeSpec) {
  return resource('AWS::Lambda::Permission', { Action: resourcePolicy.topicToFunction.action, FunctionName: functionArn, Principal: principal, SourceArn: sourceArn }, edge.id, edge.origin);
}
