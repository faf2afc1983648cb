// `once<R>` stores the JSON of R and gives it back on a redelivery, so R must survive JSON: a
// result holding a Date (a string after replay), a Map, a bigint or a class instance does not
// compile, under the repository's strict options, while the generated interfaces and plain data do.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, typeCheck } from '../../emit/typescript/type-check.js';

function errorsOf(body: string): string[] {
  const file = join(repoRoot, '.flowc-virtual/json-types/check.ts');
  const text = `import { idempotency, MemoryIdempotencyStore } from 'flowc/runtime';
interface Balance { account: string; balance: number; tags?: string[]; history: { at: string; amount: number }[] }
const once = idempotency<Balance>({ store: new MemoryIdempotencyStore() });
${body}
`;
  return typeCheck(new Map([[file, text]])).map((e) => `${e.line - 3}: ${(e.message.split('\n').at(-1) ?? '').trim()}`);
}

describe('once<R> requires R to be JSON', () => {
  it('accepts plain data, generated interfaces, optional fields, undefined and void', () => {
    expect(
      errorsOf(`
export const a = once.once('k', async () => ({ account: 'a', balance: 1, history: [] }) as Balance);
export const b = once.once('k', async (): Promise<Balance> => ({ account: 'a', balance: 1, history: [{ at: '2026-01-01', amount: 1 }] }));
export const c = once.once('k', async () => undefined);
export const d = once.once('k', async () => {});
export const e = once.onceFor({ account: 'a', balance: 1, history: [] }, async () => [1, 'two', null, { three: true }]);
export const f: Promise<number> = once.once('k', async () => 5);
`),
    ).toEqual([]);
  });

  it('rejects a Date, and a Date anywhere inside the result', () => {
    expect(errorsOf(`export const a = once.once('k', async () => new Date());`)).toEqual(["1: Type 'Date' is not assignable to type 'never'."]);
    expect(errorsOf(`export const a = once.once('k', async () => ({ posted: { at: new Date() } }));`)).toEqual(["1: Type 'Date' is not assignable to type 'never'."]);
  });

  it('rejects a Map, a bigint and an instance with methods', () => {
    const errors = errorsOf(`
export const a = once.once('k', async () => new Map<string, number>());
export const b = once.once('k', async () => 10n);
class Money { constructor(readonly cents: number) {} format(): string { return String(this.cents); } }
export const c = once.once('k', async () => new Money(5));
`);
    expect(errors.map((e) => e.slice(0, e.indexOf(':')))).toEqual(['2', '3', '5']);
  });
});
