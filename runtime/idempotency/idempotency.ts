/**
 * At-least-once delivery made safe: every trigger flowc wires may deliver a payload twice (SQS,
 * SNS and async invocations retry; a FIFO queue deduplicates only within five minutes). Run the
 * side effects of a payload under a key that identifies it, and a redelivery gets the first
 * run's result instead of running again. docs/runtime.md says when and how to use it, and why
 * this is flowc's own code rather than a wrapper of @aws-lambda-powertools/idempotency.
 *
 * What it keeps from Powertools' design: keys namespaced per function (`prefix`), a key taken
 * from a part of the payload and hashed, payload validation (the same key with another payload
 * is an error, not a silent replay), an in-progress lock that lasts as long as the invocation
 * can (`context.getRemainingTimeInMillis()`), an in-memory cache of completed keys, and records
 * that expire (the table's TTL attribute). What differs: the key is per item (a batch handler
 * calls it once per message), the clock is injectable (the simulator runs on virtual time), and
 * the result type must survive JSON: `work` returns `R & JsonSafe<R>`, so a result holding a
 * `Date`, a `Map` or a class instance does not compile (it would come back changed on replay).
 */
import { createHash } from 'node:crypto';
import { readField } from '../clients/field-path.js';
import { currentTimeMs } from './clock.js';
import { canonicalJson, type JsonSafe } from './json.js';
import { LruCache } from './lru.js';
import type { CompletedRecord, IdempotencyStore } from './store.js';

/** Another delivery of the same key is running now: fail this one so that it is retried later. */
export class DuplicateInProgressError extends Error {
  override readonly name = 'DuplicateInProgressError';
}

/** A key came back with another payload than the one it was first run with. */
export class IdempotencyValidationError extends Error {
  override readonly name = 'IdempotencyValidationError';
}

/** The payload has nothing at the key's path: no key can be made. */
export class IdempotencyKeyError extends Error {
  override readonly name = 'IdempotencyKeyError';
}

/** A path of fields into `T` (`['order', 'id']`), checked against the type; any strings when `T` is unknown. */
export type FieldPath<T, Depth extends readonly unknown[] = []> = unknown extends T
  ? readonly string[]
  : Depth['length'] extends 6
    ? never
    : T extends readonly unknown[]
      ? never
      : T extends object
        ? { [K in keyof T & string]-?: readonly [K] | readonly [K, ...FieldPath<NonNullable<T[K]>, [...Depth, unknown]>] }[keyof T & string]
        : never;

/** The part of the Lambda context the lock reads. */
export interface RemainingTime {
  getRemainingTimeInMillis(): number;
}

/** The options a handler chooses; the generated helper adds the store and the prefix. */
export interface IdempotencySettings<T> {
  /**
   * What identifies a payload for `onceFor`: a field path (`['id']`) or a function of the
   * payload. The key is a hash of that value; default: the whole payload.
   */
  readonly key?: FieldPath<T> | ((payload: T) => unknown);
  /**
   * Store a hash of the payload and compare it when the key comes back: another payload under
   * the same key throws `IdempotencyValidationError` (default true when `key` picks a part).
   */
  readonly validatePayload?: boolean;
  /** How long a completed key is remembered (default 1 hour; SQS FIFO deduplicates for 5 minutes). */
  readonly ttlSeconds?: number;
  /**
   * How long a run holds its key when no Lambda context is given (default 900 s, the longest
   * Lambda timeout). With a context, the lock lasts exactly the invocation's remaining time.
   */
  readonly lockSeconds?: number;
  /** Completed keys kept in this instance's memory to skip the store (default 0: off). */
  readonly localCacheSize?: number;
  /** The clock, in Unix milliseconds (default: the wall clock, or the virtual clock in the simulator). */
  readonly now?: () => number;
}

export interface IdempotencyOptions<T = unknown> extends IdempotencySettings<T> {
  readonly store: IdempotencyStore;
  /**
   * Namespaces the keys, so that functions sharing a table never see each other's keys. The
   * generated helper sets `<app>.<function>`; default: the function's name (AWS_LAMBDA_FUNCTION_NAME).
   */
  readonly prefix?: string;
}

export interface OnceOptions {
  /** The Lambda context: the key is held for the invocation's remaining time. */
  readonly context?: RemainingTime;
  /** The payload the key stands for, to validate a redelivery against (`once` only). */
  readonly payload?: unknown;
}

