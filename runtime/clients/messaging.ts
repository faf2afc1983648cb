/**
 * Typed clients for queues and topics a function `sends` to. The message is sent as JSON.
 * A FIFO send takes its MessageGroupId and MessageDeduplicationId from the message fields the
 * queue or topic declares (`group = …`, `dedupe = …`); an id the flow does not place in the
 * message is a required option, so the compiler catches a send that SQS or SNS would reject.
 */
import { targetAddress } from './address.js';
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
};

/** The options parameter: optional when nothing is needed. */
export type FifoSendArgs<Needed extends FifoId> = [Needed] extends [never] ? [options?: FifoSendOptions<never>] : [options: FifoSendOptions<Needed>];

interface FifoIds {
  readonly MessageGroupId: string;
  readonly MessageDeduplicationId?: string;
}

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

async function sendToQueue(name: string, message: unknown, extra: FifoIds | { readonly DelaySeconds?: number }): Promise<SentMessage> {
  const { client, module } = await sqsSdk();
  const output = await client.send(new module.SendMessageCommand({ QueueUrl: targetAddress('queue', name), MessageBody: JSON.stringify(message), ...extra }));
  return sent(output.MessageId, output.SequenceNumber);
}

async function publishToTopic(name: string, message: unknown, extra: FifoIds | Record<never, never>): Promise<SentMessage> {
  const { client, module } = await snsSdk();
  const output = await client.send(new module.PublishCommand({ TopicArn: targetAddress('topic', name), Message: JSON.stringify(message), ...extra }));
  return sent(output.MessageId, output.SequenceNumber);
}

export interface QueueClient<T> {
  /** SendMessage with the JSON of `message`; `delaySeconds` (0–900) delays its delivery. */
  send(message: T, options?: { readonly delaySeconds?: number }): Promise<SentMessage>;
}

export function queueClient<T>(target: { readonly name: string }): QueueClient<T> {
  return {
    send: (message, options) => sendToQueue(target.name, message, options?.delaySeconds === undefined ? {} : { DelaySeconds: options.delaySeconds }),
  };
}

export interface FifoQueueClient<T, Needed extends FifoId> {
  /** SendMessage with the JSON of `message` and its group and deduplication ids (FIFO queues take no per-message delay). */
  send(message: T, ...options: FifoSendArgs<Needed>): Promise<SentMessage>;
}

export function fifoQueueClient<T, Needed extends FifoId>(target: { readonly name: string } & FifoKeys): FifoQueueClient<T, Needed> {
  return {
    send: async (message, ...[options]) => sendToQueue(target.name, message, fifoIds(message, target, options)),
  };
}

export interface TopicClient<T> {
  /** Publish with the JSON of `message`. */
  publish(message: T): Promise<SentMessage>;
}

export function topicClient<T>(target: { readonly name: string }): TopicClient<T> {
  return { publish: (message) => publishToTopic(target.name, message, {}) };
}

export interface FifoTopicClient<T, Needed extends FifoId> {
  /** Publish with the JSON of `message` and its group and deduplication ids. */
  publish(message: T, ...options: FifoSendArgs<Needed>): Promise<SentMessage>;
}

export function fifoTopicClient<T, Needed extends FifoId>(target: { readonly name: string } & FifoKeys): FifoTopicClient<T, Needed> {
  return {
    publish: async (message, ...[options]) => publishToTopic(target.name, message, fifoIds(message, target, options)),
  };
}
