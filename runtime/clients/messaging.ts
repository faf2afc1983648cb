/**
 * Typed clients for queues and topics a function `sends` to. The message is sent as JSON.
 * A FIFO send takes its MessageGroupId and MessageDeduplicationId from the message fields the
 * queue or topic declares (`group = …`, `dedupe = …`); an id the flow does not place in the
 * message is a required option, so the compiler catches a send that SQS or SNS would reject.
 * Batch sends (SendMessageBatch, PublishBatch) split the entries into requests AWS accepts and
 * throw a `BatchSendError` naming every entry that was not sent (batches.ts).
 */
import { sns, sqs } from '../aws/limits.js';
import { targetAddress } from './address.js';
import { attributesBytes, type MessageAttributes, sdkAttributes } from './attributes.js';
import { outcomesById, sendInBatches, utf8Bytes } from './batches.js';
import { idFromField } from './field-path.js';
import { snsSdk, sqsSdk } from './sdk.js';

/** Where a FIFO target finds its ids in a message, as the flow declares them. */
export interface FifoKeys {
  /** `group = …`: the field used as MessageGroupId; null when the sender gives it. */
  readonly groupBy: readonly string[] | null;
  /** `dedupe = …`: content-based, a field, or null when the sender gives it. */
  readonly deduplication: 'content' | readonly string[] | null;
}

/** The ids a FIFO send must be given because the flow does not say where they are in the message. */
export type FifoId = 'groupId' | 'deduplicationId';

/** Options of a FIFO send: the ids in `Needed` are required; either may override the message's. */
export type FifoSendOptions<Needed extends FifoId> = { readonly [K in Needed]: string } & {
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly attributes?: MessageAttributes;
};

/** The options parameter: optional when nothing is needed. */
export type FifoSendArgs<Needed extends FifoId> = [Needed] extends [never] ? [options?: FifoSendOptions<never>] : [options: FifoSendOptions<Needed>];

/** One message of a FIFO batch send, with the ids the flow does not place in it. */
export type FifoBatchEntry<T, Needed extends FifoId> = { readonly message: T } & FifoSendOptions<Needed>;

/** One message of a standard-queue batch send. */
export interface QueueBatchEntry<T> {
  readonly message: T;
  /** 0–900 seconds. */
  readonly delaySeconds?: number;
  readonly attributes?: MessageAttributes;
}

/** One message of a standard-topic batch publish. */
export interface TopicBatchEntry<T> {
  readonly message: T;
  readonly subject?: string;
  readonly attributes?: MessageAttributes;
}

type FifoIds = {
  readonly MessageGroupId: string;
  readonly MessageDeduplicationId?: string;
};

function fifoIds(message: unknown, keys: FifoKeys, options: FifoSendOptions<never> | undefined): FifoIds {
  const group = options?.groupId ?? (keys.groupBy === null ? undefined : idFromField(message, keys.groupBy, 'MessageGroupId'));
  if (group === undefined) throw new TypeError('a FIFO send needs a MessageGroupId: pass `groupId`');
  let dedup = options?.deduplicationId;
  if (dedup === undefined && Array.isArray(keys.deduplication)) dedup = idFromField(message, keys.deduplication, 'MessageDeduplicationId');
  if (dedup === undefined && keys.deduplication === null) throw new TypeError('a FIFO send needs a MessageDeduplicationId: pass `deduplicationId`');
  return dedup === undefined ? { MessageGroupId: group } : { MessageGroupId: group, MessageDeduplicationId: dedup };
}

export interface SentMessage {
  readonly messageId: string;
  /** FIFO targets only. */
  readonly sequenceNumber?: string;
}

function sent(messageId: string | undefined, sequenceNumber: string | undefined): SentMessage {
  return sequenceNumber === undefined ? { messageId: messageId ?? '' } : { messageId: messageId ?? '', sequenceNumber };
}

/** What one message adds to the request: its parameters besides the body. */
type MessageExtra = Readonly<Record<string, unknown>>;

async function sendToQueue(name: string, message: unknown, extra: MessageExtra): Promise<SentMessage> {
  const { client, module } = await sqsSdk();
  const output = await client.send(new module.SendMessageCommand({ QueueUrl: targetAddress('queue', name), MessageBody: JSON.stringify(message), ...extra }));
  return sent(output.MessageId, output.SequenceNumber);
}

interface Outgoing {
  readonly body: string;
  readonly extra: MessageExtra;
  readonly bytes: number;
}

function outgoing(message: unknown, extra: MessageExtra, attributes: MessageAttributes | undefined): Outgoing {
  const body = JSON.stringify(message);
  return { body, extra: { ...extra, ...sdkAttributes(attributes) }, bytes: utf8Bytes(body) + attributesBytes(attributes) };
}

async function sendBatchToQueue<Entry>(name: string, entries: readonly Entry[], toMessage: (entry: Entry) => Outgoing, ordered: boolean): Promise<SentMessage[]> {
  return sendInBatches(entries, toMessage, { target: `queue \`${name}\``, maxEntries: sqs.sendBatchEntriesMax, maxBytes: sqs.sendBatchBytesMax, sizeOf: (m) => m.bytes, ordered }, async (chunk) => {
    const { client, module } = await sqsSdk();
    const output = await client.send(
      new module.SendMessageBatchCommand({ QueueUrl: targetAddress('queue', name), Entries: chunk.map((m, i) => ({ Id: String(i), MessageBody: m.body, ...m.extra })) }),
    );
    return outcomesById(chunk.length, output.Successful, output.Failed, (entry: { MessageId?: string; SequenceNumber?: string }) => sent(entry.MessageId, entry.SequenceNumber));
  });
}