export interface Idempotency<T = unknown> {
  /**
   * Runs `work` once per `key`: the first delivery runs it and stores its result (as JSON); a
   * later one returns that result without running it. If `work` throws, the key is released
   * and the error passes on, so that the retry runs again.
   */
  once<R>(key: string, work: () => Promise<R & JsonSafe<R>>, options?: OnceOptions): Promise<R>;
  /** `once`, keyed by the payload: the hash of its `key` part (or of all of it). */
  onceFor<R>(payload: T, work: () => Promise<R & JsonSafe<R>>, options?: { readonly context?: RemainingTime }): Promise<R>;
}

const DEFAULT_TTL_SECONDS = 3600;
const DEFAULT_LOCK_SECONDS = 900;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function describeKey(settings: IdempotencySettings<never>): string {
  return Array.isArray(settings.key) ? `\`${(settings.key as readonly string[]).join('.')}\`` : 'the key function';
}

export function idempotency<T = unknown>(options: IdempotencyOptions<T>): Idempotency<T> {
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  const lockMs = (options.lockSeconds ?? DEFAULT_LOCK_SECONDS) * 1000;
  const nowMs = (): number => (options.now ?? currentTimeMs)();
  const cache = new LruCache<string, CompletedRecord>(options.localCacheSize ?? 0);
  const prefix = (): string => options.prefix ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? '';
  const validateParts = options.validatePayload ?? options.key !== undefined;

  function replay<R>(key: string, record: { readonly resultJson: string; readonly payloadHash: string | null }, payloadHash: string | null): R {
    if (payloadHash !== null && record.payloadHash !== null && payloadHash !== record.payloadHash) {
      throw new IdempotencyValidationError(`\`${key}\` came back with a payload that differs from the one it was first run with`);
    }
    return (JSON.parse(record.resultJson) as { value?: R }).value as R;
  }

  async function run<R>(key: string, payloadHash: string | null, work: () => Promise<R>, context: RemainingTime | undefined): Promise<R> {
    const stored = `${prefix()}#${key}`;
    const now = nowMs();
    const cached = cache.get(stored);
    if (cached !== undefined) {
      if (cached.expiresAt > Math.floor(now / 1000)) return replay(stored, cached, payloadHash);
      cache.delete(stored);
    }
    const lockedUntilMs = now + (context === undefined ? lockMs : Math.max(0, context.getRemainingTimeInMillis()));
    const expiresAt = Math.floor(now / 1000) + ttlSeconds;
    const claim = await options.store.claim(stored, { nowMs: now, lockedUntilMs, expiresAt, payloadHash });
    if (claim.status === 'completed') {
      const result = replay<R>(stored, claim, payloadHash);
      cache.set(stored, claim);
      return result;
    }
    if (claim.status === 'in-progress') {
      if (payloadHash !== null && claim.payloadHash !== null && payloadHash !== claim.payloadHash) {
        throw new IdempotencyValidationError(`\`${stored}\` is being processed with a payload that differs from this one`);
      }
      throw new DuplicateInProgressError(`\`${stored}\` is being processed by another delivery (until ${new Date(claim.lockedUntilMs).toISOString()})`);
    }
    let result: R;
    try {
      result = await work();
    } catch (error) {
      await options.store.release(stored);
      throw error;
    }
    const record: CompletedRecord = { resultJson: JSON.stringify({ value: result }), payloadHash, expiresAt: Math.floor(nowMs() / 1000) + ttlSeconds };
    await options.store.complete(stored, record);
    cache.set(stored, record);
    return result;
  }

  return {
    once: (key, work, onceOptions) => run(key, onceOptions?.payload === undefined ? null : sha256(canonicalJson(onceOptions.payload)), work, onceOptions?.context),
    onceFor: async (payload, work, onceOptions) => {
      const selector = options.key;
      const part = selector === undefined ? payload : typeof selector === 'function' ? selector(payload) : readField(payload, selector as readonly string[]);
      if (part === undefined || part === null || part === '') throw new IdempotencyKeyError(`the payload has no value at ${describeKey(options as IdempotencySettings<never>)}, so it has no idempotency key`);
      const payloadHash = validateParts && selector !== undefined ? sha256(canonicalJson(payload)) : null;
      return run(sha256(canonicalJson(part)), payloadHash, work, onceOptions?.context);
    },
  };
}
