/**
 * Counts the elements that the searching array methods (`some`, `find`, `includes`, `filter`,
 * …) look at while `work` runs: each call counts the whole array it is called on. A phase
 * that searches a list once per element of it (the classic accidental quadratic) counts the
 * square of its input; a linear one counts a small multiple of it. So scale tests assert on
 * this count, which does not depend on the machine, instead of on time.
 */
const searching = ['some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'filter', 'includes', 'indexOf', 'lastIndexOf'] as const;

export function countArrayScans<T>(work: () => T): { result: T; scanned: number } {
  const prototype = Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = searching.map((name) => prototype[name] as (...args: unknown[]) => unknown);
  let scanned = 0;
  searching.forEach((name, i) => {
    const original = originals[i] as (...args: unknown[]) => unknown;
    prototype[name] = function (this: unknown[], ...args: unknown[]) {
      scanned += this.length;
      return original.apply(this, args);
    };
  });
  try {
    const result = work();
    return { result, scanned };
  } finally {
    searching.forEach((name, i) => {
      prototype[name] = originals[i] as (...args: unknown[]) => unknown;
    });
  }
}
