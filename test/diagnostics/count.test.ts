import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatCount } from '../../compiler/diagnostics/count.js';

describe('formatCount: counts written as toLocaleString("en-US") writes them, without Intl', () => {
  test('groups digits by thousands', () => {
    expect([0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 4_000_001].map(formatCount)).toEqual(['0', '7', '999', '1,000', '12,345', '999,999', '1,000,000', '4,000,001']);
  });

  test('agrees with toLocaleString("en-US") on every number', () => {
    const numbers = fc.oneof(fc.nat(), fc.maxSafeNat(), fc.integer(), fc.double(), fc.constantFrom(-0, Number.MAX_SAFE_INTEGER + 1, Infinity, NaN));
    fc.assert(fc.property(numbers, (n) => formatCount(n) === n.toLocaleString('en-US')));
  });
});
