import type { Addresses } from './addresses.js';
import type { QueueMessage } from './services/message.js';
import { isoTime, isoTimeSeconds } from './time.js';
import type { MessageAttributeValue } from './world.js';

/**
 * The exact shapes AWS hands to handlers and targets (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html, https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html, https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html; the types of
 * @types/aws-lambda). Field order follows AWS's own examples, so traces and snapshots read like
 * the real thing.
 */

const SENDER_ID = 'AIDAIT2UOQQY3AUEKVGXU';

/**
 * One record of an SQSEvent (plain data: an accessor here would cost more than the rest of the
 * record, and `console.log` of the event would show it as `[Getter]`). Nothing made here is kept
 * on the message: a message waits long enough to be in V8's old generation, and a new string
 * hung on it would then survive every young collection until the next full one, even after the
 * message is gone. The MD5 of the body was made with the message, when it was sent.
 */
export function sqsRecord(message: QueueMessage, queueArn: string, region: string, sentTimestamp: string, firstReceiveTimestamp: string) {
  const attributes: Record<string, string> = {
    ApproximateReceiveCount: String(message.receiveCount),
    SentTimestamp: sentTimestamp,
    SenderId: SENDER_ID,
    ApproximateFirstReceiveTimestamp: firstReceiveTimestamp,
  };
  if (message.sequenceNumber !== null) {
    attributes.SequenceNumber = message.sequenceNumber;
    attributes.MessageGroupId = message.groupId ?? '';
    attributes.MessageDeduplicationId = message.deduplicationId ?? '';
  }
  return {
    messageId: message.id,
    receiptHandle: `${message.id}#${message.receiveCount}`,
    body: message.body,
    attributes,
    messageAttributes: message.hasAttributes ? lambdaMessageAttributes(message.attributes) : {},
    md5OfBody: message.md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/** SQS message attributes as a Lambda SQS record spells them (lower-case keys). */
function lambdaMessageAttributes(attributes: Readonly<Record<string, MessageAttributeValue>>) {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    result[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType,
    };
  }
  return result;
}

export interface SnsNotification {
  readonly messageId: string;
  readonly topicArn: string;
  readonly message: string;
  readonly subject: string | undefined;
  readonly epochMs: number;
  readonly attributes: Readonly<Record<string, MessageAttributeValue>>;
  readonly sequenceNumber: string | undefined;
}

/** An SNSEvent as SNS invokes a Lambda subscriber with it. */
export function snsEvent(notification: SnsNotification, subscriptionArn: string, region: string) {
  const attributes: Record<string, { Type: string; Value: string }> = {};
  for (const [name, value] of Object.entries(notification.attributes)) {
    attributes[name] = { Type: value.DataType, Value: value.StringValue ?? Buffer.from(value.BinaryValue ?? new Uint8Array()).toString('base64') };
  }
  return {
    Records: [
      {
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        EventSource: 'aws:sns',
        Sns: {
          SignatureVersion: '1',
          Timestamp: isoTime(notification.epochMs),
          Signature: 'SIMULATED',
          SigningCertUrl: `https://sns.${region}.amazonaws.com/SimpleNotificationService-simulated.pem`,
          MessageId: notification.messageId,
          Message: notification.message,
          MessageAttributes: attributes,
          Type: 'Notification',
          UnsubscribeUrl: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
          TopicArn: notification.topicArn,
          Subject: notification.subject ?? null,
        },
      },
    ],
  };
}

/** The JSON body an SQS subscriber gets without raw message delivery (note `SigningCertURL`). */
export function snsEnvelopeBody(notification: SnsNotification, subscriptionArn: string, region: string): string {
  const envelope: Record<string, unknown> = {
    Type: 'Notification',
    MessageId: notification.messageId,
  };
  if (notification.sequenceNumber !== undefined) envelope.SequenceNumber = notification.sequenceNumber;
  envelope.TopicArn = notification.topicArn;
  if (notification.subject !== undefined) envelope.Subject = notification.subject;
  envelope.Message = notification.message;
  envelope.Timestamp = isoTime(notification.epochMs);
  envelope.SignatureVersion = '1';
  envelope.Signature = 'SIMULATED';
  envelope.SigningCertURL = `https://sns.${region}.amazonaws.com/SimpleNotificationService-simulated.pem`;
  envelope.UnsubscribeURL = `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`;
  if (Object.keys(notification.attributes).length > 0) {
    const attributes: Record<string, { Type: string; Value: string }> = {};
    for (const [name, value] of Object.entries(notification.attributes)) attributes[name] = { Type: value.DataType, Value: value.StringValue ?? '' };
    envelope.MessageAttributes = attributes;
  }
  return JSON.stringify(envelope);
}

export interface EventBridgeEventShape {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

export function eventBridgeEvent(
  id: string,
  detailType: string,
  source: string,
  addresses: Addresses,
  epochMs: number,
  resources: readonly string[],
  detail: unknown,
): EventBridgeEventShape {
  return { version: '0', id, 'detail-type': detailType, source, account: addresses.account, time: isoTimeSeconds(epochMs), region: addresses.region, resources, detail };
}
