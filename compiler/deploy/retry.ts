import { CloudFormationServiceException } from '@aws-sdk/client-cloudformation';
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { Clock } from './clock.js';

/**
 * How deploy rides out throttling and transient faults, on top of the SDK's own few quick
 * retries: up to `attempts` calls, waiting between them a random time up to
 * `min(maxDelayMs, baseDelayMs * 2^retry)` ("full jitter",
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html). With these
 * numbers a call is given up after at most 1+2+4+8+16+20+20 = 71 seconds of waiting.
 */
export const RETRY_POLICY = { attempts: 8, baseDelayMs: 1_000, maxDelayMs: 20_000 } as const;

/** The longest a call is retried for, in seconds, as messages say it. */
export const RETRY_SECONDS = (() => {
  let total = 0;
  for (let retry = 0; retry < RETRY_POLICY.attempts - 1; retry++) total += Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** retry);
  return total / 1_000;
})();

/**
 * Whether trying the same call again later may succeed, as the SDK classifies errors:
 * throttling codes and 429, 5xx, timeouts and network errors (ECONNRESET, ENOTFOUND, …), a
 * clock skew the SDK has corrected. Not the SDK's `isClockSkewError`: its codes include
 * `AccessDeniedException`, which the SDK retries once after correcting its clock, and which is
 * otherwise a missing permission. CloudFormation's `LimitExceededException` is not retried
 * either: the SDK counts it as throttling, but CloudFormation means a quota (too many stacks),
 * which waiting does not lift.
 */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (error instanceof CloudFormationServiceException && error.name === 'LimitExceededException') return false;
  const sdkError = error as Parameters<typeof isTransientError>[0];
  return isThrottlingError(sdkError) || isTransientError(sdkError) || isServerError(sdkError);
}

/** A call that failed every attempt: the last error, and how many attempts were made. */
export class RetriesExhausted extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super((lastError as { message?: string }).message ?? String(lastError));
    this.name = (lastError as { name?: string }).name ?? 'Error';
  }
}

/**
 * Runs `call`, and again after a jittered, growing wait on the clock while it fails with a
 * retryable error. Any other error is thrown as it is, at once; when every attempt failed,
 * `RetriesExhausted` carries the last error.
 */
export async function retrying<T>(clock: Clock, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= RETRY_POLICY.attempts) throw new RetriesExhausted(error, attempt);
      const ceiling = Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1));
      await clock.sleep(Math.round(clock.random() * ceiling));
    }
  }
}