async function publishToTopic(name: string, message: unknown, extra: MessageExtra): Promise<SentMessage> {
  const { client, module } = await snsSdk();
  const output = await client.send(new module.PublishCommand({ TopicArn: targetAddress('topic', name), Message: JSON.stringify(message), ...extra }));
  return sent(output.MessageId, output.SequenceNumber);
}

async function publishBatchToTopic<Entry>(name: string, entries: readonly Entry[], toMessage: (entry: Entry) => Outgoing, ordered: boolean): Promise<SentMessage[]> {
  return sendInBatches(entries, toMessage, { target: `topic \`${name}\``, maxEntries: sns.publishBatchEntriesMax, maxBytes: sns.publishBatchBytesMax, sizeOf: (m) => m.bytes, ordered }, async (chunk) => {
    const { client, module } = await snsSdk();
    const output = await client.send(
      new module.PublishBatchCommand({ TopicArn: targetAddress('topic', name), PublishBatchRequestEntries: chunk.map((m, i) => ({ Id: String(i), Message: m.body, ...m.extra })) }),
    );
    return outcomesById(chunk.length, output.Successful, output.Failed, (entry: { MessageId?: string; SequenceNumber?: string }) => sent(entry.MessageId, entry.SequenceNumber));
  });
}

export interface QueueClient<T> {
  /** SendMessage with the JSON of `message`; `delaySeconds` (0–900) delays its delivery. */
  send(message: T, options?: { readonly delaySeconds?: number; readonly attributes?: MessageAttributes }): Promise<SentMessage>;
  /** SendMessageBatch: 10 messages (and at most 1 MiB) per request; throws `BatchSendError` if any is not sent. */
  sendBatch(entries: readonly QueueBatchEntry<T>[]): Promise<SentMessage[]>;
}

export function queueClient<T>(target: { readonly name: string }): QueueClient<T> {
  const extraOf = (options: { readonly delaySeconds?: number } | undefined) => (options?.delaySeconds === undefined ? {} : { DelaySeconds: options.delaySeconds });
  return {
    send: (message, options) => sendToQueue(target.name, message, { ...extraOf(options), ...sdkAttributes(options?.attributes) }),
    sendBatch: async (entries) => sendBatchToQueue(target.name, entries, (e) => outgoing(e.message, extraOf(e), e.attributes), false),
  };
}

export interface FifoQueueClient<T, Needed extends FifoId> {
  /** SendMessage with the JSON of `message` and its group and deduplication ids (FIFO queues take no per-message delay). */
  send(message: T, ...options: FifoSendArgs<Needed>): Promise<SentMessage>;
  /**
   * SendMessageBatch, in order: 10 messages per request. After a request with a failed message
   * the rest are not sent (they would overtake it in their group); throws `BatchSendError`.
   */
  sendBatch(entries: readonly FifoBatchEntry<T, Needed>[]): Promise<SentMessage[]>;
}

export function fifoQueueClient<T, Needed extends FifoId>(target: { readonly name: string } & FifoKeys): FifoQueueClient<T, Needed> {
  return {
    send: async (message, ...[options]) => sendToQueue(target.name, message, { ...fifoIds(message, target, options), ...sdkAttributes(options?.attributes) }),
    sendBatch: async (entries) =>
      sendBatchToQueue(target.name, entries, (e) => outgoing(e.message, fifoIds(e.message, target, e as FifoSendOptions<never>), e.attributes), true),
  };
}

export interface TopicClient<T> {
  /** Publish with the JSON of `message`. */
  publish(message: T, options?: { readonly subject?: string; readonly attributes?: MessageAttributes }): Promise<SentMessage>;
  /** PublishBatch: 10 messages (and at most 256 KiB) per request; throws `BatchSendError` if any is not published. */
  publishBatch(entries: readonly TopicBatchEntry<T>[]): Promise<SentMessage[]>;
}

export function topicClient<T>(target: { readonly name: string }): TopicClient<T> {
  const extraOf = (options: { readonly subject?: string } | undefined) => (options?.subject === undefined ? {} : { Subject: options.subject });
  return {
    publish: (message, options) => publishToTopic(target.name, message, { ...extraOf(options), ...sdkAttributes(options?.attributes) }),
    publishBatch: async (entries) => publishBatchToTopic(target.name, entries, (e) => outgoing(e.message, extraOf(e), e.attributes), false),
  };
}

export interface FifoTopicClient<T, Needed extends FifoId> {
  /** Publish with the JSON of `message` and its group and deduplication ids. */
  publish(message: T, ...options: FifoSendArgs<Needed>): Promise<SentMessage>;
  /** PublishBatch, in order (as `FifoQueueClient.sendBatch`). */
  publishBatch(entries: readonly FifoBatchEntry<T, Needed>[]): Promise<SentMessage[]>;
}

export function fifoTopicClient<T, Needed extends FifoId>(target: { readonly name: string } & FifoKeys): FifoTopicClient<T, Needed> {
  return {
    publish: async (message, ...[options]) => publishToTopic(target.name, message, { ...fifoIds(message, target, options), ...sdkAttributes(options?.attributes) }),
    publishBatch: async (entries) =>
      publishBatchToTopic(target.name, entries, (e) => outgoing(e.message, fifoIds(e.message, target, e as FifoSendOptions<never>), e.attributes), true),
  };
}
