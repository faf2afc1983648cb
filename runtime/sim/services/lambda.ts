import type { Context } from 'aws-lambda';
import { eventBridge, lambda as lambdaLimits, sns as snsLimits } from '../../aws/limits.js';
import type { DestinationEdge, FunctionSpec } from '../../manifest/schema.js';
import { captureConsole, type HandlerEnvironment } from '../environment.js';
import { AwsServiceError } from '../errors.js';
import { Priority } from '../event-queue.js';
import { formatDuration, formatOffset, isoTime } from '../time.js';
import { preview, shortId } from '../trace.js';
import type { FunctionStats } from '../stats.js';
import type { AsyncMode, World } from '../world.js';

/** A handler as the simulator calls it: `(event, context)`, sync or async. */
export type Handler = (event: never, context: Context) => unknown;

/** The error object Lambda reports for a failed invocation (`responsePayload` of a failure record). */
export interface ErrorPayload {
  readonly errorType?: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/** How an invocation ended, and when (virtual ms): handler code runs at the start, the end may be later. */
export type Outcome =
  | { readonly ok: true; readonly value: unknown; readonly endMs: number }
  | { readonly ok: false; readonly error: ErrorPayload; readonly cause: 'error' | 'timeout' | 'missing'; readonly endMs: number };

/** The Lambda context object, on virtual time. */
class InvocationContext {
  readonly callbackWaitsForEmptyEventLoop = true;
  readonly functionVersion = '$LATEST';

  constructor(
    private readonly fn: FunctionState,
    readonly awsRequestId: string,
  ) {}

  get functionName(): string {
    return this.fn.spec.name;
  }

  get invokedFunctionArn(): string {
    return this.fn.arn;
  }

  get memoryLimitInMB(): string {
    return this.fn.memory;
  }

  get logGroupName(): string {
    return this.fn.logGroup;
  }

  get logStreamName(): string {
    return `sim/[$LATEST]${this.awsRequestId.slice(0, 8)}`;
  }

  /** Handler code runs at one instant of virtual time, so it always has its whole timeout left. */
  getRemainingTimeInMillis(): number {
    return this.fn.spec.timeoutSeconds * 1000;
  }

  done(): never {
    throw new Error('callback-style handlers are not supported: nodejs24.x has no callbacks; return a value or a promise');
  }

  fail(): never {
    return this.done();
  }

  succeed(): never {
    return this.done();
  }
}

interface FunctionState {
  readonly spec: FunctionSpec;
  readonly stats: FunctionStats;
  readonly handler: Handler | undefined;
  readonly arn: string;
  readonly memory: string;
  readonly logGroup: string;
  inFlight: number;
  success: DestinationEdge | undefined;
  failure: DestinationEdge | undefined;
}

/** One event in a function's asynchronous queue (§1.2). */
interface AsyncEvent {
  readonly requestId: string;
  readonly fn: FunctionState;
  /** The event as JSON: each attempt gets a fresh copy, as it would from Lambda's queue. */
  readonly json: string;
  readonly enqueuedAtMs: number;
  readonly from: string;
  readonly mode: AsyncMode;
  attempts: number;
  throttles: number;
  lastError: Outcome | null;
}

/**
 * AWS Lambda: runs handlers (one at a time in real time, each at one instant of virtual time,
 * completing after the configured duration), the asynchronous queue with its retries, age limit
 * and destinations (§1), and the concurrency limits. Event source mappings call `invokeSync`.
 */
export class LambdaService {
  private readonly functions = new Map<string, FunctionState>();
  private totalInFlight = 0;
  private readonly capacityListeners = new Map<string, (() => void)[]>();
  private lastName = '';
  private lastState: FunctionState | undefined;
  private readonly accountConcurrency = lambdaLimits.accountConcurrencyDefault;

