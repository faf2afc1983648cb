/**
 * Invocations as the simulator tells an observer about them (`Simulator.observeInvocations`):
 * each has an id, unique in its run, that links its start, its logs, the settling of its
 * handler, its end, and what the simulator did next with what it failed (tried again, or gave
 * up on). Outcomes are structured — success, an error with its errorType and errorMessage, a
 * timeout, a result JSON cannot represent, a missing handler — so nobody has to read the trace's
 * wording. Nothing here is built unless someone observes: the run costs what it did without.
 */

/** The error object Lambda reports for a failed invocation (`responsePayload` of a failure record). */
export interface ErrorPayload {
  readonly errorType?: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/**
 * Why an invocation failed: the handler threw or rejected (or an error from its code reached the
 * process meanwhile), it ran past its timeout or never settled, its result could not be
 * serialized (`Runtime.JSONStringifyError`), or it has no handler (`Runtime.HandlerNotFound`).
 */
export type FailureCause = 'error' | 'timeout' | 'serialization' | 'missing';

/** What a handler settled with when Lambda discards it: a value returned, or thrown, after the timeout. */
export type Discarded = { readonly value: unknown } | { readonly thrown: unknown };

/** How an invocation ended, and when (virtual ms): handler code runs at the start, the end may be later. */
export type Outcome =
  | {
      readonly ok: true;
      /** The invocation's id (`InvocationStart.id`). */
      readonly id: number;
      /** What the handler returned. */
      readonly value: unknown;
      /** The response as Lambda returns it: the JSON of the value (`null` for undefined, a function, a symbol). */
      readonly json: string;
      readonly endMs: number;
    }
  | {
      readonly ok: false;
      readonly id: number;
      readonly error: ErrorPayload;
      readonly cause: FailureCause;
      /** What the handler threw (or rejected with, or what reached the process from its code), if anything. */
      readonly thrown?: unknown;
      /** A timeout: what the handler settled with all the same, if it did. */
      readonly discarded?: Discarded;
      readonly endMs: number;
    };

/**
 * What invoked a function: an asynchronous invocation (`from` the topic, bus, destination or
 * input), a batch of an event source mapping, or a synchronous call that says no more.
 */
export type InvocationVia =
  | { readonly kind: 'sync' }
  | { readonly kind: 'async'; readonly from: string }
  | { readonly kind: 'queue' | 'stream'; readonly source: string; readonly size: number };

/** An invocation starts: its handler is called next. */
export interface InvocationStart {
  /** 1, 2, 3, … in the order invocations start, for the whole run. */
  readonly id: number;
  readonly fn: string;
  readonly requestId: string;
  readonly atMs: number;
  /** The index of its `invoke` line in the trace, or -1 when the trace did not keep it. */
  readonly traceIndex: number;
  /** 1 for a first attempt; the asynchronous attempt, the highest receive count of its messages, or the stream batch's retry + 1. */
  readonly attempt: number;
  readonly via: InvocationVia;
  /**
   * The invocations this one tries again, as the simulator knows them: the previous attempt of
   * an asynchronous event, the invocations that last received its messages, the stream batch it
   * retries or is a bisected half of. Empty for a first attempt.
   */
  readonly retryOf: readonly number[];
  /** The event the handler is given, before it runs: read or copy it now, the handler may change it. */
  readonly event: unknown;
}

/** The handler settled (returned, threw, was given up on), or there was none: at the instant it was called. */
export interface InvocationSettled {
  readonly id: number;
  readonly fn: string;
  /** Virtual ms at which the handler was called. */
  readonly atMs: number;
  /** The copy of the event `started` had. */
  readonly event: unknown;
  readonly outcome: Outcome;
}

/** The invocation is over, at `outcome.endMs`: its concurrency is back and its `ok` or `error` line traced. */
export interface InvocationEnd {
  readonly id: number;
  readonly fn: string;
  readonly atMs: number;
  readonly outcome: Outcome;
  /** The index of its `ok` or `error` line in the trace, or -1. */
  readonly traceIndex: number;
}

/**
 * How a failure is tried again: an asynchronous retry, its messages back in their queue for a
 * redelivery, a stream batch retried, or split in two.
 */
export type RetryReason = 'async-retry' | 'redelivery' | 'stream-retry' | 'bisect';
/**
 * Why a failure is given up for good: its retries ran out (`retries`, or the stream mapping's),
 * the event or records passed their maximum age, its message went to the dead-letter queue.
 */
export type GiveUpReason = 'retries-exhausted' | 'max-age' | 'dead-letter';

/** What the simulator did with what an invocation failed (all of it, or the items its partial batch response named). */
export type InvocationFollowUp = {
  readonly id: number;
  readonly atMs: number;
  /** A handler that returned a partial batch response, or one Lambda could not read (then the whole batch failed). */
  readonly response?: 'partial' | 'invalid';
  /** The index of the trace line that says so, or -1 (an asynchronous retry is said on the `error` line). */
  readonly traceIndex: number;
} & (
  | { readonly kind: 'retry'; readonly reason: RetryReason; /** `redelivery`: when the messages are visible again. */ readonly visibleAtMs?: number }
  | { readonly kind: 'given-up'; readonly reason: GiveUpReason }
);

/**
 * Hears of invocations. Every hook is optional; each is called synchronously, from within the
 * run, in this order for one invocation: `started`, `logged` (each console line of its handler
 * when logs are captured), `settled`, then at its end `ended`, then `followed` (none, one, or
 * more: a batch's messages may be redelivered now and one of them dead-lettered later).
 * Handlers run one at a time, so `started` and `settled` of one invocation are never
 * interleaved with another's.
 */
export interface InvocationObserver {
  started?(start: InvocationStart): void;
  logged?(id: number, text: string): void;
  settled?(settled: InvocationSettled): void;
  ended?(end: InvocationEnd): void;
  followed?(followUp: InvocationFollowUp): void;
}

/** The run's observer, if any, as the services reach it (`World.observation`). */
export class InvocationObservation {
  private observer: InvocationObserver | null = null;
  /** Whether someone observes: what only an observer reads is built only then. */
  on = false;

  set(observer: InvocationObserver | null): void {
    this.observer = observer;
    this.on = observer !== null;
  }

  started(start: InvocationStart): void {
    this.observer?.started?.(start);
  }

  logged(id: number, text: string): void {
    this.observer?.logged?.(id, text);
  }

  settled(settled: InvocationSettled): void {
    this.observer?.settled?.(settled);
  }

  ended(end: InvocationEnd): void {
    this.observer?.ended?.(end);
  }

  followed(followUp: InvocationFollowUp): void {
    this.observer?.followed?.(followUp);
  }
}
