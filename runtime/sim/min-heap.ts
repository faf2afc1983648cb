/** A binary min-heap ordered by a numeric key, ties broken by insertion order. */
export class MinHeap<T> {
  private readonly keys: number[] = [];
  private readonly seqs: number[] = [];
  private readonly items: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  push(key: number, item: T): void {
    const seq = this.nextSeq++;
    let index = this.items.length;
    this.keys.push(key);
    this.seqs.push(seq);
    this.items.push(item);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.less(key, seq, parent)) break;
      this.move(parent, index);
      index = parent;
    }
    this.set(index, key, seq, item);
  }

  peek(): T | undefined {
    return this.items[0];
  }

  pop(): T | undefined {
    const length = this.items.length;
    if (length === 0) return undefined;
    const top = this.items[0];
    const key = this.keys.pop()!;
    const seq = this.seqs.pop()!;
    const item = this.items.pop()!;
    if (length > 1) {
      let index = 0;
      const size = length - 1;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= size) break;
        const right = left + 1;
        const child = right < size && this.less(this.keys[right]!, this.seqs[right]!, left) ? right : left;
        if (!this.less(this.keys[child]!, this.seqs[child]!, -1, key, seq)) break;
        this.move(child, index);
        index = child;
      }
      this.set(index, key, seq, item);
    }
    return top;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    yield* this.items;
  }

  /** Whether (key, seq) sorts before the entry at `index` (or before (otherKey, otherSeq) when index is -1). */
  private less(key: number, seq: number, index: number, otherKey?: number, otherSeq?: number): boolean {
    const k = index >= 0 ? this.keys[index]! : otherKey!;
    const s = index >= 0 ? this.seqs[index]! : otherSeq!;
    return key < k || (key === k && seq < s);
  }

  private move(from: number, to: number): void {
    this.keys[to] = this.keys[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.items[to] = this.items[from]!;
  }

  private set(index: number, key: number, seq: number, item: T): void {
    this.keys[index] = key;
    this.seqs[index] = seq;
    this.items[index] = item;
  }
}
