import { lambda as lambdaLimits } from '../../aws/limits.js';
import type { QueueTriggerEdge } from '../../manifest/schema.js';
import { sqsRecord } from '../envelopes.js';
import { Priority } from '../event-queue.js';
import { formatDuration, formatOffset } from '../time.js';
import { shortId } from '../trace.js';
import type { World } from '../world.js';
import { readBatchResponse } from './batch-response.js';
import { type RecordFilter, recordFilter } from './filter-views.js';
import type { InvocationCaller, InvocationOrigin, LambdaService, Outcome } from './lambda.js';
import type { QueueMessage } from './message.js';
import type { ReceivedBatch, SimQueue } from './sqs.js';

/**
 * The SQS event source mapping of one `queue -> fn` edge (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html): polls, gathers a batch (up to
 * `batch` messages, waiting up to `window` for a full one), invokes synchronously, deletes what
 * succeeded and leaves failures to come back after the visibility timeout. Concurrency is capped
 * by `concurrency` (MaximumConcurrency), the function's and the account's limits, and, for FIFO
 * queues, by the message groups that are free.
 */
export class QueuePoller implements InvocationCaller {
  private inFlight = 0;
  private pollScheduled = false;
  /** Received while the batching window is open, not yet invoked. */
  private readonly buffer: ReceivedBatch[] = [];
  private buffered = 0;
  private bufferedBytes = 0;
  private windowDeadline: number | null = null;
  private readonly maxConcurrency: number;
  private readonly visibilityMs: number;
  private readonly windowMs: number;
  /** `SentTimestamp` and `ApproximateFirstReceiveTimestamp`: messages of a batch mostly share them. */
  private readonly sentStamp: EpochText;
  private readonly receiveStamp: EpochText;
  /** The edge's `filter` (FilterCriteria), or null. */
  private readonly filter: RecordFilter | null;

  constructor(
    private readonly world: World,
    private readonly edge: QueueTriggerEdge,
    private readonly queue: SimQueue,
    private readonly lambda: LambdaService,
  ) {
    this.maxConcurrency = edge.maximumConcurrency ?? world.options.maxConcurrentBatches;
    this.windowMs = edge.batchingWindowSeconds * 1000;
    this.sentStamp = new EpochText(world);
    this.receiveStamp = new EpochText(world);
    this.filter = recordFilter(edge.filter, 'sqs');
    const timeoutSeconds = world.manifest.functions.find((fn) => fn.name === edge.target)?.timeoutSeconds ?? lambdaLimits.timeoutSecondsDefault;
    const visibility = queue.spec.visibilityTimeoutSeconds;
    // https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html: when window + timeout exceed the visibility timeout, Lambda uses window + timeout + 30 s.
    const window = edge.batchingWindowSeconds;
    this.visibilityMs = (window + timeoutSeconds > visibility ? window + timeoutSeconds + 30 : visibility) * 1000;
    queue.addConsumer(() => this.wake());
    lambda.addCapacityListener(edge.target, () => this.wake());
  }

  /** Schedules a poll at the current instant, after everything arriving at it. */
  wake(): void {
    if (this.pollScheduled) return;
    this.pollScheduled = true;
    this.world.schedule(this.world.clock.nowMs, Priority.Poll, this.poll);
  }

  private readonly poll = (): Promise<void> => {
    this.pollScheduled = false;
    return this.pump();
  };

