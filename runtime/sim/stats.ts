/** Counters for the summary, and for the conservation properties the tests check. */
export interface FunctionStats {
  /** Handler invocations (every attempt of every event or batch). */
  invocations: number;
  succeeded: number;
  failed: number;
  /** Attempts that could not start for lack of concurrency (retried with backoff). */
  throttled: number;
}

export interface QueueStats {
  /** Accepted sends (a FIFO duplicate within the deduplication window is not counted). */
  sent: number;
  /** Sends dropped as FIFO duplicates. */
  duplicates: number;
  /** Messages deleted after their batch succeeded. */
  deleted: number;
  /** Messages moved to the dead-letter queue after `maxReceiveCount` receives. */
  deadLettered: number;
  /** Messages that outlived `MessageRetentionPeriod`. */
  expired: number;
  /** Receives of a message that had been received before. */
  redeliveries: number;
}

/** Distinct errorTypes counted per function. */
export const MAX_ERROR_TYPES = 100;

export class Stats {
  readonly functions = new Map<string, FunctionStats>();
  readonly queues = new Map<string, QueueStats>();
  /** Deliveries per destination edge id (`charge.failure->audit`). */
  readonly destinations = new Map<string, number>();
  /** Stream on-failure records per edge id. */
  readonly streamFailures = new Map<string, number>();
  /** Messages and records an edge's `filter` let not through, per edge id (SQS: deleted; streams: skipped; SNS: not delivered). */
  readonly filtered = new Map<string, number>();
  /** Retries of asynchronous invocations (attempts after the first). */
  asyncRetries = 0;
  /** Asynchronous events dropped (age, retries, no concurrency) with no failure destination to take them. */
  asyncDropped = 0;
  /** Retries of stream batches (and of what bisecting left of them). */
  streamRetries = 0;
  /** Stream records given up on (retries or age exhausted). */
  streamRecordsDiscarded = 0;
  /** Stream records trimmed by the retention period before they were processed. */
  streamRecordsTrimmed = 0;
  /** Failed invocations per function and errorType (`timeout` for a timeout). */
  readonly errors = new Map<string, Map<string, number>>();
  /** Errors from handler code that reached the process when no invocation was running. */
  uncaughtErrors = 0;

  fn(name: string): FunctionStats {
    let stats = this.functions.get(name);
    if (stats === undefined) {
      stats = { invocations: 0, succeeded: 0, failed: 0, throttled: 0 };
      this.functions.set(name, stats);
    }
    return stats;
  }

  queue(name: string): QueueStats {
    let stats = this.queues.get(name);
    if (stats === undefined) {
      stats = { sent: 0, duplicates: 0, deleted: 0, deadLettered: 0, expired: 0, redeliveries: 0 };
      this.queues.set(name, stats);
    }
    return stats;
  }

  /** Counts a failed invocation; past `MAX_ERROR_TYPES` distinct types of one function (names are handler data), as `other`. */
  countError(fn: string, errorType: string): void {
    let byType = this.errors.get(fn);
    if (byType === undefined) {
      byType = new Map();
      this.errors.set(fn, byType);
    }
    this.count(byType, byType.has(errorType) || byType.size < MAX_ERROR_TYPES ? errorType : 'other');
  }

  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}
