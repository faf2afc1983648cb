import type { ResourceKind, TableSpec } from '../../manifest/schema.js';
import type { Addresses } from '../addresses.js';
import { AwsServiceError } from '../errors.js';
import { md5Hex } from '../hashing.js';
import type { MessageAttributeValue, Router } from '../world.js';
import type { SdkDispatcher } from './dispatch.js';
import { dynamoDbCommand, type TableAccess } from './dynamodb-commands.js';

type Input = Readonly<Record<string, unknown>>;

/**
 * Executes the SDK commands of handler code against the simulated resources: resolves the
 * queue URL, topic ARN, bus, stream or table name (the values of the send-target variables) to
 * a resource of the flow, and answers with the SDK's output shape.
 */
export function createDispatcher(router: Router, addresses: Addresses, currentFunction: () => string, tables: readonly TableSpec[], nowMs: () => number): SdkDispatcher {
  const resolve = (kind: ResourceKind, address: unknown, parameter: string): string => {
    if (typeof address !== 'string' || address === '') throw new AwsServiceError('ValidationException', `${parameter} is required`);
    const name = addresses.resolve(kind, address);
    if (name === undefined) {
      throw new AwsServiceError(
        kind === 'queue' ? 'AWS.SimpleQueueService.NonExistentQueue' : 'ResourceNotFoundException',
        `${address} is not a ${kind} of this flow (the simulator knows only the flow's own resources; is it in the function's sends?)`,
      );
    }
    return name;
  };
  const from = (): string => `handler ${currentFunction()}`;

  const sendMessage = (input: Input) => {
    const queue = resolve('queue', input.QueueUrl, 'QueueUrl');
    const body = requireString(input.MessageBody, 'MessageBody');
    const result = router.sendMessage(queue, {
      body,
      groupId: optionalString(input.MessageGroupId),
      deduplicationId: optionalString(input.MessageDeduplicationId),
      delaySeconds: typeof input.DelaySeconds === 'number' ? input.DelaySeconds : undefined,
      attributes: input.MessageAttributes as Record<string, MessageAttributeValue> | undefined,
      from: from(),
    });
    return { MessageId: result.messageId, MD5OfMessageBody: md5Hex(body), ...(result.sequenceNumber !== undefined ? { SequenceNumber: result.sequenceNumber } : {}) };
  };

  const publish = (input: Input) => {
    const topic = resolve('topic', input.TopicArn ?? input.TargetArn, 'TopicArn');
    const result = router.publish(topic, {
      message: requireString(input.Message, 'Message'),
      subject: optionalString(input.Subject),
      groupId: optionalString(input.MessageGroupId),
      deduplicationId: optionalString(input.MessageDeduplicationId),
      attributes: input.MessageAttributes as Record<string, MessageAttributeValue> | undefined,
      from: from(),
    });
    return { MessageId: result.messageId, ...(result.sequenceNumber !== undefined ? { SequenceNumber: result.sequenceNumber } : {}) };
  };

  const putRecord = (input: Input) => {
    const stream = resolve('stream', input.StreamName ?? streamNameOfArn(input.StreamARN), 'StreamName');
    const data = input.Data;
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data instanceof Uint8Array ? data : null;
    if (bytes === null) throw new AwsServiceError('ValidationException', 'Data must be a Uint8Array');
    const result = router.putRecord(stream, {
      data: bytes,
      partitionKey: requireString(input.PartitionKey, 'PartitionKey'),
      explicitHashKey: optionalString(input.ExplicitHashKey),
      from: from(),
    });
    return { ShardId: result.shardId, SequenceNumber: result.sequenceNumber };
  };

  const tableSpecs = new Map(tables.map((t) => [t.name, t]));
  const tableAccess: TableAccess = {
    router,
    from,
    resolve: (address) => tableSpecs.get(resolve('table', address, 'TableName')) as TableSpec,
  };

  return {
    nowMs,
    dispatch(service, command, input) {
      switch (`${service}.${command}`) {
        case 'sqs.SendMessage':
          return sendMessage(input);
        case 'sqs.SendMessageBatch':
          return batch(input.Entries, (entry) => ({ Id: entry.Id, ...sendMessage({ ...entry, QueueUrl: input.QueueUrl }) }));
        case 'sns.Publish':
          return publish(input);
        case 'sns.PublishBatch':
          return batch(input.PublishBatchRequestEntries, (entry) => ({ Id: entry.Id, ...publish({ ...entry, TopicArn: input.TopicArn }) }));
        case 'eventbridge.PutEvents': {
          const entries = Array.isArray(input.Entries) ? (input.Entries as Input[]) : [];
          const results = entries.map((entry) => {
            const bus = resolve('bus', entry.EventBusName ?? 'default', 'EventBusName');
            const detailText = requireString(entry.Detail ?? '{}', 'Detail');
            let detail: unknown;
            try {
              detail = JSON.parse(detailText);
            } catch {
              throw new AwsServiceError('ValidationException', 'Detail is malformed: it must be a JSON object');
            }
            const eventId = router.putEvent(bus, {
              source: requireString(entry.Source, 'Source'),
              detailType: requireString(entry.DetailType, 'DetailType'),
              detail,
              resources: Array.isArray(entry.Resources) ? (entry.Resources as string[]) : [],
              from: from(),
            });
            return { EventId: eventId };
          });
          return { FailedEntryCount: 0, Entries: results };
        }
        case 'kinesis.PutRecord':
          return putRecord(input);
        case 'kinesis.PutRecords': {
          const records = Array.isArray(input.Records) ? (input.Records as Input[]) : [];
          return { FailedRecordCount: 0, Records: records.map((record) => putRecord({ ...record, StreamName: input.StreamName, StreamARN: input.StreamARN })) };
        }
        default:
          if (service === 'dynamodb' || service === 'dynamodb-document') return dynamoDbCommand(tableAccess, service === 'dynamodb-document', command, input);
          throw notModelled(service, command);
      }
    },
  };
}

function batch(entries: unknown, each: (entry: Input) => Record<string, unknown>) {
  const list = Array.isArray(entries) ? (entries as Input[]) : [];
  return { Successful: list.map(each), Failed: [] };
}

function streamNameOfArn(arn: unknown): string | undefined {
  return typeof arn === 'string' ? arn.slice(arn.lastIndexOf('/') + 1) : undefined;
}

function requireString(value: unknown, parameter: string): string {
  if (typeof value !== 'string') throw new AwsServiceError('ValidationException', `${parameter} must be a string`);
  return value;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function notModelled(service: string, command: string): Error {
  return new Error(`flowc sim: ${service} ${command} is not modelled by the simulator (see docs/simulator.md, "Handler code and the AWS SDK")`);
}
