/**
 * Where the idempotency helper remembers which keys it has seen. Times are Unix seconds and
 * always passed in, so a store never reads a clock: the simulator's virtual time works as well
 * as the wall clock.
 */

export type ClaimOutcome =
  /** The key was free (or its record expired): the caller now holds it until `lockUntil`. */
  | { readonly status: 'claimed' }
  /** A previous run finished: its result, as JSON. */
  | { readonly status: 'completed'; readonly resultJson: string }
  /** Another run holds the key and has not finished (or has not yet expired). */
  | { readonly status: 'in-progress' };

export interface IdempotencyStore {
  /** Claims `key` until `lockUntil`, unless a record for it exists that has not expired at `now`. */
  claim(key: string, now: number, lockUntil: number): Promise<ClaimOutcome>;
  /** Records the result of the run that holds `key`, kept until `expiresAt`. */
  complete(key: string, resultJson: string, expiresAt: number): Promise<void>;
  /** Forgets `key`, so that the next delivery runs again (after a failed run). */
  release(key: string): Promise<void>;
}

interface MemoryRecord {
  readonly status: 'in-progress' | 'completed';
  readonly resultJson: string;
  readonly expiresAt: number;
}

/** A store in process memory: for tests and local runs (a Lambda instance's memory is not shared). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records = new Map<string, MemoryRecord>();

  async claim(key: string, now: number, lockUntil: number): Promise<ClaimOutcome> {
    const existing = this.#records.get(key);
    if (existing !== undefined && existing.expiresAt > now) {
      return existing.status === 'completed' ? { status: 'completed', resultJson: existing.resultJson } : { status: 'in-progress' };
    }
    this.#records.set(key, { status: 'in-progress', resultJson: '', expiresAt: lockUntil });
    return { status: 'claimed' };
  }

  async complete(key: string, resultJson: string, expiresAt: number): Promise<void> {
    this.#records.set(key, { status: 'completed', resultJson, expiresAt });
  }

  async release(key: string): Promise<void> {
    this.#records.delete(key);
  }

  /** How many keys it holds, expired or not. */
  get size(): number {
    return this.#records.size;
  }
}
