/**
 * Where the idempotency helper keeps its records: one per key, `IN_PROGRESS` while a run holds
 * it, then `COMPLETED` with the run's result. Times are always passed in (a store never reads a
 * clock), so the simulator's virtual time works as well as the wall clock.
 */

export interface ClaimRequest {
  /** Now, in Unix milliseconds. */
  readonly nowMs: number;
  /** Until when the claimer may hold the key (Unix ms): after it, another delivery may take it over. */
  readonly lockedUntilMs: number;
  /** When the record itself expires (Unix seconds, the table's TTL attribute). */
  readonly expiresAt: number;
  /** A hash of the payload, to tell a redelivery from another payload under the same key; null when not validated. */
  readonly payloadHash: string | null;
}

export type ClaimOutcome =
  /** The key was free (or its record expired, or its lock ran out): the caller now holds it. */
  | { readonly status: 'claimed' }
  /** A previous run finished: its result, as JSON. */
  | { readonly status: 'completed'; readonly resultJson: string; readonly payloadHash: string | null; readonly expiresAt: number }
  /** Another run holds the key until `lockedUntilMs`. */
  | { readonly status: 'in-progress'; readonly payloadHash: string | null; readonly lockedUntilMs: number };

export interface CompletedRecord {
  readonly resultJson: string;
  readonly payloadHash: string | null;
  /** Unix seconds. */
  readonly expiresAt: number;
}

export interface IdempotencyStore {
  /** Claims `key` unless a record for it exists that has not expired, and whose lock (if in progress) has not run out. */
  claim(key: string, request: ClaimRequest): Promise<ClaimOutcome>;
  /** Records the result of the run that holds `key`. */
  complete(key: string, record: CompletedRecord): Promise<void>;
  /** Forgets `key`, so that the next delivery runs again (after a failed run). */
  release(key: string): Promise<void>;
}

interface MemoryRecord {
  readonly status: 'in-progress' | 'completed';
  readonly resultJson: string;
  readonly payloadHash: string | null;
  readonly expiresAt: number;
  readonly lockedUntilMs: number;
}

/** A store in process memory: for tests and local runs (a Lambda instance's memory is not shared). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records = new Map<string, MemoryRecord>();

  async claim(key: string, request: ClaimRequest): Promise<ClaimOutcome> {
    const existing = this.#records.get(key);
    const nowSeconds = Math.floor(request.nowMs / 1000);
    const live = existing !== undefined && existing.expiresAt > nowSeconds && (existing.status === 'completed' || existing.lockedUntilMs > request.nowMs);
    if (live) {
      return existing.status === 'completed'
        ? { status: 'completed', resultJson: existing.resultJson, payloadHash: existing.payloadHash, expiresAt: existing.expiresAt }
        : { status: 'in-progress', payloadHash: existing.payloadHash, lockedUntilMs: existing.lockedUntilMs };
    }
    this.#records.set(key, { status: 'in-progress', resultJson: '', payloadHash: request.payloadHash, expiresAt: request.expiresAt, lockedUntilMs: request.lockedUntilMs });
    return { status: 'claimed' };
  }

  async complete(key: string, record: CompletedRecord): Promise<void> {
    this.#records.set(key, { status: 'completed', lockedUntilMs: 0, ...record });
  }

  async release(key: string): Promise<void> {
    this.#records.delete(key);
  }

  /** How many keys it holds, expired or not. */
  get size(): number {
    return this.#records.size;
  }

  /** The keys it holds, for tests. */
  keys(): string[] {
    return [...this.#records.keys()];
  }
}
