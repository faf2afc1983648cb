import { lambda as lambdaLimits } from '../../aws/limits.js';
import type { StreamTriggerEdge } from '../../manifest/schema.js';
import { Priority } from '../event-queue.js';
import { fnv1a } from '../hashing.js';
import { formatDuration, isoTime, isoTimeSeconds } from '../time.js';
import type { World } from '../world.js';
import { readBatchResponse } from './batch-response.js';
import { type RecordFilter, recordFilter } from './filter-views.js';
import type { InvocationCaller, InvocationOrigin, LambdaService, Outcome } from './lambda.js';
import type { StreamLog, StreamRecord } from './stream-log.js';

/** The front of a lane processed as one batch; bisecting replaces one split by its two halves. */
interface Split {
  size: number;
  /** Failed invocations of this split (what MaximumRetryAttempts counts). */
  attempts: number;
  /** The failed invocation this split retries, or whose half it is (0: none), for observers. */
  retries: number;
}

interface Lane {
  readonly shard: Shard;
  readonly index: number;
  /** Records not yet checkpointed, in order; entries before `head` are done. */
  readonly pending: StreamRecord[];
  head: number;
  readonly splits: Split[];
  busy: boolean;
  /** Whether its front split failed and waits for a retry. */
  failing: boolean;
  wakeAtMs: number | null;
  windowDeadlineMs: number | null;
  /** The split and batch of the invocation in progress. */
  invokedSplit: Split | null;
  invokedBatch: readonly StreamRecord[];
}

interface Shard {
  readonly index: number;
  readonly id: string;
  readonly lanes: Lane[];
  failingLanes: number;
}

/**
 * The event source mapping of one `stream -> fn` or `table -> fn` edge (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html, https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html). Per shard,
 * records are processed in order from a checkpoint; with ParallelizationFactor N a shard has N
 * lanes, and records go to a lane by their partition key, so one key's records stay in order.
 * A lane polls on the shard's polling interval, gathers a batch (batch size, window, 6 MB),
 * and on a function error retries the batch — blocking its lane — until it succeeds, the
 * retries or the record age run out (then the batch is discarded and an on-failure record
 * sent), or, with bisect, splits it in two. A partial batch response checkpoints before the
 * lowest failed record.
 */
export class StreamPoller implements InvocationCaller {
  private readonly shards: Shard[];
  private readonly pollIntervalMs: number;
  private readonly windowMs: number;
  private readonly maxAgeMs: number;
  private readonly startEpochMs: number | null;
  /** The edge's `filter` (FilterCriteria), or null. */
  private readonly filter: RecordFilter | null;

  constructor(
    private readonly world: World,
    private readonly edge: StreamTriggerEdge,
    private readonly log: StreamLog,
    private readonly lambda: LambdaService,
  ) {
    const factor = edge.parallelizationFactor;
    this.shards = log.shardIds.map((id, index) => {
      const shard: Shard = { index, id, lanes: [], failingLanes: 0 };
      for (let lane = 0; lane < factor; lane++) {
        shard.lanes.push({ shard, index: lane, pending: [], head: 0, splits: [], busy: false, failing: false, wakeAtMs: null, windowDeadlineMs: null, invokedSplit: null, invokedBatch: [] });
      }
      return shard;
    });
    this.pollIntervalMs = log.kind === 'kinesis' ? world.options.kinesisPollIntervalMs : world.options.dynamodbPollIntervalMs;
    this.windowMs = edge.batchingWindowSeconds * 1000;
    this.maxAgeMs = edge.maximumRecordAgeSeconds === -1 ? Infinity : edge.maximumRecordAgeSeconds * 1000;
    // The mapping starts with the run: LATEST and TRIM_HORIZON both see every record written in it.
    this.startEpochMs = edge.startingPosition === 'AT_TIMESTAMP' && edge.startingPositionTimestamp !== null ? edge.startingPositionTimestamp * 1000 : null;
    this.filter = recordFilter(edge.filter, log.kind);
    log.addConsumer((record) => this.arrive(record));
  }

  /** Records written and not yet processed or discarded, over every lane. */
  pendingRecords(): number {
    let count = 0;
    for (const shard of this.shards) for (const lane of shard.lanes) count += lane.pending.length - lane.head;
    return count;
  }

