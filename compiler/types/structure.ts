import type { FieldType, PayloadType, RecordType } from '../../runtime/manifest/types.js';
import type { TypeEnvironment } from './environment.js';

const str: PayloadType = { kind: 'string' };
const int: PayloadType = { kind: 'int' };
const timestamp: PayloadType = { kind: 'timestamp' };
const literals = (...values: string[]): PayloadType => ({ kind: 'union', members: values.map((value) => ({ kind: 'literal', value })) });
const field = (name: string, type: PayloadType, optional = false): FieldType => ({ name, type, optional });
const record = (...fields: FieldType[]): RecordType => ({ kind: 'record', fields });

/**
 * The error object of a failed invocation (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). The Node.js runtime, the only one flowc
 * deploys, names the stack `trace` (the AWS docs' example, from another runtime, `stackTrace`).
 */
export const errorPayload: RecordType = record(
  field('errorMessage', str),
  field('errorType', str, true),
  field('trace', { kind: 'array', element: str }, true),
);

/** `requestContext.condition` of a success record, and of a failure record (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html, undocumented by AWS). */
export const successConditions = ['Success'];
export const failureConditions = ['RetriesExhausted', 'EventAgeExceeded', 'ZeroReservedConcurrency'];

/**
 * The invocation record a destination of `fn` receives (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). On failure `responseContext`
 * and `responsePayload` are optional: with reserved concurrency 0 Lambda sends neither.
 */
export function invocationRecord(condition: 'success' | 'failure', request: PayloadType, output: PayloadType | null): RecordType {
  const success = condition === 'success';
  return record(
    field('version', str),
    field('timestamp', timestamp),
    field(
      'requestContext',
      record(
        field('requestId', str),
        field('functionArn', str),
        field('condition', literals(...(success ? successConditions : failureConditions))),
        field('approximateInvokeCount', int),
      ),
    ),
    field('requestPayload', request),
    field(
      'responseContext',
      record(
        field('statusCode', int),
        field('executedVersion', str),
        ...(success ? [] : [field('functionError', literals('Handled', 'Unhandled'), true)]),
      ),
      !success,
    ),
    field('responsePayload', success ? (output ?? { kind: 'unknown' }) : errorPayload, !success),
  );
}

/** The on-failure record of a Kinesis or DynamoDB stream mapping: batch metadata, not the records (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html). */
export function streamFailureRecord(source: 'kinesis' | 'dynamodb'): RecordType {
  return record(
    field(
      'requestContext',
      record(
        field('requestId', str),
        field('functionArn', str),
        field('condition', literals('RetryAttemptsExhausted', 'RecordAgeExceeded')),
        field('approximateInvokeCount', int),
      ),
    ),
    field('responseContext', record(field('statusCode', int), field('executedVersion', str), field('functionError', str))),
    field('version', str),
    field('timestamp', timestamp),
    field(
      source === 'kinesis' ? 'KinesisBatchInfo' : 'DDBStreamBatchInfo',
      record(
        field('shardId', str),
        field('startSequenceNumber', str),
        field('endSequenceNumber', str),
        field('approximateArrivalOfFirstRecord', timestamp),
        field('approximateArrivalOfLastRecord', timestamp),
        field('batchSize', int),
        field('streamArn', str),
      ),
    ),
  );
}

/**
 * The event Lambda passes to a function subscribed to a topic (@types/aws-lambda `SNSEvent`):
 * one record whose `Sns.Message` is the JSON text of the payload.
 */
export function snsLambdaEvent(): RecordType {
  return snsLambdaEventType;
}

const snsLambdaEventType: RecordType = Object.freeze(
  record(
    field(
      'Records',
      {
        kind: 'array',
        element: record(
          field('EventSource', str),
          field('EventVersion', str),
          field('EventSubscriptionArn', str),
          field(
            'Sns',
            record(
              field('Type', str),
              field('MessageId', str),
              field('TopicArn', str),
              field('Subject', str, true),
              field('Message', str),
              field('Timestamp', timestamp),
              field('SignatureVersion', str),
              field('Signature', str),
              field('SigningCertUrl', str),
              field('UnsubscribeUrl', str),
              field('MessageAttributes', { kind: 'record', fields: [] }),
            ),
          ),
        ),
      },
    ),
  ),
);

/**
 * S3's event message (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html);
 * through a queue or topic it may be the `s3:TestEvent` message instead, so every field is
 * optional there (a union of records has no form in the language).
 */
function s3NotificationRecord(testEvent: boolean): RecordType {
  const s3Record = record(
    field('eventVersion', str),
    field('eventSource', str),
    field('awsRegion', str),
    field('eventTime', timestamp),
    field('eventName', str),
    field('userIdentity', record(field('principalId', str))),
    field('requestParameters', record(field('sourceIPAddress', str))),
    field('responseElements', { kind: 'record', fields: [] }),
    field(
      's3',
      record(
        field('s3SchemaVersion', str),
        field('configurationId', str),
        field('bucket', record(field('name', str), field('ownerIdentity', record(field('principalId', str))), field('arn', str))),
        field('object', record(field('key', str), field('size', int, true), field('eTag', str, true), field('versionId', str, true), field('sequencer', str))),
      ),
    ),
  );
  const records = field('Records', { kind: 'array', element: s3Record }, testEvent);
  if (!testEvent) return record(records);
  return record(records, field('Service', str, true), field('Event', str, true), field('Time', timestamp, true), field('Bucket', str, true), field('RequestId', str, true), field('HostId', str, true));
}

/**
 * Follows references and expands the fixed AWS shapes into records. References are followed
 * in a loop, so a long chain of aliases costs no stack; a chain that comes back to a name it
 * passed (only possible in an environment that does not drop recursive types) has no shape.
 */
export function structureOf(type: PayloadType, env: TypeEnvironment): PayloadType {
  let current = type;
  let seen: Set<string> | undefined;
  for (let hops = 0; current.kind === 'ref'; hops++) {
    if (hops >= 64) {
      seen ??= new Set();
      if (seen.has(current.name)) return { kind: 'unknown' };
      seen.add(current.name);
    }
    const target = env.named(current.name);
    if (target === undefined) return { kind: 'unknown' };
    current = target;
  }
  switch (current.kind) {
    case 'invocation':
      return invocationRecord(current.condition, env.functionRequest(current.function), env.functionOutput(current.function));
    case 'streamFailure':
      return streamFailureRecord(current.source);
    case 'eventBridgeEvent':
      return record(
        field('version', str),
        field('id', str),
        field('detail-type', current.detailType === null ? str : { kind: 'literal', value: current.detailType }),
        field('source', str),
        field('account', str),
        field('time', timestamp),
        field('region', str),
        field('resources', { kind: 'array', element: str }),
        field('detail', current.detail),
      );
    case 's3Notification':
      return s3NotificationRecord(current.testEvent);
    default:
      return current;
  }
}