  /**
   * Receives and invokes batches while there are messages and concurrency, one handler call at a
   * time. With a batching window, messages are received as they come (their visibility timeout
   * runs from then) and held until the batch is full or the window, opened by the first of
   * them, closes (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html).
   */
  private async pump(): Promise<void> {
    const world = this.world;
    const batchSize = this.edge.batchSize;
    const maxBytes = lambdaLimits.syncPayloadBytesMax;
    const fn = this.edge.target;
    while (this.inFlight < this.maxConcurrency && this.lambda.canStart(fn)) {
      let batch: ReceivedBatch[];
      if (this.windowMs === 0) {
        const received = this.queue.receive(batchSize, maxBytes, this.visibilityMs);
        if (received === null) return;
        if (this.filteredOut(received)) continue;
        batch = [received];
      } else {
        const received = this.buffered < batchSize ? this.queue.receive(batchSize - this.buffered, maxBytes - this.bufferedBytes, this.visibilityMs) : null;
        if (received !== null && this.filteredOut(received)) continue;
        if (received !== null) {
          this.buffer.push(received);
          this.buffered += received.messages.length;
          for (const message of received.messages) this.bufferedBytes += message.bytes;
        }
        if (this.buffered === 0) return;
        const now = world.clock.nowMs;
        const full = this.buffered >= batchSize || (received !== null && this.queue.store.availableCount > 0);
        if (!full) {
          if (this.windowDeadline === null) {
            this.windowDeadline = now + this.windowMs;
            world.schedule(this.windowDeadline, Priority.Poll, this.poll);
          }
          if (now < this.windowDeadline) return;
        }
        batch = this.buffer.splice(0);
        this.buffered = 0;
        this.bufferedBytes = 0;
        this.windowDeadline = null;
      }
      const all = batch.length === 1 ? batch[0]!.messages : batch.flatMap((received) => received.messages);
      // What the filter deleted is not part of the invocation.
      const messages = this.filter === null ? all : all.filter((message) => message.state !== 'deleted');
      const records = [];
      for (const message of messages) records.push(this.record(message));
      this.inFlight++;
      const description = world.trace.enabled ? describeBatch(messages, this.queue.name) : '';
      const origin = world.observation.on ? this.origin(messages) : null;
      const id = this.lambda.nextInvocationId;
      for (const message of messages) message.lastInvocation = id;
      const invoked = this.lambda.invokeSync(fn, { Records: records }, description, this, batch, origin);
      this.invocationEnded(batch, messages, invoked instanceof Promise ? await invoked : invoked);
    }
  }

  /**
   * Applies the trigger's filter to what a receive returned: Lambda deletes a message that matches
   * none of the filters, unprocessed ("If an Amazon SQS message doesn't satisfy your filter
   * criteria, Lambda automatically removes the message from the queue",
   * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html): never
   * delivered, never retried, never moved to the dead-letter queue. True when nothing is left.
   */
  private filteredOut(received: ReceivedBatch): boolean {
    const filter = this.filter;
    if (filter === null) return false;
    const world = this.world;
    let left = 0;
    for (let i = 0; i < received.messages.length; i++) {
      const message = received.messages[i]!;
      if (filter(message.body)) {
        left++;
        continue;
      }
      this.queue.delete(message, received.receipts[i]!);
      world.stats.count(world.stats.filtered, this.edge.id);
      if (world.trace.enabled) world.trace.record(this.queue.name, 'filtered', `message ${shortId(message.id)} deleted unprocessed: it matches no filter of ${this.edge.id} (Lambda deletes what its filter criteria reject)`);
    }
    if (left > 0) return false;
    this.queue.settle(received);
    return true;
  }

  /** What observers hear of the batch `messages`: the highest receive count, and the invocations that received them last. */
  private origin(messages: readonly QueueMessage[]): InvocationOrigin {
    let attempt = 1;
    const retryOf: number[] = [];
    for (const message of messages) {
      attempt = Math.max(attempt, message.receiveCount);
      if (message.receiveCount > 1 && message.lastInvocation !== 0 && !retryOf.includes(message.lastInvocation)) retryOf.push(message.lastInvocation);
    }
    return { attempt, via: { kind: 'queue', source: this.queue.name, size: messages.length }, retryOf };
  }

  /** The run gave up waiting for the invocation of `batch`; `complete` wakes the poller again. */
  invocationAbandoned(outcome: Outcome, batch: unknown): void {
    const received = batch as ReceivedBatch[];
    this.invocationEnded(received, received.length === 1 ? received[0]!.messages : received.flatMap((one) => one.messages), outcome);
  }