  private arrive(record: StreamRecord): void {
    if (this.startEpochMs !== null && this.world.epochMs(record.arrivalMs) < this.startEpochMs) return;
    if (this.filter !== null && !this.filter(record.json)) {
      // https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html: the iterator advances past a record that matches no filter; it stays in the stream until its retention ends.
      const world = this.world;
      world.stats.count(world.stats.filtered, this.edge.id);
      if (world.trace.enabled) world.trace.record(this.log.name, 'filtered', `record ${record.sequenceNumber} skipped: it matches no filter of ${this.edge.id}`);
      return;
    }
    const shard = this.shards[record.shardIndex]!;
    const lane = shard.lanes.length === 1 ? shard.lanes[0]! : shard.lanes[fnv1a(record.partitionKey) % shard.lanes.length]!;
    lane.pending.push(record);
    this.wake(lane, this.nextTick(this.world.clock.nowMs));
  }

  /** The first polling instant at or after `ms` (shards are polled on a fixed grid from time 0). */
  private nextTick(ms: number): number {
    return Math.ceil(ms / this.pollIntervalMs) * this.pollIntervalMs;
  }

  private wake(lane: Lane, atMs: number): void {
    if (lane.busy) return;
    if (lane.wakeAtMs !== null && lane.wakeAtMs <= atMs) return;
    lane.wakeAtMs = atMs;
    this.world.schedule(atMs, Priority.Poll, () => {
      if (lane.wakeAtMs !== atMs) return;
      lane.wakeAtMs = null;
      return this.pump(lane);
    });
  }

  private async pump(lane: Lane): Promise<void> {
    const world = this.world;
    const now = world.clock.nowMs;
    if (lane.busy) return;
    this.trim(lane, now);
    if (lane.head >= lane.pending.length) return;
    if (world.options.parallelFailureBlocking === 'shard' && lane.shard.failingLanes > 0 && !lane.failing) return;
    if (!this.lambda.canStart(this.edge.target)) {
      this.wake(lane, this.nextTick(now + 1));
      return;
    }
    let split = lane.splits[0];
    if (split === undefined) {
      const available = lane.pending.length - lane.head;
      if (available < this.edge.batchSize && this.windowMs > 0) {
        lane.windowDeadlineMs ??= now + this.windowMs;
        if (now < lane.windowDeadlineMs) {
          this.wake(lane, lane.windowDeadlineMs);
          return;
        }
      }
      lane.windowDeadlineMs = null;
      split = { size: this.batchLength(lane), attempts: 0, retries: 0 };
      lane.splits.push(split);
    }
    // https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html: records older than MaximumRecordAgeInSeconds are discarded before an attempt. A lane
    // is in arrival order, so they are at its front.
    let expired = 0;
    while (expired < split.size && now - lane.pending[lane.head + expired]!.arrivalMs > this.maxAgeMs) expired++;
    if (expired > 0) {
      const line = this.discard(lane, expired, world.options.recordAgeCondition, split.attempts, `older than max_age ${formatDuration(this.maxAgeMs)}`);
      // All that a failed invocation left to retry is gone: that failure was its last.
      if (expired === split.size) this.followed(split.retries, line, 'given-up', 'max-age');
      split.size -= expired;
      if (split.size === 0) this.finishSplit(lane);
      this.wake(lane, now);
      return;
    }
    const batch = lane.pending.slice(lane.head, lane.head + split.size);
    lane.busy = true;
    const event = { Records: batch.map((record) => JSON.parse(record.json) as unknown) };
    const attempt = split.attempts > 0 ? ` · retry ${split.attempts}` : '';
    const laneText = lane.shard.lanes.length > 1 ? ` lane ${lane.index + 1} of ${lane.shard.lanes.length}` : '';
    const description = world.trace.enabled ? `batch of ${batch.length} from ${this.log.name} ${lane.shard.id}${laneText}${attempt}` : '';
    lane.invokedSplit = split;
    lane.invokedBatch = batch;
    const origin: InvocationOrigin | null = world.observation.on
      ? { attempt: split.attempts + 1, via: { kind: 'stream', source: this.log.name, size: batch.length }, retryOf: split.retries === 0 ? [] : [split.retries] }
      : null;
    const invoked = this.lambda.invokeSync(this.edge.target, event, description, this, lane, origin);
    this.invocationEnded(lane, split, batch, invoked instanceof Promise ? await invoked : invoked);
  }

  /** The run gave up waiting for the invocation of `lane`'s batch. */
  invocationAbandoned(outcome: Outcome, lane: unknown): void {
    const invoked = lane as Lane;
    this.invocationEnded(invoked, invoked.invokedSplit!, invoked.invokedBatch, outcome);
  }

