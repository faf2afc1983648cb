import { MinHeap } from '../min-heap.js';
import type { Rng } from '../rng.js';
import type { QueueMessage } from './message.js';

/**
 * Decides, message by message, whether a receive hands it out. False means the queue disposed
 * of it instead (dead-lettered or expired); the store then forgets it.
 */
export type Accept = (message: QueueMessage) => boolean;

/** How a queue orders and hands out its visible messages. */
export interface MessageStore {
  /** A message became visible (sent, delay over, or back after its visibility timeout). */
  makeVisible(message: QueueMessage): void;
  /** A message in flight was deleted. */
  remove(message: QueueMessage): void;
  /** A received message is back (visibility timeout over). */
  release(message: QueueMessage): void;
  /** Takes up to `max` messages (and `maxBytes` of bodies) that may be received now, in order. */
  receive(max: number, maxBytes: number, accept: Accept): QueueMessage[];
  /** Visible messages a receive could take now. */
  readonly availableCount: number;
}

/**
 * A standard queue: best-effort order (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html). Visible messages are handed out in send order,
 * or in a seeded random order under `sqs.standardOrder: shuffled` (every message then waits in
 * the heap under a random key). In send order, new messages arrive in order, so they wait in a
 * plain list; only messages that come back (or come late, after a delay) need the heap.
 */
export class StandardStore implements MessageStore {
  private readonly fresh: QueueMessage[] = [];
  private freshHead = 0;
  private readonly late = new MinHeap<QueueMessage>();
  private lastFreshSeq = -1;

  constructor(
    private readonly order: 'sent' | 'shuffled',
    private readonly rng: Rng,
  ) {}

  get availableCount(): number {
    return this.fresh.length - this.freshHead + this.late.size;
  }

  makeVisible(message: QueueMessage): void {
    if (this.order === 'sent' && message.seq > this.lastFreshSeq) {
      this.fresh.push(message);
      this.lastFreshSeq = message.seq;
    } else {
      this.late.push(this.order === 'sent' ? message.seq : this.rng.float(), message);
    }
  }

  release(message: QueueMessage): void {
    this.late.push(this.order === 'sent' ? message.seq : this.rng.float(), message);
  }

  remove(): void {
    // A message in flight is in neither list: receive took it out.
  }

  receive(max: number, maxBytes: number, accept: Accept): QueueMessage[] {
    const batch: QueueMessage[] = [];
    let bytes = 0;
    while (batch.length < max) {
      const next = this.peek();
      if (next === undefined) break;
      if (batch.length > 0 && bytes + next.bytes > maxBytes) break;
      this.take(next);
      if (!accept(next)) continue;
      batch.push(next);
      bytes += next.bytes;
    }
    return batch;
  }

  private peek(): QueueMessage | undefined {
    const fresh = this.fresh[this.freshHead];
    const late = this.late.peek();
    if (fresh === undefined) return late;
    if (late === undefined) return fresh;
    return late.seq < fresh.seq ? late : fresh;
  }

  private take(message: QueueMessage): void {
    if (this.fresh[this.freshHead] === message) {
      this.fresh[this.freshHead++] = undefined as unknown as QueueMessage;
      if (this.freshHead > 1024 && this.freshHead * 2 > this.fresh.length) {
        this.fresh.splice(0, this.freshHead);
        this.freshHead = 0;
      }
    } else {
      this.late.pop();
    }
  }
}
