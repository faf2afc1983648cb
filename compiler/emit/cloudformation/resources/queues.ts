import { resourcePolicy, type ServiceGrant } from '../../../../runtime/aws/iam.js';
import type { QueueSpec } from '../../../../runtime/manifest/schema.js';
import { type EmitContext, type NamedResource, resource } from '../context.js';
import { declarationId } from '../logical-id.js';
import { allowBucket } from './buckets.js';
import { getAtt, ref, type TemplateValue } from '../template.js';

/** A queue, and the queue policy that lets its topics and rules deliver to it. */
export function queueResources(context: EmitContext, queue: QueueSpec): NamedResource[] {
  // An existing queue is not the stack's: nothing to create, and its policy is its owner's (docs/cloudformation.md).
  if (queue.existing !== undefined) return [];
  const queueId = declarationId(queue.name, 'Queue');
  const properties: Record<string, TemplateValue> = { QueueName: context.physical('queue', queue.name) };
  // `FifoQueue: false` fails the stack ("Unknown Attribute FifoQueue"), so standard queues omit it (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html).
  if (queue.fifoSettings) {
    properties.FifoQueue = true;
    if (queue.fifoSettings.deduplication?.kind === 'content') properties.ContentBasedDeduplication = true;
    properties.DeduplicationScope = queue.fifoSettings.deduplicationScope;
    properties.FifoThroughputLimit = queue.fifoSettings.throughputLimit;
  }
  Object.assign(properties, {
    VisibilityTimeout: queue.visibilityTimeoutSeconds,
    MessageRetentionPeriod: queue.messageRetentionSeconds,
    DelaySeconds: queue.delaySeconds,
    MaximumMessageSize: queue.maximumMessageBytes,
    ReceiveMessageWaitTimeSeconds: queue.receiveWaitSeconds,
  });
  if (queue.redrive) {
    properties.RedrivePolicy = {
      deadLetterTargetArn: context.targetArn('queue', queue.redrive.deadLetterQueue),
      maxReceiveCount: queue.redrive.maxReceiveCount,
    };
  }
  const out: NamedResource[] = [[queueId, resource('AWS::SQS::Queue', properties, queue.name, queue.origin, { retain: queue.retain })]];
  const policy = queuePolicy(context, queue, queueId);
  if (policy) out.push([declarationId(queue.name, 'QueuePolicy'), policy]);
  return out;
}

/**
 * SNS, EventBridge and S3 need the queue's permission to send to it; without it their messages are
 * dropped silently (runtime/aws/iam.ts `resourcePolicy`). One policy per queue: a second
 * `AWS::SQS::QueuePolicy` on the same queue would replace the first. Lambda destinations need
 * none, the function's role grants them.
 */
function queuePolicy(context: EmitContext, queue: QueueSpec, queueId: string) {
  const statements: TemplateValue[] = [];
  for (const edge of context.edgesInto(queue.name)) {
    if (edge.kind === 'subscription') statements.push(allowSend(resourcePolicy.topicToQueue, queueId, context.targetArn('topic', edge.source)));
    // The rule's ARN spelled from its name, not referenced: the rule comes after this policy (resources/edges.ts).
    if (edge.kind === 'rule') statements.push(allowSend(resourcePolicy.ruleToQueue, queueId, context.ruleArn(edge)));
    if (edge.kind === 'notification') statements.push(allowBucket(resourcePolicy.bucketToQueue, getAtt(queueId, 'Arn'), context, edge.source));
  }
  if (statements.length === 0) return undefined;
  return resource(
    'AWS::SQS::QueuePolicy',
    { Queues: [ref(queueId)], PolicyDocument: { Version: '2012-10-17', Statement: statements } },
    queue.name,
    queue.origin,
  );
}

function allowSend(grant: ServiceGrant, queueId: string, sourceArn: TemplateValue): TemplateValue {
  return {
    Effect: 'Allow',
    Principal: { Service: grant.service },
    Action: grant.action,
    Resource: getAtt(queueId, 'Arn'),
    Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } },
  };
}
