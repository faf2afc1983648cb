import type { QueueSpec } from '../../manifest/schema.js';
import { AwsServiceError } from '../errors.js';
import { Priority } from '../event-queue.js';
import { md5Hex, sha256Hex } from '../hashing.js';
import { formatDuration, formatOffset } from '../time.js';
import { preview, shortId } from '../trace.js';
import type { QueueStats } from '../stats.js';
import type { MessageAttributeValue, QueueSendInput, QueueSendResult, World } from '../world.js';
import { DedupWindow } from './dedup.js';
import { FifoStore } from './fifo-store.js';
import { QueueMessage } from './message.js';
import { type MessageStore, StandardStore } from './standard-store.js';

/** A received batch: hidden until `deadlineMs`, unless deleted first. */
export interface ReceivedBatch {
  readonly messages: readonly QueueMessage[];
  /** The receipt of each message at this receive (a later receive makes it stale). */
  readonly receipts: readonly number[];
  readonly deadlineMs: number;
  readonly visibilityMs: number;
  /** Every message was deleted: nothing can come back. */
  settled: boolean;
}

/**
 * Batches in flight with one visibility timeout, in receive order — so also in deadline order —
 * and the one visibility check scheduled for the earliest deadline (one agenda event per
 * deadline that matters, not one per batch).
 */
interface InFlight {
  readonly batches: ReceivedBatch[];
  head: number;
  checkAtMs: number | null;
}

/** The attributes of the many messages sent without any: one object, never changed, for all of them. */
const NO_ATTRIBUTES: Readonly<Record<string, MessageAttributeValue>> = Object.freeze({});

/** Amazon SQS: every queue of the flow. */
export class SqsService {
  private readonly queues = new Map<string, SimQueue>();

  constructor(world: World) {
    for (const spec of world.manifest.queues) this.queues.set(spec.name, new SimQueue(world, spec, this));
  }

  queue(name: string): SimQueue {
    const queue = this.queues.get(name);
    if (queue === undefined) throw new AwsServiceError('QueueDoesNotExist', `The specified queue does not exist: ${name}`);
    return queue;
  }

  all(): IterableIterator<SimQueue> {
    return this.queues.values();
  }
}

/**
 * One queue (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html): sends with delays and FIFO deduplication, receives that hide messages for the
 * visibility timeout and count receives, deletes, redrive to the dead-letter queue after
 * `maxReceiveCount` receives (checked when a receive would hand the message out again, as SQS
 * does), and retention.
 */
export class SimQueue {
  readonly store: MessageStore;
  /**
   * Every message that may still be in the queue, in the order it arrived here; gone ones are
   * dropped from the front as they go (messages mostly leave in order), so this stays small.
   */
  private readonly arrived: QueueMessage[] = [];
  private arrivedHead = 0;
  /** Messages in the queue now: delayed, visible or in flight. */
  private liveCount = 0;
  private readonly dedup: DedupWindow | null;
  private readonly consumers: (() => void)[] = [];
  private readonly inFlight = new Map<number, InFlight>();
  private readonly stats: QueueStats;
  private seq = 0;
  private fifoSequence = 0;
  readonly arn: string;

  constructor(
    private readonly world: World,
    readonly spec: QueueSpec,
    private readonly service: SqsService,
  ) {
    this.store = spec.fifo ? new FifoStore() : new StandardStore(world.options.standardOrder, world.rng);
    this.dedup = spec.fifo ? new DedupWindow() : null;
    this.arn = world.addresses.arn('queue', spec.name);
    this.stats = world.stats.queue(spec.name);
  }

  get name(): string {
    return this.spec.name;
  }

  /** A poller to wake whenever messages become available. */
  addConsumer(wake: () => void): void {
    this.consumers.push(wake);
  }

