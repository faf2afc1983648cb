import type { MessageAttributeValue } from '../world.js';

export type MessageState = 'delayed' | 'visible' | 'inflight' | 'deleted' | 'dead' | 'expired';

/** One SQS message, as the queue holds it. */
export class QueueMessage {
  receiveCount = 0;
  firstReceiveAtMs = 0;
  /** When it becomes (or became) visible. */
  visibleAtMs: number;
  state: MessageState;
  /** Bumped on every receive: a visibility expiry or a delete with an older receipt is stale. */
  receipt = 0;
  /** The id of the invocation of its latest receive by an event source mapping (0: none), which a redelivery retries. */
  lastInvocation = 0;

  constructor(
    readonly id: string,
    readonly body: string,
    /**
     * The MD5 of the body, as SQS computes it when the message is sent (SendMessage returns it,
     * every SQS record carries it): made once, with the message, so a waiting message holds no
     * string younger than itself (see envelopes.ts) and a redelivery costs no new digest.
     */
    readonly md5OfBody: string,
    readonly bytes: number,
    /** When it was first sent: retention counts from here, also in a dead-letter queue (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html). */
    readonly sentAtMs: number,
    /** Order within its queue. */
    readonly seq: number,
    readonly groupId: string | null,
    readonly deduplicationId: string | null,
    readonly sequenceNumber: string | null,
    readonly attributes: Readonly<Record<string, MessageAttributeValue>>,
    visibleAtMs: number,
  ) {
    this.visibleAtMs = visibleAtMs;
    this.state = 'delayed';
    this.hasAttributes = Object.keys(attributes).length > 0;
  }

  readonly hasAttributes: boolean;
}
