import { sqs as sqsLimits } from '../../aws/limits.js';

/**
 * The FIFO deduplication interval (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html): a deduplication id seen in the last 5 minutes makes a
 * send succeed without delivering anything. Repeats do not extend the interval.
 */
export class DedupWindow {
  private readonly expiries = new Map<string, number>();
  /** Keys in the order they expire (the window is constant, so insertion order). */
  private readonly order: { key: string; expiresAtMs: number }[] = [];
  private head = 0;

  constructor(private readonly windowMs = sqsLimits.deduplicationWindowSeconds * 1000) {}

  /** When `key` was first seen within the window, or undefined (and it is remembered from now). */
  check(key: string, nowMs: number): number | undefined {
    this.purge(nowMs);
    const expiresAt = this.expiries.get(key);
    if (expiresAt !== undefined) return expiresAt - this.windowMs;
    const entry = { key, expiresAtMs: nowMs + this.windowMs };
    this.expiries.set(key, entry.expiresAtMs);
    this.order.push(entry);
    return undefined;
  }

  private purge(nowMs: number): void {
    while (this.head < this.order.length && this.order[this.head]!.expiresAtMs <= nowMs) {
      const entry = this.order[this.head++]!;
      if (this.expiries.get(entry.key) === entry.expiresAtMs) this.expiries.delete(entry.key);
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
  }
}
