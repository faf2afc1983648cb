import { resourcePolicy, type ServiceGrant } from '../../../../runtime/aws/iam.js';
import type { BucketSpec, NotificationEdge, TopicSpec } from '../../../../runtime/manifest/schema.js';
import { type EmitContext, type NamedResource, resource } from '../context.js';
import { declarationId } from '../logical-id.js';
import { arnOf } from '../names.js';
import { getAtt, ref, subPseudo, type TemplateValue } from '../template.js';

/**
 * S3 buckets (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html)
 * and what their notifications need.
 *
 * The cycle hand-written templates hit: S3 checks, when the bucket's NotificationConfiguration
 * is stored, that it may deliver to each destination ("Unable to validate the following
 * destination configurations"), so the bucket must come after the Lambda permission, queue
 * policy or topic policy; and those name the bucket in their `SourceArn` condition. flowc's
 * bucket names are known before the bucket exists (runtime/manifest/names.ts `bucketName`), so
 * the permissions spell the bucket's ARN from its name instead of referencing it, and the
 * bucket `DependsOn` them: no cycle, and nothing is created in two steps.
 */
export function bucketResource(context: EmitContext, bucket: BucketSpec): NamedResource {
  const properties: Record<string, TemplateValue> = {
    BucketName: subPseudo(context.physical('bucket', bucket.name)),
    // SSE-S3, S3's default since January 2023, written out so the template says it
    // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html).
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
  };
  if (bucket.versioned) properties.VersioningConfiguration = { Status: 'Enabled' };
  const edges = context.edgesFrom(bucket.name).filter((edge): edge is NotificationEdge => edge.kind === 'notification');
  const notifications = notificationConfiguration(context, edges);
  if (notifications !== undefined) properties.NotificationConfiguration = notifications;
  const dependsOn = [...new Set(edges.flatMap((edge) => destinationPolicyId(context, edge) ?? []))];
  return [declarationId(bucket.name, 'Bucket'), resource('AWS::S3::Bucket', properties, bucket.name, bucket.origin, { retain: bucket.retain, dependsOn })];
}

/** One configuration per event type of each edge, grouped by the kind of destination, in edge order. */
function notificationConfiguration(context: EmitContext, edges: readonly NotificationEdge[]): TemplateValue | undefined {
  const lambda: TemplateValue[] = [];
  const queue: TemplateValue[] = [];
  const topic: TemplateValue[] = [];
  for (const edge of edges) {
    const filter = keyFilter(edge);
    for (const event of edge.events) {
      const base: Record<string, TemplateValue> = { Event: event };
      if (filter !== undefined) base.Filter = filter;
      if (edge.targetKind === 'fn') lambda.push({ ...base, Function: getAtt(declarationId(edge.target, 'Function'), 'Arn') });
      else if (edge.targetKind === 'queue') queue.push({ ...base, Queue: context.targetArn('queue', edge.target) });
      else topic.push({ ...base, Topic: context.targetArn('topic', edge.target) });
    }
  }
  const out: Record<string, TemplateValue> = {};
  if (lambda.length > 0) out.LambdaConfigurations = lambda;
  if (queue.length > 0) out.QueueConfigurations = queue;
  if (topic.length > 0) out.TopicConfigurations = topic;
  return Object.keys(out).length === 0 ? undefined : out;
}

function keyFilter(edge: NotificationEdge): TemplateValue | undefined {
  const rules: TemplateValue[] = [];
  if (edge.prefix !== null) rules.push({ Name: 'prefix', Value: edge.prefix });
  if (edge.suffix !== null) rules.push({ Name: 'suffix', Value: edge.suffix });
  return rules.length === 0 ? undefined : { S3Key: { Rules: rules } };
}

/** What lets S3 deliver along the edge: the Lambda permission of the bucket's first edge to the function, the queue's policy or the topic's (none for an existing one: its owner's). */
function destinationPolicyId(context: EmitContext, edge: NotificationEdge): string | undefined {
  if (edge.targetKind === 'fn') return context.ids.edge(firstToTarget(context, edge).id, 'Permission');
  return context.deliveryPolicyId(edge.targetKind, edge.target);
}

/** The bucket's ARN from its name (no reference: the bucket comes after what names it). */
function bucketArn(context: EmitContext, bucket: string): TemplateValue {
  return arnOf('bucket', context.physical('bucket', bucket));
}

/** The bucket's first notification edge to the edge's target (itself when it is the only one). */
function firstToTarget(context: EmitContext, edge: NotificationEdge): NotificationEdge {
  const first = context.edgesFrom(edge.source).find((e): e is NotificationEdge => e.kind === 'notification' && e.target === edge.target);
  return first ?? edge;
}

/**
 * S3's permission to invoke the function of a notification edge, for this bucket of this
 * account only: one per bucket and function, made by the first of their edges (the permission
 * names no filter, so a second would only repeat it).
 */
export function notificationResources(context: EmitContext, edge: NotificationEdge): NamedResource[] {
  if (edge.targetKind !== 'fn' || firstToTarget(context, edge) !== edge) return [];
  const grant = resourcePolicy.bucketToFunction;
  return [
    [
      context.ids.edge(edge.id, 'Permission'),
      resource(
        'AWS::Lambda::Permission',
        {
          Action: grant.action,
          FunctionName: getAtt(declarationId(edge.target, 'Function'), 'Arn'),
          Principal: grant.service,
          SourceArn: bucketArn(context, edge.source),
          // A bucket's ARN names no account; without this another account's bucket of the same name could invoke it.
          SourceAccount: ref('AWS::AccountId'),
        },
        edge.id,
        edge.origin,
      ),
    ],
  ];
}

/**
 * The statement of a queue or topic policy that lets S3 send for one bucket of this account
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html).
 */
export function allowBucket(grant: ServiceGrant, resourceArn: TemplateValue, context: EmitContext, bucket: string): TemplateValue {
  return {
    Effect: 'Allow',
    Principal: { Service: grant.service },
    Action: grant.action,
    Resource: resourceArn,
    Condition: { ArnEquals: { 'aws:SourceArn': bucketArn(context, bucket) }, StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
  };
}

/** A topic's policy, when buckets notify it: one per topic, since a second would replace the first. */
export function topicPolicy(context: EmitContext, topic: TopicSpec): NamedResource[] {
  if (topic.existing !== undefined) return [];
  const topicId = declarationId(topic.name, 'Topic');
  const buckets = [...new Set(context.edgesInto(topic.name).filter((edge) => edge.kind === 'notification').map((edge) => edge.source))];
  if (buckets.length === 0) return [];
  const statements = buckets.map((bucket) => allowBucket(resourcePolicy.bucketToTopic, ref(topicId), context, bucket));
  return [
    [
      declarationId(topic.name, 'TopicPolicy'),
      resource('AWS::SNS::TopicPolicy', { Topics: [ref(topicId)], PolicyDocument: { Version: '2012-10-17', Statement: statements } }, topic.name, topic.origin),
    ],
  ];
}