  private invocationEnded(lane: Lane, split: Split, batch: readonly StreamRecord[], outcome: Outcome): void {
    const world = this.world;
    if (outcome.endMs === world.clock.nowMs) this.complete(lane, split, batch, outcome);
    else world.schedule(outcome.endMs, Priority.Act, () => this.complete(lane, split, batch, outcome));
  }

  /** Records the next batch takes: up to the batch size and the 6 MB invocation payload (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html). */
  private batchLength(lane: Lane): number {
    const available = Math.min(lane.pending.length - lane.head, this.edge.batchSize);
    let bytes = 0;
    for (let i = 0; i < available; i++) {
      bytes += lane.pending[lane.head + i]!.json.length;
      if (bytes > lambdaLimits.syncPayloadBytesMax && i > 0) return i;
    }
    return available;
  }

  private complete(lane: Lane, split: Split, batch: readonly StreamRecord[], outcome: Outcome): void {
    const world = this.world;
    this.lambda.end(this.edge.target, outcome);
    lane.busy = false;
    let firstFailed = -1;
    let batchResponse: 'partial' | 'invalid' | undefined;
    if (outcome.ok && this.edge.reportBatchItemFailures) {
      const response = readBatchResponse(JSON.parse(outcome.json), new Set(batch.map((record) => record.sequenceNumber)));
      if (response.kind === 'invalid') {
        world.trace.record(this.edge.target, 'warning', `invalid partial batch response: ${response.reason}; the whole batch failed`);
        firstFailed = 0;
        batchResponse = 'invalid';
      } else if (response.kind === 'partial') {
        firstFailed = batch.findIndex((record) => response.failed.has(record.sequenceNumber));
        batchResponse = 'partial';
      }
    } else if (!outcome.ok) {
      firstFailed = 0;
    }
    if (firstFailed === -1) {
      this.checkpoint(lane, split.size);
      this.finishSplit(lane);
      this.wake(lane, world.clock.nowMs);
      return;
    }
    const partial = outcome.ok;
    let line = -1;
    if (firstFailed > 0) {
      // https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html: checkpoint before the lowest failed record; retry from it.
      this.checkpoint(lane, firstFailed);
      split.size -= firstFailed;
      line = world.trace.record(this.log.name, 'partial', `${firstFailed} of ${batch.length} records checkpointed; retrying from ${batch[firstFailed]!.sequenceNumber}`);
    }
    this.setFailing(lane, true);
    if (!partial && this.edge.bisectBatchOnFunctionError && split.size > 1) {
      // https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html: halves are retried without using a retry attempt.
      const first = Math.ceil(split.size / 2);
      const attempts = world.options.bisectRetryAccounting === 'per-original-batch' ? split.attempts : 0;
      lane.splits.splice(0, 1, { size: first, attempts, retries: outcome.id }, { size: split.size - first, attempts, retries: outcome.id });
      line = world.trace.record(this.log.name, 'bisect', `batch of ${split.size} split into ${first} + ${split.size - first}`);
      this.followed(outcome.id, line, 'retry', 'bisect');
    } else {
      split.attempts++;
      const maxRetries = this.edge.maximumRetryAttempts;
      if (maxRetries !== -1 && split.attempts > maxRetries) {
        line = this.discard(lane, split.size, 'RetryAttemptsExhausted', split.attempts, `${split.attempts} attempts failed (retries ${maxRetries})`);
        this.followed(outcome.id, line, 'given-up', 'retries-exhausted', batchResponse);
        this.finishSplit(lane);
        this.wake(lane, world.clock.nowMs);
        return;
      }
      world.stats.streamRetries++;
      split.retries = outcome.id;
      this.followed(outcome.id, line, 'retry', 'stream-retry', batchResponse);
    }
    // Retried on the next poll; the lane makes no progress meanwhile (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html).
    this.wake(lane, this.nextTick(world.clock.nowMs + 1));
  }

  /** Tells observers what becomes of what invocation `id` failed (nothing when `id` is 0: no invocation failed it). */
  private followed(id: number, traceIndex: number, kind: 'retry', reason: 'bisect' | 'stream-retry', response?: 'partial' | 'invalid'): void;
  private followed(id: number, traceIndex: number, kind: 'given-up', reason: 'retries-exhausted' | 'max-age', response?: 'partial' | 'invalid'): void;
  private followed(id: number, traceIndex: number, kind: 'retry' | 'given-up', reason: 'bisect' | 'stream-retry' | 'retries-exhausted' | 'max-age', response?: 'partial' | 'invalid'): void {
    const observation = this.world.observation;
    if (!observation.on || id === 0) return;
    const atMs = this.world.clock.nowMs;
    const common = { id, atMs, traceIndex, ...(response === undefined ? {} : { response }) };
    observation.followed(kind === 'retry' ? { ...common, kind, reason: reason as 'bisect' | 'stream-retry' } : { ...common, kind, reason: reason as 'retries-exhausted' | 'max-age' });
  }

