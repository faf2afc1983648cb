/**
 * What `once` may return: a value that comes back unchanged from its JSON, since a redelivery
 * gets the stored JSON of the first run's result, not the result itself. A `Date` would come
 * back as a string, a `Map` or a class instance as a plain object without its methods, a
 * `bigint` not at all; `JsonSafe<R>` turns each of those into `never`, so `once`, whose work
 * returns `R & JsonSafe<R>`, rejects them at compile time. Interfaces pass (no index signature is
 * needed), and so do optional fields, `undefined` and `void`.
 */
export type JsonSafe<T> = T extends string | number | boolean | null | undefined | void
  ? T
  : T extends bigint | symbol | ((...args: never[]) => unknown)
    ? never
    : T extends { toJSON(): unknown }
      ? never
      : T extends readonly unknown[]
        ? { [I in keyof T]: JsonSafe<T[I]> }
        : T extends object
          ? { [K in keyof T]: JsonSafe<T[K]> }
          : never;

/** The JSON text of `value` with object keys sorted, so equal values give equal text (and equal hashes). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
