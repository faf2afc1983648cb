import type { QueueMessage } from './message.js';
import type { Accept, MessageStore } from './standard-store.js';

interface Group {
  readonly id: string;
  /** The group's messages in order; entries before `head` are gone. */
  readonly messages: QueueMessage[];
  head: number;
  /** Received and neither deleted nor back: while > 0, the group is blocked (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html). */
  inFlight: number;
}

/**
 * A FIFO queue (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html, https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html): strict order within a message group, and a group with a message in
 * flight hands out nothing until that message is deleted or its visibility timeout ends. A
 * receive takes as many messages of one group as it can before moving to the next group (the
 * SQS documentation's "returns as many messages with the same message group ID as possible"),
 * starting with the group whose next message is oldest.
 */
export class FifoStore implements MessageStore {
  private readonly groups = new Map<string, Group>();
  private available = 0;

  get availableCount(): number {
    return this.available;
  }

  makeVisible(message: QueueMessage): void {
    const id = message.groupId ?? '';
    let group = this.groups.get(id);
    if (group === undefined) {
      group = { id, messages: [], head: 0, inFlight: 0 };
      this.groups.set(id, group);
    }
    group.messages.push(message);
    if (group.inFlight === 0) this.available++;
  }

  release(message: QueueMessage): void {
    const group = this.groups.get(message.groupId ?? '');
    if (group === undefined) return;
    group.inFlight--;
    if (group.inFlight === 0) this.available += this.live(group);
  }

  remove(message: QueueMessage): void {
    const group = this.groups.get(message.groupId ?? '');
    if (group === undefined) return;
    // Only messages in flight are removed (deleted after their batch); the rest leave in receive.
    group.inFlight--;
    this.compact(group);
    if (group.inFlight === 0) this.available += this.live(group);
    if (group.head >= group.messages.length) this.groups.delete(group.id);
  }

  receive(max: number, maxBytes: number, accept: Accept): QueueMessage[] {
    const batch: QueueMessage[] = [];
    let bytes = 0;
    const visited = new Set<Group>();
    while (batch.length < max) {
      const group = this.oldestReadyGroup(visited);
      if (group === undefined) break;
      visited.add(group);
      const live = this.live(group);
      let taken = 0;
      for (let i = group.head; i < group.messages.length && batch.length < max; i++) {
        const message = group.messages[i]!;
        if (message.state !== 'visible') continue;
        if (batch.length > 0 && bytes + message.bytes > maxBytes) break;
        taken++;
        // Not accepted: dead-lettered or expired on the way, and the next message of the group is up.
        if (!accept(message)) continue;
        group.inFlight++;
        batch.push(message);
        bytes += message.bytes;
      }
      // A group with a message in flight hands out nothing more, so none of its messages is available.
      this.available -= group.inFlight > 0 ? live : taken;
      this.compact(group);
      if (group.head >= group.messages.length) this.groups.delete(group.id);
    }
    return batch;
  }

  private oldestReadyGroup(skipped: ReadonlySet<Group>): Group | undefined {
    let best: Group | undefined;
    let bestSeq = Infinity;
    for (const group of this.groups.values()) {
      if (group.inFlight > 0 || skipped.has(group)) continue;
      const head = this.firstLive(group);
      if (head !== undefined && head.seq < bestSeq) {
        best = group;
        bestSeq = head.seq;
      }
    }
    return best;
  }

  private firstLive(group: Group): QueueMessage | undefined {
    for (let i = group.head; i < group.messages.length; i++) {
      const message = group.messages[i]!;
      if (message.state === 'visible') return message;
    }
    return undefined;
  }

  private live(group: Group): number {
    let count = 0;
    for (let i = group.head; i < group.messages.length; i++) if (group.messages[i]!.state === 'visible') count++;
    return count;
  }

  private compact(group: Group): void {
    while (group.head < group.messages.length && isGone(group.messages[group.head]!)) group.head++;
    if (group.head > 64 && group.head * 2 > group.messages.length) {
      group.messages.splice(0, group.head);
      group.head = 0;
    }
  }
}

function isGone(message: QueueMessage): boolean {
  return message.state === 'deleted' || message.state === 'dead' || message.state === 'expired';
}
