import { eventBridge, kinesis, sns, sqs } from '../../aws/limits.js';
import type { SendKind, TableSpec } from '../../manifest/schema.js';
import type { Addresses } from '../addresses.js';
import { type CarriedTypes, checkingRouter } from '../carried-types.js';
import { AwsServiceError } from '../errors.js';
import type { MessageAttributeValue, Router } from '../world.js';
import { AccessDeniedError, type RolePermissions } from './authorize.js';
import type { SdkDispatcher } from './dispatch.js';
import { dynamoDbCommand, type TableAccess } from './dynamodb-commands.js';
import { s3Command } from './s3-commands.js';

type Input = Readonly<Record<string, unknown>>;

/** The error code of each service for a resource it does not have. */
const notFoundCodes: Readonly<Record<SendKind, string>> = {
  queue: 'AWS.SimpleQueueService.NonExistentQueue',
  topic: 'ResourceNotFoundException',
  bus: 'ResourceNotFoundException',
  stream: 'ResourceNotFoundException',
  table: 'ResourceNotFoundException',
  bucket: 'NoSuchBucket',
};

/**
 * Executes the SDK commands of handler code against the simulated resources: resolves the
 * queue URL, topic ARN, bus, stream or table name (the values of the send-target variables) to
 * a resource of the flow, refuses the call when the function's role does not allow it
 * (`permissions`, as IAM would), and answers with the SDK's output shape. What the code writes is
 * checked against the flow's types first (`carried`).
 */
