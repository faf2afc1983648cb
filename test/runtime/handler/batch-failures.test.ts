import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchItemFailures } from '../../../runtime/handler/batch-failures.js';

const ids = ['m1', 'm2', 'm3', 'm4', 'm5'];
const reported = (failedIndexes: number[], ordered: boolean): string[] =>
  batchItemFailures(ids, failedIndexes, ordered).batchItemFailures.map((f) => f.itemIdentifier);

describe('batchItemFailures', () => {
  it('reports nothing when nothing failed (the whole batch succeeded)', () => {
    expect(batchItemFailures(ids, [], true)).toEqual({ batchItemFailures: [] });
    expect(batchItemFailures(ids, [], false)).toEqual({ batchItemFailures: [] });
  });

  it('unordered (standard queue): exactly the failed items, in batch order', () => {
    expect(reported([3, 1], false)).toEqual(['m2', 'm4']);
  });

  it('ordered (FIFO queue, stream): the first failure and every later item, processed or not', () => {
    expect(reported([3, 1], true)).toEqual(['m2', 'm3', 'm4', 'm5']);
    expect(reported([4], true)).toEqual(['m5']);
    expect(reported([0], true)).toEqual(ids);
  });

  it('ignores indexes outside the batch and repeated ones', () => {
    expect(reported([7, -1, 2, 2], false)).toEqual(['m3']);
  });

  it('ordered: never lets a later item be deleted while an earlier one is retried', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 20 }), fc.array(fc.nat(25)), (items, failed) => {
        const out = batchItemFailures(items, failed, true).batchItemFailures.map((f) => f.itemIdentifier);
        const inBatch = failed.filter((i) => i < items.length);
        if (inBatch.length === 0) return out.length === 0;
        return JSON.stringify(out) === JSON.stringify(items.slice(Math.min(...inBatch)));
      }),
    );
  });
});