  private finishSplit(lane: Lane): void {
    lane.splits.shift();
    if (lane.splits.length === 0) this.setFailing(lane, false);
  }

  private setFailing(lane: Lane, failing: boolean): void {
    if (lane.failing === failing) return;
    lane.failing = failing;
    lane.shard.failingLanes += failing ? 1 : -1;
    if (!failing && lane.shard.failingLanes === 0 && this.world.options.parallelFailureBlocking === 'shard') {
      for (const other of lane.shard.lanes) if (other !== lane) this.wake(other, this.world.clock.nowMs);
    }
  }

  private checkpoint(lane: Lane, count: number): void {
    lane.head += count;
    if (lane.head > 1024 && lane.head * 2 > lane.pending.length) {
      lane.pending.splice(0, lane.head);
      lane.head = 0;
    }
  }

  /** Records past the stream's retention are gone before anyone read them (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html). */
  private trim(lane: Lane, now: number): void {
    let trimmed = 0;
    while (lane.head < lane.pending.length && now - lane.pending[lane.head]!.arrivalMs >= this.log.retentionMs) {
      this.checkpoint(lane, 1);
      trimmed++;
      const split = lane.splits[0];
      if (split !== undefined && --split.size === 0) this.finishSplit(lane);
    }
    if (trimmed > 0) {
      this.world.stats.streamRecordsTrimmed += trimmed;
      this.world.trace.record(this.log.name, 'expire', `${trimmed} record${trimmed === 1 ? '' : 's'} of ${lane.shard.id} trimmed: older than the retention period ${formatDuration(this.log.retentionMs)}`);
    }
  }

  /** Gives up on the front `count` records: checkpoint past them and send the on-failure record (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html). */
  private discard(lane: Lane, count: number, condition: string, attempts: number, reason: string): number {
    const world = this.world;
    const records = lane.pending.slice(lane.head, lane.head + count);
    this.checkpoint(lane, count);
    world.stats.streamRecordsDiscarded += count;
    const first = records[0]!;
    const last = records[records.length - 1]!;
    const target = this.edge.onFailure;
    const line = world.trace.record(
      this.log.name,
      'on-failure',
      `${count} record${count === 1 ? '' : 's'} of ${lane.shard.id} discarded (${first.sequenceNumber}${count > 1 ? ` … ${last.sequenceNumber}` : ''}): ${condition}, ${reason}${target === null ? ' · no on_failure destination' : ` → ${target.name}`}`,
    );
    if (target === null) return line;
    world.stats.count(world.stats.streamFailures, this.edge.id);
    const arrival = this.log.kind === 'kinesis' ? isoTime : isoTimeSeconds;
    const batchInfo = {
      shardId: lane.shard.id,
      startSequenceNumber: first.sequenceNumber,
      endSequenceNumber: last.sequenceNumber,
      approximateArrivalOfFirstRecord: arrival(world.epochMs(first.arrivalMs)),
      approximateArrivalOfLastRecord: arrival(world.epochMs(last.arrivalMs)),
      batchSize: count,
      streamArn: this.log.arn,
    };
    const record = {
      requestContext: {
        requestId: world.rng.uuid(),
        functionArn: world.addresses.functionArn(this.edge.target),
        condition,
        approximateInvokeCount: attempts,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: isoTime(world.epochMs()),
      [this.log.kind === 'kinesis' ? 'KinesisBatchInfo' : 'DDBStreamBatchInfo']: batchInfo,
    };
    const body = JSON.stringify(record);
    const from = `${this.edge.id} on_failure`;
    const label = `on-failure record (${condition}, ${count} record${count === 1 ? '' : 's'} of ${lane.shard.id})`;
    try {
      if (target.kind === 'queue') world.router.sendMessage(target.name, { body, from, label });
      else world.router.publish(target.name, { message: body, from, label });
    } catch (error) {
      world.trace.record(this.log.name, 'warning', `on-failure delivery to ${target.name} failed: ${(error as Error).message}`);
    }
    return line;
  }
}