export function createDispatcher(
  flowRouter: Router,
  addresses: Addresses,
  currentFunction: () => string,
  tables: readonly TableSpec[],
  nowMs: () => number,
  carried: CarriedTypes,
  permissions: RolePermissions,
): SdkDispatcher {
  // The command being dispatched, for the authorization of each resource it names.
  let call: { readonly command: string; readonly input: Input } = { command: '', input: {} };
  const router = checkingRouter(flowRouter, carried, currentFunction);
  const resolve = (kind: SendKind, address: unknown, parameter: string): string => {
    if (typeof address !== 'string' || address === '') throw new AwsServiceError('ValidationException', `${parameter} is required`);
    const name = addresses.resolve(kind, address);
    if (name === undefined) {
      throw new AwsServiceError(
        notFoundCodes[kind],
        `${address} is not a ${kind} of this flow (the simulator knows only the flow's own resources; is it in the function's sends?)`,
      );
    }
    permissions.authorize(currentFunction(), kind, call.command, name, call.input.Key);
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
    return { MessageId: result.messageId, MD5OfMessageBody: result.md5OfBody, ...(result.sequenceNumber !== undefined ? { SequenceNumber: result.sequenceNumber } : {}) };
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

  const putEvent = (entry: Input): string => {
    const bus = resolve('bus', entry.EventBusName ?? 'default', 'EventBusName');
    const detailText = requireString(entry.Detail ?? '{}', 'Detail');
    let detail: unknown;
    try {
      detail = JSON.parse(detailText);
    } catch {
      throw new AwsServiceError('MalformedDetail', 'Detail is malformed: it must be a JSON object');
    }
    return router.putEvent(bus, {
      source: requireString(entry.Source, 'Source'),
      detailType: requireString(entry.DetailType, 'DetailType'),
      detail,
      resources: Array.isArray(entry.Resources) ? (entry.Resources as string[]) : [],
      from: from(),
    });
  };

  const tableSpecs = new Map(tables.map((t) => [t.name, t]));
  const tableAccess: TableAccess = {
    router,
    from,
    checkItem: (table, item) => carried.check(currentFunction(), 'table', table, item),
    resolve: (address) => tableSpecs.get(resolve('table', address, 'TableName')) as TableSpec,
  };

  const bucketAccess = { router, from, resolve: (address: unknown) => resolve('bucket', address, 'Bucket') };

  return {
    nowMs,
    dispatch(service, command, input) {
      call = { command, input };
      switch (`${service}.${command}`) {
        case 'sqs.SendMessage':
          return sendMessage(input);
        case 'sqs.SendMessageBatch':
          return batch(input.Entries, sqsBatch, (entry) => sendMessage({ ...entry, QueueUrl: input.QueueUrl }));
        case 'sns.Publish':
          return publish(input);
        case 'sns.PublishBatch':
          return batch(input.PublishBatchRequestEntries, snsBatch, (entry) => publish({ ...entry, TopicArn: input.TopicArn }));
        case 'eventbridge.PutEvents': {
          const entries = Array.isArray(input.Entries) ? (input.Entries as Input[]) : [];
          if (entries.length === 0 || entries.length > eventBridge.putEventsEntriesMax) {
            throw new AwsServiceError('ValidationException', `Entries must have between 1 and ${eventBridge.putEventsEntriesMax} members, got ${entries.length}`);
          }
          const bytes = entries.reduce((sum, e) => sum + utf8(e.Source) + utf8(e.DetailType) + utf8(e.Detail) + (Array.isArray(e.Resources) ? e.Resources.reduce((n: number, r: unknown) => n + utf8(r), 0) : 0), 0);
          if (bytes > eventBridge.eventBytesMax) throw new AwsServiceError('ValidationException', 'Total size of the entries in the request is over the limit.');
          // An entry's own problem is reported in its result; the others go on (PutEvents answers 200).
          const results = entries.map((entry) => {
            try {
              return { EventId: putEvent(entry) };
            } catch (error) {
              if (!(error instanceof AwsServiceError) || error instanceof AccessDeniedError) throw error;
              return { ErrorCode: error.name, ErrorMessage: error.message };
            }
          });
          return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
        }
        case 'kinesis.PutRecord':
          return putRecord(input);
        case 'kinesis.PutRecords': {
          const records = Array.isArray(input.Records) ? (input.Records as Input[]) : [];
          if (records.length === 0 || records.length > kinesis.putRecordsMax) {
            throw new AwsServiceError('ValidationException', `Records must have between 1 and ${kinesis.putRecordsMax} members, got ${records.length}`);
          }
          const results = records.map((record) => {
            try {
              return putRecord({ ...record, StreamName: input.StreamName, StreamARN: input.StreamARN });
            } catch (error) {
              if (!(error instanceof AwsServiceError) || error instanceof AccessDeniedError) throw error;
              return { ErrorCode: error.name, ErrorMessage: error.message };
            }
          });
          return { FailedRecordCount: results.filter((r) => 'ErrorCode' in r).length, Records: results };
        }
        default:
          if (service === 'dynamodb' || service === 'dynamodb-document') return dynamoDbCommand(tableAccess, service === 'dynamodb-document', command, input);
          if (service === 's3') return s3Command(bucketAccess, command, input);
          throw notModelled(service, command);
      }
    },
  };
}

/** The limits of SendMessageBatch and PublishBatch, and the codes their request-level errors have. */
interface BatchRules {
  readonly entriesMax: number;
  readonly bytesMax: number;
  readonly bodyKey: string;
  /** `AWS.SimpleQueueService.` for SQS, nothing for SNS. */
  readonly codePrefix: string;
}

const sqsBatch: BatchRules = { entriesMax: sqs.sendBatchEntriesMax, bytesMax: sqs.sendBatchBytesMax, bodyKey: 'MessageBody', codePrefix: 'AWS.SimpleQueueService.' };
const snsBatch: BatchRules = { entriesMax: sns.publishBatchEntriesMax, bytesMax: sns.publishBatchBytesMax, bodyKey: 'Message', codePrefix: '' };

function utf8(value: unknown): number {
  return typeof value === 'string' ? Buffer.byteLength(value) : 0;
}

/** A message's size as SQS and SNS count it: the body and each attribute's name, type and value. */
function messageBytes(entry: Input, bodyKey: string): number {
  let bytes = utf8(entry[bodyKey]);
  for (const [name, value] of Object.entries((entry.MessageAttributes ?? {}) as Record<string, MessageAttributeValue>)) {
    bytes += utf8(name) + utf8(value.DataType) + (value.BinaryValue?.length ?? utf8(value.StringValue));
  }
  return bytes;
}

/**
 * A batch call as SQS and SNS answer it: what is wrong with the request as a whole (no
 * entries, too many, ids that repeat, too many bytes together) fails it; an entry's own problem
 * goes into `Failed` with its code and the other entries are sent.
 */
function batch(entries: unknown, rules: BatchRules, each: (entry: Input) => Record<string, unknown>) {
  const list = Array.isArray(entries) ? (entries as Input[]) : [];
  const fail = (code: string, message: string) => new AwsServiceError(`${rules.codePrefix}${code}`, message);
  if (list.length === 0) throw fail('EmptyBatchRequest', 'There should be at least one entry in the request.');
  if (list.length > rules.entriesMax) throw fail('TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${rules.entriesMax}. You have sent ${list.length}.`);
  if (new Set(list.map((e) => e.Id)).size !== list.length) throw fail('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');
  const bytes = list.reduce((sum, e) => sum + messageBytes(e, rules.bodyKey), 0);
  if (bytes > rules.bytesMax) throw fail('BatchRequestTooLong', `Batch requests cannot be longer than ${rules.bytesMax} bytes. You have sent ${bytes} bytes.`);
  const successful: Record<string, unknown>[] = [];
  const failed: Record<string, unknown>[] = [];
  for (const entry of list) {
    try {
      successful.push({ Id: entry.Id, ...each(entry) });
    } catch (error) {
      if (!(error instanceof AwsServiceError) || error instanceof AccessDeniedError) throw error;
      failed.push({ Id: entry.Id, Code: error.name, Message: error.message, SenderFault: true });
    }
  }
  return { Successful: successful, Failed: failed };
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