  constructor(
    private readonly world: World,
    handlers: ReadonlyMap<string, Handler>,
    private readonly environment: HandlerEnvironment,
    private readonly onHandlerStart: (fn: string) => void,
  ) {
    for (const spec of world.manifest.functions) {
      this.functions.set(spec.name, {
        spec,
        stats: world.stats.fn(spec.name),
        handler: handlers.get(spec.name),
        arn: world.addresses.functionArn(spec.name),
        memory: String(spec.memoryMb),
        logGroup: `/aws/lambda/${spec.name}`,
        inFlight: 0,
        success: undefined,
        failure: undefined,
      });
    }
    for (const edge of world.manifest.edges) {
      if (edge.kind !== 'destination') continue;
      const state = this.functions.get(edge.source);
      if (state === undefined) continue;
      if (edge.condition === 'success') state.success = edge;
      else state.failure = edge;
    }
  }

  /** Whether another invocation of `fn` may start now (reserved and account concurrency). */
  canStart(fn: string): boolean {
    const state = this.state(fn);
    const reserved = state.spec.reservedConcurrency;
    if (reserved !== null && state.inFlight >= reserved) return false;
    return this.totalInFlight < this.accountConcurrency;
  }

  /** `listener` runs when an invocation of `fn` ends while `fn` (or the account) was at its concurrency limit. */
  addCapacityListener(fn: string, listener: () => void): void {
    const listeners = this.capacityListeners.get(fn) ?? [];
    listeners.push(listener);
    this.capacityListeners.set(fn, listeners);
  }

  /**
   * A synchronous invocation, as an event source mapping makes: one attempt, no retries and no
   * destinations (§1.2 item 8). Runs the handler now and resolves with the outcome; the caller
   * calls `end` with it at `outcome.endMs`, which frees the concurrency and traces the result.
   */
  invokeSync(fn: string, event: unknown, description: string): Outcome | Promise<Outcome> {
    const state = this.state(fn);
    const requestId = this.world.rng.uuid();
    if (this.world.trace.enabled) this.world.trace.record(fn, 'invoke', `${description} · request ${shortId(requestId)}`);
    return this.execute(state, event, requestId);
  }

  /** The invocation that produced `outcome` is over: concurrency back, result traced. */
  end(fn: string, outcome: Outcome, traceSuffix = ''): void {
    const state = this.state(fn);
    const reserved = state.spec.reservedConcurrency;
    const fnWasFull = reserved !== null && state.inFlight >= reserved;
    const accountWasFull = this.totalInFlight >= this.accountConcurrency;
    state.inFlight--;
    this.totalInFlight--;
    if (outcome.ok) state.stats.succeeded++;
    else state.stats.failed++;
    this.traceOutcome(state, outcome, traceSuffix);
    if (accountWasFull) for (const listeners of this.capacityListeners.values()) for (const listener of listeners) listener();
    else if (fnWasFull) for (const listener of this.capacityListeners.get(fn) ?? []) listener();
  }

  /** `Invoke` with `InvocationType: Event`: queued, then attempted at once (§1.2 item 1). */
  invokeAsync(fn: string, event: unknown, from: string, mode: AsyncMode = 'async'): string {
    const state = this.state(fn);
    const json = JSON.stringify(event) ?? 'null';
    if (json.length > lambdaLimits.asyncPayloadBytesMax && Buffer.byteLength(json) > lambdaLimits.asyncPayloadBytesMax) {
      throw new AwsServiceError('RequestEntityTooLargeException', `the event for ${fn} is larger than the ${lambdaLimits.asyncPayloadBytesMax}-byte asynchronous payload limit`);
    }
    const asyncEvent: AsyncEvent = {
      requestId: this.world.rng.uuid(),
      fn: state,
      json,
      enqueuedAtMs: this.world.clock.nowMs,
      from,
      mode,
      attempts: 0,
      throttles: 0,
      lastError: null,
    };
    this.world.schedule(this.world.clock.nowMs, Priority.Act, () => this.attempt(asyncEvent));
    return asyncEvent.requestId;
  }

