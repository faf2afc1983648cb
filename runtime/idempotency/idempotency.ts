/**
 * At-least-once delivery made safe: every trigger flowc wires may deliver a payload twice (SQS,
 * SNS and async invocations retry; a FIFO queue deduplicates only within five minutes). Run the
 * side effects of a payload under a key that identifies it, and a redelivery gets the first
 * run's result instead of running again.
 *
 * Built on the AWS SDK (a conditional PutItem) rather than @aws-lambda-powertools/idempotency:
 * Powertools wraps a whole handler and keys it by a JMESPath into the event, reads the wall
 * clock, and needs mocks to run locally; here a key is any string (one per batch item), the
 * clock is injectable (the simulator runs on virtual time), and the in-memory store is the
 * same interface as the DynamoDB one.
 */
import type { IdempotencyStore } from './store.js';

/** Another delivery of the same payload is running now: fail this one so that it is retried later. */
export class DuplicateInProgressError extends Error {
  override readonly name = 'DuplicateInProgressError';
}

export interface IdempotencyOptions {
  readonly store: IdempotencyStore;
  /** How long a completed key is remembered (default 1 hour; SQS FIFO deduplicates for 5 minutes). */
  readonly ttlSeconds?: number;
  /** How long a run may hold a key before another delivery may take it over (default 900 s, the longest Lambda timeout). */
  readonly lockSeconds?: number;
  /** The clock, in milliseconds (default `Date.now`). */
  readonly now?: () => number;
}

export interface Idempotency {
  /**
   * Runs `work` once per `key`: the first delivery runs it and stores its result (as JSON); a
   * later one returns that result without running it. If `work` throws, the key is released
   * and the error passes on, so that the retry runs again.
   */
  once<R>(key: string, work: () => Promise<R>): Promise<R>;
}

export function idempotency(options: IdempotencyOptions): Idempotency {
  const ttlSeconds = options.ttlSeconds ?? 3600;
  const lockSeconds = options.lockSeconds ?? 900;
  const nowSeconds = (): number => Math.floor((options.now ?? Date.now)() / 1000);
  return {
    async once<R>(key: string, work: () => Promise<R>): Promise<R> {
      const now = nowSeconds();
      const claim = await options.store.claim(key, now, now + lockSeconds);
      if (claim.status === 'completed') return (JSON.parse(claim.resultJson) as { value?: R }).value as R;
      if (claim.status === 'in-progress') throw new DuplicateInProgressError(`\`${key}\` is being processed by another delivery`);
      let result: R;
      try {
        result = await work();
      } catch (error) {
        await options.store.release(key);
        throw error;
      }
      await options.store.complete(key, JSON.stringify({ value: result }), nowSeconds() + ttlSeconds);
      return result;
    },
  };
}
