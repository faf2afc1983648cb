import { sns as snsLimits } from '../../aws/limits.js';
import type { SubscriptionEdge, TopicSpec } from '../../manifest/schema.js';
import { snsEnvelopeBody, snsEvent, type SnsNotification } from '../envelopes.js';
import { AwsServiceError } from '../errors.js';
import { Priority } from '../event-queue.js';
import { sha256Hex } from '../hashing.js';
import { formatOffset } from '../time.js';
import { preview, shortId } from '../trace.js';
import type { PublishInput, PublishResult, World } from '../world.js';
import { DedupWindow } from './dedup.js';
import { type RecordFilter, recordFilter } from './filter-views.js';

interface Topic {
  readonly spec: TopicSpec;
  readonly arn: string;
  readonly subscriptions: { readonly edge: SubscriptionEdge; readonly filter: RecordFilter | null }[];
  readonly dedup: DedupWindow | null;
  sequence: number;
}

/**
 * Amazon SNS (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html): a publish fans out to every subscription. A function subscriber is invoked
 * asynchronously with an SNSEvent; a queue subscriber gets the message itself with raw message
 * delivery, or the JSON envelope without. FIFO topics deduplicate over 5 minutes and pass the
 * group and deduplication ids on to their FIFO queues. Deliveries to Lambda and SQS succeed at
 * once: SNS's own delivery retries (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html) never come into play.
 */
export class SnsService {
  private readonly topics = new Map<string, Topic>();

  constructor(private readonly world: World) {
    for (const spec of world.manifest.topics) {
      this.topics.set(spec.name, { spec, arn: world.addresses.arn('topic', spec.name), subscriptions: [], dedup: spec.fifo ? new DedupWindow() : null, sequence: 0 });
    }
    for (const edge of world.manifest.edges) {
      if (edge.kind === 'subscription') this.topics.get(edge.source)?.subscriptions.push({ edge, filter: recordFilter(edge.filter, 'sns') });
    }
  }

  publish(name: string, input: PublishInput): PublishResult {
    const world = this.world;
    const topic = this.topics.get(name);
    if (topic === undefined) throw new AwsServiceError('NotFound', `Topic does not exist: ${name}`);
    if (Buffer.byteLength(input.message) > snsLimits.messageBytesMax) throw new AwsServiceError('InvalidParameter', 'Invalid parameter: Message too long');
    let sequenceNumber: string | undefined;
    if (topic.spec.fifo) {
      if (input.groupId === undefined || input.groupId === '') {
        throw new AwsServiceError('InvalidParameter', 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
      }
      const deduplicationId = input.deduplicationId ?? (topic.spec.fifoSettings?.deduplication?.kind === 'content' ? sha256Hex(input.message) : undefined);
      if (deduplicationId === undefined) {
        throw new AwsServiceError('InvalidParameter', 'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      }
      const firstSeen = topic.dedup!.check(deduplicationId, world.clock.nowMs);
      if (firstSeen !== undefined) {
        world.trace.record(name, 'duplicate', `from ${input.from} dropped: deduplication id ${shortId(deduplicationId)} was published at ${formatOffset(firstSeen)}, within 5m`);
        return { messageId: world.rng.uuid(), duplicate: true };
      }
      input = { ...input, deduplicationId };
      sequenceNumber = String(++topic.sequence).padStart(20, '0');
    }
    const messageId = world.rng.uuid();
    if (world.trace.enabled) {
      const group = input.groupId === undefined ? '' : ` · group ${input.groupId}`;
      world.trace.record(name, 'publish', `message ${shortId(messageId)} from ${input.from}${group} · ${input.label ?? preview(input.message, 100)}`);
    }
    const notification: SnsNotification = {
      messageId,
      topicArn: topic.arn,
      message: input.message,
      subject: input.subject,
      epochMs: world.epochMs(),
      attributes: input.attributes ?? {},
      sequenceNumber,
    };
    world.schedule(world.clock.nowMs, Priority.Arrive, () => this.fanOut(topic, notification, input));
    return { messageId, ...(sequenceNumber !== undefined ? { sequenceNumber } : {}), duplicate: false };
  }

  private fanOut(topic: Topic, notification: SnsNotification, input: PublishInput): void {
    const world = this.world;
    const region = world.options.region;
    const from = `topic ${topic.spec.name}`;
    for (const { edge, filter } of topic.subscriptions) {
      if (filter !== null && !filter(notification.message)) {
        // The subscription's FilterPolicy (scope MessageBody) rejects it: SNS does not deliver it to this subscriber (https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html).
        world.stats.count(world.stats.filtered, edge.id);
        if (world.trace.enabled) world.trace.record(topic.spec.name, 'filtered', `message ${shortId(notification.messageId)} not delivered to ${edge.target}: it does not match the filter policy of ${edge.id}`);
        continue;
      }
      const subscriptionArn = `${topic.arn}:${edge.target}`;
      try {
        if (edge.targetKind === 'fn') {
          world.router.invokeAsync(edge.target, snsEvent(notification, subscriptionArn, region), from);
        } else {
          world.router.sendMessage(edge.target, {
            body: edge.rawMessageDelivery ? notification.message : snsEnvelopeBody(notification, subscriptionArn, region),
            groupId: input.groupId,
            deduplicationId: input.deduplicationId,
            attributes: edge.rawMessageDelivery ? input.attributes : undefined,
            from,
            label: edge.rawMessageDelivery ? input.label : `SNS envelope of message ${shortId(notification.messageId)}`,
          });
        }
      } catch (error) {
        world.trace.record(topic.spec.name, 'warning', `delivery to ${edge.target} failed: ${(error as Error).message}; the message is dropped for it`);
      }
    }
  }
}