  private async attempt(event: AsyncEvent): Promise<void> {
    const world = this.world;
    const state = event.fn;
    const spec = state.spec;
    const now = world.clock.nowMs;
    const maxAgeMs = (spec.asyncConfig?.maximumEventAgeSeconds ?? lambdaLimits.asyncMaxEventAgeSecondsDefault) * 1000;
    if (now - event.enqueuedAtMs > maxAgeMs) {
      this.giveUp(event, world.options.eventAgeExceededCondition, `older than max_age ${formatDuration(maxAgeMs)}`);
      return;
    }
    if (spec.reservedConcurrency === 0) {
      // §1.2 item 6: straight to the failure destination, no retries.
      this.giveUp(event, world.options.zeroConcurrencyCondition, 'reserved concurrency is 0');
      return;
    }
    if (!this.canStart(spec.name)) {
      const backoff = Math.min(world.options.throttleBackoffInitialMs * 2 ** event.throttles, world.options.throttleBackoffMaxMs);
      event.throttles++;
      state.stats.throttled++;
      world.trace.record(spec.name, 'throttle', `no concurrency left · retry at ${formatOffset(now + backoff)} (does not use a retry)`);
      world.schedule(now + backoff, Priority.Act, () => this.attempt(event));
      return;
    }
    event.attempts++;
    if (event.attempts > 1) world.stats.asyncRetries++;
    const maxAttempts = this.maxRetries(event) + 1;
    world.trace.record(
      spec.name,
      'invoke',
      `async attempt ${event.attempts} of ${maxAttempts} · request ${shortId(event.requestId)}${event.attempts === 1 ? ` · from ${event.from}` : ''}`,
    );
    const result = this.execute(state, JSON.parse(event.json), event.requestId);
    const outcome = result instanceof Promise ? await result : result;
    if (outcome.endMs === world.clock.nowMs) this.afterAttempt(event, outcome);
    else world.schedule(outcome.endMs, Priority.Act, () => this.afterAttempt(event, outcome));
  }

  private afterAttempt(event: AsyncEvent, outcome: Outcome): void {
    const world = this.world;
    const spec = event.fn.spec;
    if (outcome.ok) {
      this.end(spec.name, outcome);
      if (event.mode === 'async') this.deliver(event, 'success', 'Success', outcome);
      return;
    }
    event.lastError = outcome;
    const retries = this.maxRetries(event);
    const now = world.clock.nowMs;
    if (event.attempts > retries) {
      this.end(spec.name, outcome, retries === 0 ? ' · no retries' : ` · retries exhausted after ${event.attempts} attempts`);
      this.giveUp(event, 'RetriesExhausted', null);
      return;
    }
    const delays = world.options.asyncRetryDelaysMs;
    const base = delays[Math.min(event.attempts - 1, delays.length - 1)] ?? 0;
    const jitter = world.options.asyncRetryJitterMs > 0 ? world.rng.int(world.options.asyncRetryJitterMs) : 0;
    const at = now + base + jitter;
    const maxAgeMs = (spec.asyncConfig?.maximumEventAgeSeconds ?? lambdaLimits.asyncMaxEventAgeSecondsDefault) * 1000;
    if (world.options.asyncAgeLookahead && at - event.enqueuedAtMs > maxAgeMs) {
      this.end(spec.name, outcome, ' · the next retry would pass max_age');
      this.giveUp(event, world.options.eventAgeExceededCondition, null);
      return;
    }
    this.end(spec.name, outcome, ` · attempt ${event.attempts + 1} at ${formatOffset(at)} (in ${formatDuration(at - now)})`);
    world.schedule(at, Priority.Act, () => this.attempt(event));
  }

  private maxRetries(event: AsyncEvent): number {
    if (event.mode === 'once') return 0;
    return event.fn.spec.asyncConfig?.maximumRetryAttempts ?? lambdaLimits.asyncRetryAttemptsDefault;
  }

