/**
 * The simulator's agenda: a binary min-heap keyed by (time, priority, sequence), as in SimPy.
 * The sequence number breaks ties first-in-first-out, so equal-time events always run in the
 * order they were scheduled and a run is a pure function of its inputs and seed.
 */

/** Ordering of events at the same instant: arrivals before actions before pollers. */
export const Priority = {
  /** Something arrives or becomes visible (a message, a record, a returning message). */
  Arrive: 0,
  /** A function attempt starts or completes. */
  Act: 1,
  /** A poller looks for work: it sees everything that arrived at this instant. */
  Poll: 2,
} as const;
export type Priority = (typeof Priority)[keyof typeof Priority];

/** What an event does when it fires; a promise makes the run loop wait for it (handler code). */
export type Action = () => void | Promise<void>;

interface Entry {
  readonly atMs: number;
  readonly priority: number;
  readonly seq: number;
  readonly action: Action;
}

export class EventQueue {
  private readonly heap: Entry[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(atMs: number, priority: Priority, action: Action): void {
    const entry: Entry = { atMs, priority, seq: this.nextSeq++, action };
    const heap = this.heap;
    let index = heap.length;
    heap.push(entry);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!before(entry, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = entry;
  }

  /** The time of the next event, or undefined when none is left. */
  peekTime(): number | undefined {
    return this.heap[0]?.atMs;
  }

  pop(): Entry | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let index = 0;
      const length = heap.length;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= length) break;
        const right = left + 1;
        const child = right < length && before(heap[right]!, heap[left]!) ? right : left;
        if (!before(heap[child]!, last)) break;
        heap[index] = heap[child]!;
        index = child;
      }
      heap[index] = last;
    }
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  if (a.atMs !== b.atMs) return a.atMs < b.atMs;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}
