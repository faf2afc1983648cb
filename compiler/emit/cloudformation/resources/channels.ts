import type { BusSpec, StreamSpec, TableSpec, TopicSpec } from '../../../../runtime/manifest/schema.js';
import { type EmitContext, type NamedResource, resource } from '../context.js';
import { declarationId } from '../logical-id.js';
import type { TemplateValue } from '../template.js';

/** Topics, buses, Kinesis streams and DynamoDB tables: one resource each. */

/** Nothing for an existing one (`arn = "…"`): the stack does not create it, references use its ARN (EmitContext). */

export function topicResources(context: EmitContext, topic: TopicSpec): NamedResource[] {
  return topic.existing === undefined ? [topicResource(context, topic)] : [];
}

export function busResources(context: EmitContext, bus: BusSpec): NamedResource[] {
  return bus.existing === undefined ? [busResource(context, bus)] : [];
}

export function streamResources(context: EmitContext, stream: StreamSpec): NamedResource[] {
  return stream.existing === undefined ? [streamResource(context, stream)] : [];
}

export function tableResources(context: EmitContext, table: TableSpec): NamedResource[] {
  return table.existing === undefined ? [tableResource(context, table)] : [];
}

function topicResource(context: EmitContext, topic: TopicSpec): NamedResource {
  const properties: Record<string, TemplateValue> = { TopicName: context.physical('topic', topic.name) };
  if (topic.fifo) properties.FifoTopic = true;
  // Content-based deduplication on a standard topic fails the stack (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html).
  if (topic.fifoSettings?.deduplication?.kind === 'content') properties.ContentBasedDeduplication = true;
  return [declarationId(topic.name, 'Topic'), resource('AWS::SNS::Topic', properties, topic.name, topic.origin)];
}

function busResource(context: EmitContext, bus: BusSpec): NamedResource {
  return [declarationId(bus.name, 'Bus'), resource('AWS::Events::EventBus', { Name: context.physical('bus', bus.name) }, bus.name, bus.origin)];
}

function streamResource(context: EmitContext, stream: StreamSpec): NamedResource {
  const properties: Record<string, TemplateValue> = {
    Name: context.physical('stream', stream.name),
    StreamModeDetails: { StreamMode: stream.mode },
  };
  if (stream.shardCount !== null) properties.ShardCount = stream.shardCount;
  properties.RetentionPeriodHours = stream.retentionHours;
  return [declarationId(stream.name, 'Stream'), resource('AWS::Kinesis::Stream', properties, stream.name, stream.origin, { retain: stream.retain })];
}

/** On-demand billing: a .flow says nothing about capacity, and on-demand needs no numbers. */
function tableResource(context: EmitContext, table: TableSpec): NamedResource {
  const keys = [
    { key: table.partitionKey, keyType: 'HASH' },
    ...(table.sortKey ? [{ key: table.sortKey, keyType: 'RANGE' }] : []),
  ];
  const properties: Record<string, TemplateValue> = {
    TableName: context.physical('table', table.name),
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keys.map(({ key }) => ({ AttributeName: key.attribute, AttributeType: key.type })),
    KeySchema: keys.map(({ key, keyType }) => ({ AttributeName: key.attribute, KeyType: keyType })),
  };
  if (table.streamView) properties.StreamSpecification = { StreamViewType: table.streamView };
  if (table.ttl !== null) properties.TimeToLiveSpecification = { AttributeName: table.ttl, Enabled: true };
  return [declarationId(table.name, 'Table'), resource('AWS::DynamoDB::Table', properties, table.name, table.origin, { retain: table.retain })];
}