  private invocationEnded(batch: readonly ReceivedBatch[], messages: readonly QueueMessage[], outcome: Outcome): void {
    const world = this.world;
    if (outcome.endMs === world.clock.nowMs) this.complete(batch, messages, outcome);
    else world.schedule(outcome.endMs, Priority.Act, () => this.complete(batch, messages, outcome));
  }

  private record(message: QueueMessage) {
    const world = this.world;
    return sqsRecord(message, this.queue.arn, world.options.region, this.sentStamp.text(message.sentAtMs), this.receiveStamp.text(message.firstReceiveAtMs));
  }

  private complete(batch: readonly ReceivedBatch[], messages: readonly QueueMessage[], outcome: Outcome): void {
    this.lambda.end(this.edge.target, outcome);
    this.inFlight--;
    const world = this.world;
    let failed: ReadonlySet<string> | null = null;
    let batchResponse: 'partial' | 'invalid' | undefined;
    if (outcome.ok && this.edge.reportBatchItemFailures) {
      const response = readBatchResponse(JSON.parse(outcome.json), new Set(messages.map((message) => message.id)));
      if (response.kind === 'invalid') {
        world.trace.record(this.edge.target, 'warning', `invalid partial batch response: ${response.reason}; the whole batch failed`);
        failed = new Set(messages.map((message) => message.id));
        batchResponse = 'invalid';
      } else if (response.kind === 'partial') {
        failed = response.failed;
        batchResponse = 'partial';
      }
    } else if (!outcome.ok) {
      failed = new Set(messages.map((message) => message.id));
    }
    let deleted = 0;
    for (const received of batch) {
      let all = true;
      for (let i = 0; i < received.messages.length; i++) {
        const message = received.messages[i]!;
        if (message.state === 'deleted') continue; // deleted by the filter
        if ((failed === null || !failed.has(message.id)) && this.queue.delete(message, received.receipts[i]!)) deleted++;
        else all = false;
      }
      if (all) this.queue.settle(received);
    }
    if (failed !== null && failed.size > 0) {
      const visibleAtMs = messages.find((message) => failed.has(message.id))?.visibleAtMs ?? world.clock.nowMs;
      const which = failed.size === messages.length ? `the batch of ${messages.length}` : `${failed.size} of ${messages.length} messages (${deleted} deleted)`;
      const line = world.trace.record(this.queue.name, outcome.ok ? 'partial' : 'retry', `${which} stays hidden until ${formatOffset(visibleAtMs)} (visibility timeout ${formatDuration(this.visibilityMs)})`);
      const observation = world.observation;
      if (observation.on) {
        const atMs = world.clock.nowMs;
        observation.followed({ id: outcome.id, atMs, traceIndex: line, kind: 'retry', reason: 'redelivery', visibleAtMs, ...(batchResponse === undefined ? {} : { response: batchResponse }) });
      }
    }
    this.wake();
  }
}

/** The epoch milliseconds of a virtual time as text, the last one kept: one string for a run of equal times. */
class EpochText {
  private lastMs = -1;
  private lastText = '';

  constructor(private readonly world: World) {}

  text(virtualMs: number): string {
    if (virtualMs !== this.lastMs) {
      this.lastMs = virtualMs;
      this.lastText = String(this.world.epochMs(virtualMs));
    }
    return this.lastText;
  }
}

function describeBatch(batch: readonly QueueMessage[], queue: string): string {
  const ids = batch.length <= 3 ? batch.map((message) => shortId(message.id)).join(', ') : `${shortId(batch[0]!.id)} … ${shortId(batch[batch.length - 1]!.id)}`;
  const redelivered = batch.some((message) => message.receiveCount > 1) ? ` · receive ${Math.max(...batch.map((message) => message.receiveCount))}` : '';
  return `batch of ${batch.length} from ${queue} (${ids})${redelivered}`;
}
