// `once<R>` stores R as JSON and gives the JSON back on a replay, so R must be JSON. This file is
// checked by `npm run typecheck` (tsc over test/): each `@ts-expect-error` fails the check if
// the line below it ever compiles, e.g. if a `Date` result were accepted again.
import { describe, expect, it } from 'vitest';
import { idempotency, MemoryIdempotencyStore } from '../../../runtime/index.js';

const once = idempotency<{ readonly id: string }>({ store: new MemoryIdempotencyStore() });

describe('once<R> requires R to be JSON (compile-time)', () => {
  it('a JSON result compiles and comes back as it was', async () => {
    expect(await once.once('plain', async () => ({ at: '2026-12-03T00:00:00.000Z', total: 5 }))).toEqual({ at: '2026-12-03T00:00:00.000Z', total: 5 });
  });

  it('a Date, a Date inside the result, a Map and a bigint do not compile', () => {
    const never = (): void => {
      // @ts-expect-error a Date would come back as a string on replay
      void once.once('date', async () => new Date());
      // @ts-expect-error nested too
      void once.once('nested', async () => ({ posted: { at: new Date() } }));
      // @ts-expect-error a Map becomes {}
      void once.once('map', async () => new Map<string, number>());
      // @ts-expect-error JSON has no bigint
      void once.once('bigint', async () => 10n);
    };
    expect(typeof never).toBe('function');
  });
});