  /** The event is discarded (§1.2 item 4): to the failure destination if there is one. */
  private giveUp(event: AsyncEvent, condition: string, reason: string | null): void {
    const world = this.world;
    if (reason !== null) world.trace.record(event.fn.spec.name, 'expire', `request ${shortId(event.requestId)} discarded: ${reason}`);
    if (event.mode === 'async' && event.fn.failure !== undefined) {
      this.deliver(event, 'failure', condition, event.lastError);
    } else {
      world.stats.asyncDropped++;
      if (event.mode === 'async') world.trace.record(event.fn.spec.name, 'expire', `request ${shortId(event.requestId)} dropped: no failure destination`);
    }
  }

  /** Sends the invocation record to the destination of `condition` (§1.4, §1.5). */
  private deliver(event: AsyncEvent, condition: 'success' | 'failure', recordCondition: string, outcome: Outcome | null): void {
    const world = this.world;
    const fn = event.fn;
    const edge = condition === 'success' ? fn.success : fn.failure;
    if (edge === undefined) return;
    const addresses = world.addresses;
    const record: Record<string, unknown> = {
      version: '1.0',
      timestamp: isoTime(world.epochMs()),
      requestContext: {
        requestId: event.requestId,
        functionArn: addresses.qualifiedFunctionArn(fn.spec.name),
        condition: recordCondition,
        approximateInvokeCount: event.attempts,
      },
      requestPayload: JSON.parse(event.json),
    };
    if (outcome !== null) {
      record.responseContext = {
        statusCode: 200,
        executedVersion: '$LATEST',
        ...(outcome.ok ? {} : { functionError: outcome.cause === 'error' ? world.options.thrownErrorType : 'Unhandled' }),
      };
      record.responsePayload = outcome.ok ? (JSON.parse(JSON.stringify(outcome.value) ?? 'null') as unknown) : outcome.error;
    }
    world.stats.count(world.stats.destinations, edge.id);
    world.trace.record(fn.spec.name, 'destination', `${condition} → ${edge.target} (${edge.targetKind}) · ${recordCondition} after ${event.attempts} attempt${event.attempts === 1 ? '' : 's'}`);
    const from = `${fn.spec.name}.${condition}`;
    const label = `invocation record (${recordCondition}) of request ${shortId(event.requestId)}`;
    try {
      switch (edge.targetKind) {
        case 'fn':
          world.router.invokeAsync(edge.target, record, from, world.options.destinationFunctionInvocation === 'async' ? 'async' : 'once');
          break;
        case 'queue':
          world.router.sendMessage(edge.target, { body: JSON.stringify(record), from, label });
          break;
        case 'topic': {
          let message = JSON.stringify(record);
          // SNS caps messages at 256 KB: Lambda then drops the payloads from the record (§1.4).
          if (Buffer.byteLength(message) > snsLimits.messageBytesMax) {
            delete record.requestPayload;
            delete record.responsePayload;
            message = JSON.stringify(record);
          }
          world.router.publish(edge.target, { message, from, label });
          break;
        }
        case 'bus':
          world.router.putEvent(edge.target, {
            source: eventBridge.destinationSource,
            detailType: condition === 'success' ? eventBridge.successDetailType : eventBridge.failureDetailType,
            detail: record,
            resources: [addresses.qualifiedFunctionArn(fn.spec.name), addresses.arn('bus', edge.target)],
            from,
            label,
          });
          break;
      }
    } catch (error) {
      // §1.4: a failed delivery only shows in the DestinationDeliveryFailures metric; the record is lost.
      world.trace.record(fn.spec.name, 'warning', `DestinationDeliveryFailures: ${(error as Error).message}`);
    }
  }

