// AWS events as Lambda delivers them, for the runtime tests: the shapes of https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html.
import type { Context } from 'aws-lambda';
import type { DynamoDbEvent, KinesisEvent, SnsEvent, SqsEvent } from '../../../runtime/handler/envelopes.js';
import { encodeBase64Json, encodeImage, encodeJson } from '../../../runtime/handler/decode.js';

export const context = { awsRequestId: 'req-1', functionName: 'shop-fn' } as Context;

export function sqsEvent<T>(bodies: readonly (T | string)[], queueArn = 'arn:aws:sqs:eu-west-1:123456789012:orders'): SqsEvent<T> {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `m${i + 1}`,
      receiptHandle: `r${i + 1}`,
      body: typeof body === 'string' ? body : encodeJson(body),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: 'eu-west-1',
    })),
  };
}

export function kinesisEvent<T>(records: readonly (T | { raw: string })[]): KinesisEvent<T> {
  return {
    Records: records.map((record, i) => ({
      awsRegion: 'eu-west-1',
      eventID: `shardId-000:${i}`,
      eventName: 'aws:kinesis:record',
      eventSource: 'aws:kinesis',
      eventSourceARN: 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks',
      eventVersion: '1.0',
      invokeIdentityArn: 'arn:aws:iam::123456789012:role/r',
      kinesis: {
        approximateArrivalTimestamp: 0,
        data: typeof record === 'object' && record !== null && 'raw' in record ? record.raw : encodeBase64Json(record),
        kinesisSchemaVersion: '1.0',
        partitionKey: 'k',
        sequenceNumber: `4959${i}`,
      },
    })),
  };
}

/** A batch of item changes of a table whose stream view is `view`. */
export function dynamodbEvent<T extends object>(
  changes: readonly { name: 'INSERT' | 'MODIFY' | 'REMOVE'; newImage?: T; oldImage?: T; keys: Partial<T> }[],
  view: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'KEYS_ONLY' = 'NEW_AND_OLD_IMAGES',
): DynamoDbEvent<T> {
  return {
    Records: changes.map((change, i) => ({
      eventID: `e${i}`,
      eventName: change.name,
      eventSource: 'aws:dynamodb',
      eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/stock/stream/2026',
      dynamodb: {
        Keys: encodeImage(change.keys) as never,
        ...(change.newImage ? { NewImage: encodeImage(change.newImage) } : {}),
        ...(change.oldImage ? { OldImage: encodeImage(change.oldImage) } : {}),
        SequenceNumber: `${100 + i}`,
        StreamViewType: view,
      },
    })),
  };
}

export function snsEvent<T>(messages: readonly T[]): SnsEvent<T> {
  return {
    Records: messages.map((message, i) => ({
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:eu-west-1:123456789012:placed:sub',
      EventSource: 'aws:sns',
      Sns: {
        SignatureVersion: '1',
        Timestamp: '2026-01-01T00:00:00.000Z',
        Signature: '',
        SigningCertUrl: '',
        MessageId: `n${i + 1}`,
        Message: encodeJson(message),
        MessageAttributes: {},
        Type: 'Notification',
        UnsubscribeUrl: '',
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:placed',
      },
    })),
  };
}