  /** `SendMessage`: validates like SQS, drops FIFO duplicates, and makes the message visible (after any delay). */
  send(input: QueueSendInput): QueueSendResult {
    const world = this.world;
    const spec = this.spec;
    const now = world.clock.nowMs;
    const bytes = Buffer.byteLength(input.body);
    if (bytes > spec.maximumMessageBytes) {
      throw new AwsServiceError('InvalidParameterValue', `One or more parameters are invalid. Reason: Message must be shorter than ${spec.maximumMessageBytes} bytes.`);
    }
    if (input.body.length === 0) throw new AwsServiceError('MissingParameter', 'The request must contain the parameter MessageBody.');
    let groupId: string | null = null;
    let deduplicationId: string | null = null;
    if (spec.fifo) {
      if (input.delaySeconds !== undefined && input.delaySeconds !== 0) {
        throw new AwsServiceError('InvalidParameterValue', 'Value for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.');
      }
      if (input.groupId === undefined || input.groupId === '') throw new AwsServiceError('MissingParameter', 'The request must contain the parameter MessageGroupId.');
      groupId = input.groupId;
      deduplicationId = input.deduplicationId ?? (spec.fifoSettings?.deduplication?.kind === 'content' ? sha256Hex(input.body) : null);
      if (deduplicationId === null) {
        throw new AwsServiceError('InvalidParameterValue', 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      }
      const scope = spec.fifoSettings?.deduplicationScope === 'messageGroup' ? `${groupId}\u0000${deduplicationId}` : deduplicationId;
      const firstSeen = this.dedup!.check(scope, now);
      if (firstSeen !== undefined) {
        this.stats.duplicates++;
        world.trace.record(spec.name, 'duplicate', `from ${input.from} dropped: deduplication id ${shortId(deduplicationId)} was sent at ${formatOffset(firstSeen)}, within 5m`);
        return { messageId: world.rng.uuid(), md5OfBody: md5Hex(input.body), duplicate: true };
      }
    }
    const id = world.rng.uuid();
    const delayMs = Math.max(spec.delaySeconds, input.delaySeconds ?? 0) * 1000;
    const sequenceNumber = spec.fifo ? String(++this.fifoSequence).padStart(20, '0') : null;
    const md5OfBody = md5Hex(input.body);
    const message = new QueueMessage(id, input.body, md5OfBody, bytes, now, this.seq++, groupId, deduplicationId, sequenceNumber, input.attributes ?? NO_ATTRIBUTES, now + delayMs);
    this.stats.sent++;
    if (world.trace.enabled) {
      const group = groupId === null ? '' : ` · group ${groupId}`;
      const delay = delayMs > 0 ? ` · delayed ${formatDuration(delayMs)}` : '';
      world.trace.record(spec.name, 'send', `message ${shortId(id)} from ${input.from}${group}${delay} · ${input.label ?? preview(input.body, 100)}`);
    }
    this.enqueue(message);
    if (!spec.fifo && world.options.duplicateProbability > 0 && world.rng.float() < world.options.duplicateProbability) {
      // At-least-once delivery: a second copy of the same message (same id), as standard queues may deliver.
      const copy = new QueueMessage(id, input.body, md5OfBody, bytes, now, this.seq++, null, null, null, input.attributes ?? NO_ATTRIBUTES, now + delayMs);
      world.trace.record(spec.name, 'send', `message ${shortId(id)} stored twice (at-least-once delivery)`);
      this.stats.sent++;
      this.enqueue(copy);
    }
    return sequenceNumber === null ? { messageId: id, md5OfBody, duplicate: false } : { messageId: id, md5OfBody, sequenceNumber, duplicate: false };
  }

  /** A message moved here by the redrive policy of another queue: same id and send time (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html). */
  acceptRedriven(from: QueueMessage): void {
    const now = this.world.clock.nowMs;
    // FIFO → FIFO dead-letter queue: the deduplication id becomes the message id (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html).
    const sequenceNumber = this.spec.fifo ? String(++this.fifoSequence).padStart(20, '0') : null;
    const message = new QueueMessage(
      from.id,
      from.body,
      from.md5OfBody,
      from.bytes,
      from.sentAtMs,
      this.seq++,
      this.spec.fifo ? from.groupId ?? from.id : null,
      this.spec.fifo ? from.id : null,
      sequenceNumber,
      from.attributes,
      now,
    );
    this.stats.sent++;
    this.enqueue(message);
  }

  private enqueue(message: QueueMessage): void {
    this.arrived.push(message);
    this.liveCount++;
    if (message.visibleAtMs > this.world.clock.nowMs) {
      this.world.schedule(message.visibleAtMs, Priority.Arrive, () => {
        if (message.state !== 'delayed') return;
        message.state = 'visible';
        this.store.makeVisible(message);
        this.wake();
      });
      return;
    }
    message.state = 'visible';
    this.store.makeVisible(message);
    this.wake();
  }

  /**
   * `ReceiveMessage`: up to `max` messages, hidden for `visibilityMs`. Messages past their
   * retention period expire here, and those received `maxReceiveCount` times already go to the
   * dead-letter queue instead of being handed out.
   */
  receive(max: number, maxBytes: number, visibilityMs: number): ReceivedBatch | null {
    const now = this.world.clock.nowMs;
    const messages = this.store.receive(max, maxBytes, this.admitNow);
    if (messages.length === 0) return null;
    const stats = this.stats;
    const receipts: number[] = [];
    for (const message of messages) {
      message.state = 'inflight';
      if (message.receiveCount === 0) message.firstReceiveAtMs = now;
      else stats.redeliveries++;
      message.receiveCount++;
      message.receipt++;
      message.visibleAtMs = now + visibilityMs;
      receipts.push(message.receipt);
    }
    const batch: ReceivedBatch = { messages, receipts, deadlineMs: now + visibilityMs, visibilityMs, settled: false };
    let inFlight = this.inFlight.get(visibilityMs);
    if (inFlight === undefined) {
      inFlight = { batches: [], head: 0, checkAtMs: null };
      this.inFlight.set(visibilityMs, inFlight);
    }
    inFlight.batches.push(batch);
    if (inFlight.checkAtMs === null) this.scheduleCheck(inFlight, batch.deadlineMs);
    return batch;
  }

  /** The consumer is done with a batch and deleted all of it. */
  settle(batch: ReceivedBatch): void {
    batch.settled = true;
    const inFlight = this.inFlight.get(batch.visibilityMs);
    if (inFlight === undefined) return;
    while (inFlight.head < inFlight.batches.length && inFlight.batches[inFlight.head]!.settled) inFlight.head++;
    this.compact(inFlight);
  }

  private scheduleCheck(inFlight: InFlight, atMs: number): void {
    inFlight.checkAtMs = atMs;
    this.world.schedule(atMs, Priority.Arrive, () => {
      inFlight.checkAtMs = null;
      const now = this.world.clock.nowMs;
      while (inFlight.head < inFlight.batches.length) {
        const batch = inFlight.batches[inFlight.head]!;
        if (batch.deadlineMs > now) break;
        inFlight.head++;
        if (!batch.settled) this.visibilityExpired(batch);
      }
      this.compact(inFlight);
      const next = inFlight.batches[inFlight.head];
      if (next !== undefined) this.scheduleCheck(inFlight, next.deadlineMs);
    });
  }

  private compact(inFlight: InFlight): void {
    if (inFlight.head === inFlight.batches.length) {
      inFlight.batches.length = 0;
      inFlight.head = 0;
    } else if (inFlight.head > 1024 && inFlight.head * 2 > inFlight.batches.length) {
      inFlight.batches.splice(0, inFlight.head);
      inFlight.head = 0;
    }
  }

  /** `admit` at the current instant, made once: a receive allocates no callback. */
  private readonly admitNow = (message: QueueMessage): boolean => this.admit(message, this.world.clock.nowMs);

  private admit(message: QueueMessage, now: number): boolean {
    if (now - message.sentAtMs >= this.spec.messageRetentionSeconds * 1000) {
      message.state = 'expired';
      this.left();
      this.stats.expired++;
      this.world.trace.record(this.spec.name, 'expire', `message ${shortId(message.id)} deleted: older than the retention period ${formatDuration(this.spec.messageRetentionSeconds * 1000)}`);
      return false;
    }
    const redrive = this.spec.redrive;
    if (redrive !== null && message.receiveCount >= redrive.maxReceiveCount) {
      message.state = 'dead';
      this.left();
      this.stats.deadLettered++;
      const line = this.world.trace.record(this.spec.name, 'dead-letter', `message ${shortId(message.id)} → ${redrive.deadLetterQueue} after ${message.receiveCount} receives (max_receives ${redrive.maxReceiveCount})`);
      // The invocation that last received it failed it for good.
      const observation = this.world.observation;
      if (observation.on && message.lastInvocation !== 0) observation.followed({ id: message.lastInvocation, atMs: now, traceIndex: line, kind: 'given-up', reason: 'dead-letter' });
      this.service.queue(redrive.deadLetterQueue).acceptRedriven(message);
      return false;
    }
    return true;
  }

  private visibilityExpired({ messages: batch, receipts, visibilityMs }: ReceivedBatch): void {
    let returned = 0;
    let receiveCount = 0;
    let first: QueueMessage | undefined;
    for (let i = 0; i < batch.length; i++) {
      const message = batch[i]!;
      if (message.state !== 'inflight' || message.receipt !== receipts[i]) continue;
      message.state = 'visible';
      this.store.release(message);
      returned++;
      first ??= message;
      receiveCount = Math.max(receiveCount, message.receiveCount);
    }
    if (returned === 0) return;
    const max = this.spec.redrive === null ? '' : ` of max_receives ${this.spec.redrive.maxReceiveCount}`;
    this.world.trace.record(
      this.spec.name,
      'return',
      `${returned === 1 ? `message ${shortId(first!.id)} visible` : `${returned} messages visible`} again after the visibility timeout ${formatDuration(visibilityMs)} · received ${receiveCount} time${receiveCount === 1 ? '' : 's'}${max}`,
    );
    this.wake();
  }

  /** `DeleteMessage` with the receipt of a receive; a stale receipt (the message was received again since) deletes nothing. */
  delete(message: QueueMessage, receipt: number): boolean {
    if (message.state !== 'inflight' || message.receipt !== receipt) return false;
    message.state = 'deleted';
    this.store.remove(message);
    this.left();
    this.stats.deleted++;
    return true;
  }

  /** A message left the queue (its state already says how). */
  private left(): void {
    this.liveCount--;
    const arrived = this.arrived;
    while (this.arrivedHead < arrived.length && isGone(arrived[this.arrivedHead]!)) this.arrivedHead++;
    if (this.arrivedHead === arrived.length) {
      arrived.length = 0;
      this.arrivedHead = 0;
    } else if (this.arrivedHead > 1024 && this.arrivedHead * 2 > arrived.length) {
      arrived.splice(0, this.arrivedHead);
      this.arrivedHead = 0;
    }
  }

  /** Messages in the queue now (delayed, visible or in flight), in the order they arrived. */
  messages(): QueueMessage[] {
    const now = this.world.clock.nowMs;
    const retentionMs = this.spec.messageRetentionSeconds * 1000;
    return this.arrived.slice(this.arrivedHead).filter((message) => !isGone(message) && now - message.sentAtMs < retentionMs);
  }

  get size(): number {
    return this.liveCount;
  }

  private wake(): void {
    for (const wake of this.consumers) wake();
  }
}

function isGone(message: QueueMessage): boolean {
  return message.state === 'deleted' || message.state === 'dead' || message.state === 'expired';
}