  /**
   * Runs the handler once, now; returns the outcome, or a promise of it for an async handler
   * (no async function here: each extra await layer costs more than the rest of an invocation).
   * The invocation holds a unit of concurrency until `end`; it ends after the configured
   * duration, or at the timeout if that duration is longer (then it is a timeout, whatever the
   * handler returned).
   */
  private execute(state: FunctionState, event: unknown, requestId: string): Outcome | Promise<Outcome> {
    const world = this.world;
    const name = state.spec.name;
    world.step();
    state.stats.invocations++;
    state.inFlight++;
    this.totalInFlight++;
    const startMs = world.clock.nowMs;
    const durationMs = world.options.durationMs(name, event);
    const handler = state.handler;
    if (handler === undefined) {
      const error = { errorType: 'Runtime.HandlerNotFound', errorMessage: `${state.spec.handler} is missing or has no \`handler\` export` };
      return this.settle(state, requestId, startMs, durationMs, { ok: false, cause: 'missing', error, endMs: 0 });
    }
    this.environment.enter(name);
    this.onHandlerStart(name);
    const release = world.options.captureLogs ? captureConsole((level, text) => world.trace.record(name, 'log', level === 'log' ? text : `${level}: ${text}`)) : null;
    let result: unknown;
    try {
      result = handler(event as never, new InvocationContext(state, requestId) as unknown as Context);
    } catch (thrown) {
      release?.();
      return this.settle(state, requestId, startMs, durationMs, this.failed(thrown));
    }
    if (!isPromiseLike(result)) {
      release?.();
      return this.settle(state, requestId, startMs, durationMs, { ok: true, value: result, endMs: 0 });
    }
    return Promise.resolve(result).then(
      (value) => {
        release?.();
        return this.settle(state, requestId, startMs, durationMs, { ok: true, value, endMs: 0 });
      },
      (thrown: unknown) => {
        release?.();
        return this.settle(state, requestId, startMs, durationMs, this.failed(thrown));
      },
    );
  }

  /** The outcome with its end time; a timeout when the duration is longer than the function's timeout. */
  private settle(state: FunctionState, requestId: string, startMs: number, durationMs: number, raw: Outcome): Outcome {
    const timeoutMs = state.spec.timeoutSeconds * 1000;
    if (durationMs > timeoutMs) {
      const message = `${isoTime(this.world.epochMs(startMs + timeoutMs))} ${requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
      return { ok: false, cause: 'timeout', error: { errorMessage: message }, endMs: startMs + timeoutMs };
    }
    return raw.ok ? { ok: true, value: raw.value, endMs: startMs + durationMs } : { ok: false, cause: raw.cause, error: raw.error, endMs: startMs + durationMs };
  }

  private failed(thrown: unknown): Outcome {
    return { ok: false, cause: 'error', error: this.errorPayload(thrown), endMs: 0 };
  }

  /** The error object the Node.js runtime reports for a thrown value. */
  private errorPayload(error: unknown): ErrorPayload {
    if (error instanceof Error) {
      const stack = this.world.options.stackTraces && error.stack !== undefined ? error.stack.split('\n') : [];
      return { errorType: error.name || 'Error', errorMessage: error.message, trace: stack };
    }
    return { errorType: typeof error === 'string' ? 'string' : 'Error', errorMessage: String(error), trace: [] };
  }

  private traceOutcome(state: FunctionState, outcome: Outcome, suffix: string): void {
    const trace = this.world.trace;
    if (!trace.enabled) return;
    if (outcome.ok) {
      trace.record(state.spec.name, 'ok', outcome.value === undefined ? `returned nothing${suffix}` : `returned ${preview(outcome.value)}${suffix}`);
    } else {
      const { errorType, errorMessage } = outcome.error;
      // A timeout's message starts with the time and request id; the trace line has both already.
      const text = outcome.cause === 'timeout' ? errorMessage.slice(errorMessage.indexOf('Task timed out')) : `${errorType === undefined ? '' : `${errorType}: `}${errorMessage}`;
      trace.record(state.spec.name, 'error', `${text}${suffix}`);
    }
  }

  private state(fn: string): FunctionState {
    // Pollers ask for the same function many times in a row: skip the map then.
    if (fn === this.lastName && this.lastState !== undefined) return this.lastState;
    const state = this.functions.get(fn);
    if (state === undefined) throw new AwsServiceError('ResourceNotFoundException', `Function not found: ${fn}`);
    this.lastName = fn;
    this.lastState = state;
    return state;
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
