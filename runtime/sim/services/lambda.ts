import type { Context } from 'aws-lambda';
import { types } from 'node:util';
import { eventBridge, lambda as lambdaLimits, sns as snsLimits } from '../../aws/limits.js';
import type { DestinationEdge, FunctionSpec } from '../../manifest/schema.js';
import type { CarriedTypes } from '../carried-types.js';
import { captureConsole, type HandlerEnvironment } from '../environment.js';
import { AwsServiceError } from '../errors.js';
import { Priority } from '../event-queue.js';
import type { Discarded, ErrorPayload, InvocationVia, Outcome } from '../invocation.js';
import { formatDuration, formatOffset, isoTime } from '../time.js';
import type { FaultKind } from '../process-faults.js';
import { afterMicrotasks, type ResourceCounts, type StallReason, type StallWatch, watchStall } from '../real-loop.js';
import { preview, shortId } from '../trace.js';
import type { FunctionStats } from '../stats.js';
import type { AsyncMode, World } from '../world.js';

/** A handler as the simulator calls it: `(event, context)`, sync or async. */
export type Handler = (event: never, context: Context) => unknown;

export type { ErrorPayload, Outcome } from '../invocation.js';

/**
 * What the caller of an invocation tells observers about it (`InvocationStart`), built only
 * when someone observes.
 */
export interface InvocationOrigin {
  readonly attempt: number;
  readonly via: InvocationVia;
  readonly retryOf: readonly number[];
}

// The errors below are what the Node.js runtime reports, from its source (the runtime interface
// client of the nodejs managed runtimes, https://github.com/aws/aws-lambda-nodejs-runtime-interface-client):
// `src/utils/serialize.ts` for a result JSON.stringify cannot serialize, `src/utils/error.ts`
// for a thrown value, `src/utils/errors.ts` for the `Runtime.*` names.

/** The error for a result JSON.stringify cannot serialize. */
const STRINGIFY_ERROR: ErrorPayload = { errorType: 'Runtime.JSONStringifyError', errorMessage: 'Unable to stringify response body', trace: [] };

/** The error when reading a thrown Error's name, message or stack throws. */
const UNREADABLE_ERROR: ErrorPayload = {
  errorType: 'handled',
  errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
  trace: [],
};

/** `failure` without a thrown value (`undefined` can be thrown). */
const NOT_THROWN: unique symbol = Symbol('not thrown');

/**
 * Whoever invoked a handler and awaits its outcome, told how the invocation ended when the run
 * gives up waiting for it (a promise that never settles, an error that reached the process). Its
 * own `await` then never returns: this is where it goes on instead.
 */
export interface InvocationCaller {
  invocationAbandoned(outcome: Outcome, context: unknown): void;
}

/**
 * The handler call in progress. Handlers run one at a time — an async one is awaited before
 * anything else runs — so one record, reused, describes it: nothing is allocated per invocation.
 */
class CurrentCall {
  /** Non-zero while the run waits for an async handler: that wait's number. */
  seq = 0;
  /** The invocation's id (`InvocationStart.id`). */
  id = 0;
  state: FunctionState | undefined;
  requestId = '';
  startMs = 0;
  durationMs = 0;
  /** A copy of the event, taken before the handler could change it, when someone observes invocations. */
  event: unknown;
  /** Puts console back when handler output is captured. */
  release: (() => void) | null = null;
  caller: InvocationCaller | null = null;
  context: unknown;
  /** Set once an awaited handler is seen to wait on the event loop. */
  watch: StallWatch | null = null;
}

/** What a then-callback of an abandoned wait returns: its promise stays pending, so its awaiters never resume. */
function neverSettles(): Promise<never> {
  return new Promise<never>(() => undefined);
}

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
  /** Whether its result is checked against a declared output type (asked once, not per invocation). */
  readonly checksResult: boolean;
  inFlight: number;
  success: DestinationEdge | undefined;
  failure: DestinationEdge | undefined;
}

/** One event in a function's asynchronous queue (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). */
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
  /** The id of its latest attempt's invocation (0: none yet), which its next attempt retries. */
  lastInvocation: number;
}

/**
 * AWS Lambda: runs handlers (one at a time in real time, each at one instant of virtual time,
 * completing after the configured duration), the asynchronous queue with its retries, age limit
 * and destinations (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html), and the concurrency limits. Event source mappings call `invokeSync`.
 */
export class LambdaService {
  private readonly functions = new Map<string, FunctionState>();
  private totalInFlight = 0;
  private readonly capacityListeners = new Map<string, (() => void)[]>();
  private lastName = '';
  private lastState: FunctionState | undefined;
  private readonly accountConcurrency = lambdaLimits.accountConcurrencyDefault;
  private readonly call = new CurrentCall();
  private waits = 0;
  /** Invocations started in this run: the last one's id. */
  private invocationCount = 0;
  /** Attempts of asynchronous invocations continue in `attemptEnded` when given up on. */
  private readonly asyncCaller: InvocationCaller = { invocationAbandoned: (outcome, event) => this.attemptEnded(event as AsyncEvent, outcome) };
  /** Whether `onLoopTurn` is scheduled for the next time the microtask queue is empty. */
  private sentinelArmed = false;
  private readonly onLoopTurn = (): void => this.loopTurned();

  constructor(
    private readonly world: World,
    handlers: ReadonlyMap<string, Handler>,
    private readonly environment: HandlerEnvironment,
    private readonly onHandlerStart: (fn: string) => void,
    /** What kept the process alive before the handlers were loaded (real-loop.ts). */
    private readonly hostResources: ResourceCounts,
    /**
     * The run gave up waiting for an invocation: `goOn` continues its caller, and the run
     * continues without the await that waited for it (Simulator.drive).
     */
    private readonly onAbandoned: (goOn: () => void) => void,
    /** The flow's types, which a function's result must have when it declares one. */
    private readonly carried: CarriedTypes,
  ) {
    for (const spec of world.manifest.functions) {
      this.functions.set(spec.name, {
        spec,
        stats: world.stats.fn(spec.name),
        handler: handlers.get(spec.name),
        arn: world.addresses.functionArn(spec.name),
        memory: String(spec.memoryMb),
        logGroup: `/aws/lambda/${spec.name}`,
        checksResult: carried.checksResult(spec.name),
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

  /** The id the next invocation to start will have: a caller links what it invokes to it before the call. */
  get nextInvocationId(): number {
    return this.invocationCount + 1;
  }

  /**
   * An error reached the process from handler code (a timer that threw, a rejection nobody
   * handled) while the run waits for an invocation: that invocation fails with it, as the
   * Node.js runtime reports the error for the invocation in progress. False when none is.
   */
  failWaiting(kind: FaultKind, error: unknown): boolean {
    if (this.call.seq === 0) return false;
    const payload = kind === 'unhandled-rejection' ? rejectionPayload(error) : this.errorPayload(error);
    this.abandonWait(this.failure('error', payload, error));
    return true;
  }

  /** `listener` runs when an invocation of `fn` ends while `fn` (or the account) was at its concurrency limit. */
  addCapacityListener(fn: string, listener: () => void): void {
    const listeners = this.capacityListeners.get(fn) ?? [];
    listeners.push(listener);
    this.capacityListeners.set(fn, listeners);
  }

  /**
   * A synchronous invocation, as an event source mapping makes: one attempt, no retries and no
   * destinations (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). Runs the handler now and resolves with the outcome; the caller
   * calls `end` with it at `outcome.endMs`, which frees the concurrency and traces the result.
   */
  invokeSync(fn: string, event: unknown, description: string, caller: InvocationCaller, context?: unknown, origin: InvocationOrigin | null = null): Outcome | Promise<Outcome> {
    const state = this.state(fn);
    const requestId = this.world.rng.uuid();
    const traceIndex = this.world.trace.enabled ? this.world.trace.record(fn, 'invoke', `${description} · request ${shortId(requestId)}`) : -1;
    return this.execute(state, event, requestId, caller, context, traceIndex, origin);
  }

  /** The invocation that produced `outcome` is over: concurrency back, result traced. Returns the index of its trace line, or -1. */
  end(fn: string, outcome: Outcome, traceSuffix = ''): number {
    const state = this.state(fn);
    const reserved = state.spec.reservedConcurrency;
    const fnWasFull = reserved !== null && state.inFlight >= reserved;
    const accountWasFull = this.totalInFlight >= this.accountConcurrency;
    state.inFlight--;
    this.totalInFlight--;
    if (outcome.ok) state.stats.succeeded++;
    else {
      state.stats.failed++;
      this.world.stats.countError(fn, outcome.cause === 'timeout' ? 'timeout' : (outcome.error.errorType ?? 'unknown'));
    }
    const traceIndex = this.traceOutcome(state, outcome, traceSuffix);
    const observation = this.world.observation;
    if (observation.on) observation.ended({ id: outcome.id, fn, atMs: this.world.clock.nowMs, outcome, traceIndex });
    if (accountWasFull) for (const listeners of this.capacityListeners.values()) for (const listener of listeners) listener();
    else if (fnWasFull) for (const listener of this.capacityListeners.get(fn) ?? []) listener();
    return traceIndex;
  }

  /** `Invoke` with `InvocationType: Event`: queued, then attempted at once (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). */
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
      lastInvocation: 0,
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
      const line = this.giveUp(event, world.options.eventAgeExceededCondition, `older than max_age ${formatDuration(maxAgeMs)}`);
      // The retry of a failed attempt came too late: that failure was its last.
      if (event.lastInvocation !== 0) this.followed(event.lastInvocation, line, 'max-age');
      return;
    }
    if (spec.reservedConcurrency === 0) {
      // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html: straight to the failure destination, no retries.
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
    const traceIndex = world.trace.record(
      spec.name,
      'invoke',
      `async attempt ${event.attempts} of ${maxAttempts} · request ${shortId(event.requestId)}${event.attempts === 1 ? ` · from ${event.from}` : ''}`,
    );
    const origin: InvocationOrigin | null = world.observation.on
      ? { attempt: event.attempts, via: { kind: 'async', from: event.from }, retryOf: event.lastInvocation === 0 ? [] : [event.lastInvocation] }
      : null;
    event.lastInvocation = this.invocationCount + 1;
    const result = this.execute(state, JSON.parse(event.json), event.requestId, this.asyncCaller, event, traceIndex, origin);
    this.attemptEnded(event, result instanceof Promise ? await result : result);
  }

  private attemptEnded(event: AsyncEvent, outcome: Outcome): void {
    const world = this.world;
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
      const line = this.end(spec.name, outcome, retries === 0 ? ' · no retries' : ` · retries exhausted after ${event.attempts} attempts`);
      this.followed(outcome.id, line, 'retries-exhausted');
      this.giveUp(event, 'RetriesExhausted', null);
      return;
    }
    const delays = world.options.asyncRetryDelaysMs;
    const base = delays[Math.min(event.attempts - 1, delays.length - 1)] ?? 0;
    const jitter = world.options.asyncRetryJitterMs > 0 ? world.rng.int(world.options.asyncRetryJitterMs) : 0;
    const at = now + base + jitter;
    const maxAgeMs = (spec.asyncConfig?.maximumEventAgeSeconds ?? lambdaLimits.asyncMaxEventAgeSecondsDefault) * 1000;
    if (world.options.asyncAgeLookahead && at - event.enqueuedAtMs > maxAgeMs) {
      const line = this.end(spec.name, outcome, ' · the next retry would pass max_age');
      this.followed(outcome.id, line, 'max-age');
      this.giveUp(event, world.options.eventAgeExceededCondition, null);
      return;
    }
    const line = this.end(spec.name, outcome, ` · attempt ${event.attempts + 1} at ${formatOffset(at)} (in ${formatDuration(at - now)})`);
    this.followed(outcome.id, line, 'async-retry');
    world.schedule(at, Priority.Act, () => this.attempt(event));
  }

  /** Tells observers what becomes of the failure of an asynchronous attempt, said by trace line `traceIndex`. */
  private followed(id: number, traceIndex: number, reason: 'async-retry' | 'retries-exhausted' | 'max-age'): void {
    const observation = this.world.observation;
    if (!observation.on) return;
    const atMs = this.world.clock.nowMs;
    observation.followed(reason === 'async-retry' ? { id, atMs, traceIndex, kind: 'retry', reason } : { id, atMs, traceIndex, kind: 'given-up', reason });
  }

  private maxRetries(event: AsyncEvent): number {
    if (event.mode === 'once') return 0;
    return event.fn.spec.asyncConfig?.maximumRetryAttempts ?? lambdaLimits.asyncRetryAttemptsDefault;
  }

  /** The event is discarded (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html): to the failure destination if there is one. */
  private giveUp(event: AsyncEvent, condition: string, reason: string | null): number {
    const world = this.world;
    const line = reason === null ? -1 : world.trace.record(event.fn.spec.name, 'expire', `request ${shortId(event.requestId)} discarded: ${reason}`);
    if (event.mode === 'async' && event.fn.failure !== undefined) {
      this.deliver(event, 'failure', condition, event.lastError);
    } else {
      world.stats.asyncDropped++;
      if (event.mode === 'async') world.trace.record(event.fn.spec.name, 'expire', `request ${shortId(event.requestId)} dropped: no failure destination`);
    }
    return line;
  }

  /** Sends the invocation record to the destination of `condition` (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). */
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
        ...(outcome.ok ? {} : { functionError: outcome.cause === 'error' || outcome.cause === 'serialization' ? world.options.thrownErrorType : 'Unhandled' }),
      };
      record.responsePayload = outcome.ok ? (JSON.parse(outcome.json) as unknown) : outcome.error;
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
          // SNS caps messages at 256 KB: Lambda then drops the payloads from the record (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
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
      // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html: a failed delivery only shows in the DestinationDeliveryFailures metric; the record is lost.
      world.trace.record(fn.spec.name, 'warning', `DestinationDeliveryFailures: ${(error as Error).message}`);
    }
  }

  /**
   * Runs the handler once, now; returns the outcome, or a promise of it for an async handler
   * (no async function here: each extra await layer costs more than the rest of an invocation).
   * The invocation holds a unit of concurrency until `end`; it ends after the configured
   * duration, or at the timeout if that duration is longer (then it is a timeout, whatever the
   * handler returned), or if the handler's promise can never settle.
   *
   * An async handler is awaited as it is: a promise that settles within the microtask turn
   * costs nothing more. If the microtask queue empties meanwhile (`loopTurned`), the handler
   * waits on the event loop and is watched (real-loop.ts) until it settles, until an error from
   * handler code reaches the process (`failWaiting`), or until it is clear that it never will.
   * In the last two cases the run gives up on it (`abandonWait`): the caller goes on with the
   * outcome through `caller.invocationAbandoned`, and the promise it awaited never settles.
   */
  private execute(
    state: FunctionState,
    event: unknown,
    requestId: string,
    caller: InvocationCaller,
    context: unknown,
    traceIndex: number,
    origin: InvocationOrigin | null,
  ): Outcome | Promise<Outcome> {
    const world = this.world;
    const name = state.spec.name;
    world.step();
    state.stats.invocations++;
    state.inFlight++;
    this.totalInFlight++;
    const call = this.call;
    call.state = state;
    call.requestId = requestId;
    call.startMs = world.clock.nowMs;
    call.durationMs = world.options.durationMs(name, event);
    call.id = ++this.invocationCount;
    const observation = world.observation;
    if (observation.on) {
      call.event = JSON.parse(JSON.stringify(event) ?? 'null') as unknown;
      observation.started({
        id: call.id,
        fn: name,
        requestId,
        atMs: call.startMs,
        traceIndex,
        attempt: origin?.attempt ?? 1,
        via: origin?.via ?? { kind: 'sync' },
        retryOf: origin?.retryOf ?? [],
        event: call.event,
      });
    }
    const handler = state.handler;
    if (handler === undefined) {
      const error = { errorType: 'Runtime.HandlerNotFound', errorMessage: `${state.spec.handler} is missing or has no \`handler\` export` };
      return this.observed(this.failure('missing', error));
    }
    this.environment.enter(name);
    this.onHandlerStart(name);
    const id = call.id;
    const release = world.options.captureLogs
      ? captureConsole((level, text) => {
          const line = level === 'log' ? text : `${level}: ${text}`;
          world.trace.record(name, 'log', line);
          if (observation.on) observation.logged(id, line);
        })
      : null;
    let result: unknown;
    let pending: boolean;
    try {
      result = handler(event as never, new InvocationContext(state, requestId) as unknown as Context);
      // Inside the try: a `then` getter that throws is the handler's error, as in the runtime.
      pending = isPromiseLike(result);
    } catch (thrown) {
      release?.();
      return this.observed(this.thrownOutcome(thrown));
    }
    if (!pending) {
      release?.();
      return this.observed(this.returned(result));
    }
    call.release = release;
    call.caller = caller;
    call.context = context;
    call.watch = null;
    const seq = ++this.waits;
    call.seq = seq;
    if (!this.sentinelArmed) {
      this.sentinelArmed = true;
      afterMicrotasks(this.onLoopTurn);
    }
    return Promise.resolve(result).then(
      (value) => (this.call.seq === seq ? this.endWait(this.returned(value)) : neverSettles()),
      (thrown: unknown) => (this.call.seq === seq ? this.endWait(this.thrownOutcome(thrown)) : neverSettles()),
    );
  }

  /** The awaited handler is over, one way or another: `outcome` is how it ended. */
  private endWait(outcome: Outcome): Outcome {
    const call = this.call;
    call.seq = 0;
    call.watch?.stop();
    call.watch = null;
    call.release?.();
    call.release = null;
    return this.observed(outcome);
  }

  /** The run stops waiting for the awaited handler: its caller goes on with `outcome`. */
  private abandonWait(outcome: Outcome): void {
    const call = this.call;
    const caller = call.caller!;
    const context = call.context;
    const ended = this.endWait(outcome);
    this.onAbandoned(() => caller.invocationAbandoned(ended, context));
  }

  /**
   * The microtask queue emptied, which the simulator's own work never lets happen: if a handler
   * is awaited, it is what the run waits for, and it waits on the event loop — for real I/O, a
   * real timer, or nothing at all.
   */
  private loopTurned(): void {
    this.sentinelArmed = false;
    const call = this.call;
    const seq = call.seq;
    if (seq === 0 || call.watch !== null) return;
    const spec = call.state!.spec;
    const watch = watchStall(this.hostResources, spec.timeoutSeconds * 1000, (reason) => {
      if (call.seq !== seq) return;
      this.world.trace.record(spec.name, 'warning', stallMessage(reason, spec.timeoutSeconds));
      this.abandonWait(this.timedOut());
    });
    if (call.seq === seq) call.watch = watch;
    else watch.stop();
  }

  private observed(outcome: Outcome): Outcome {
    const observation = this.world.observation;
    if (observation.on) {
      const call = this.call;
      observation.settled({ id: call.id, fn: call.state!.spec.name, atMs: call.startMs, event: call.event, outcome });
    }
    return outcome;
  }

  /** A returned value becomes the response Lambda sends: its JSON, or a serialization error. */
  private returned(value: unknown): Outcome {
    if (this.tooLong()) return this.timedOut({ value });
    const json = responseJson(value);
    if (json === null) return this.failure('serialization', STRINGIFY_ERROR);
    const call = this.call;
    const state = call.state!;
    if (state.checksResult) {
      const fn = state.spec.name;
      // What the destinations get is the JSON, so that is what must have the output type.
      try {
        this.carried.checkResult(fn, JSON.parse(json));
      } catch (error) {
        return this.thrownOutcome(error);
      }
    }
    return { ok: true, id: call.id, value, json, endMs: call.startMs + call.durationMs };
  }

  private thrownOutcome(thrown: unknown): Outcome {
    return this.failure('error', this.errorPayload(thrown), thrown);
  }

  /** A failure, after the configured duration; a timeout when that is longer than the function's timeout. */
  private failure(cause: 'error' | 'serialization' | 'missing', error: ErrorPayload, thrown: unknown = NOT_THROWN): Outcome {
    if (this.tooLong()) return this.timedOut(thrown === NOT_THROWN ? undefined : { thrown });
    const call = this.call;
    const endMs = call.startMs + call.durationMs;
    return thrown === NOT_THROWN ? { ok: false, id: call.id, cause, error, endMs } : { ok: false, id: call.id, cause, error, thrown, endMs };
  }

  private tooLong(): boolean {
    return this.call.durationMs > this.call.state!.spec.timeoutSeconds * 1000;
  }

  /** Lambda's timeout: the error has only a message, with the time and request id. */
  private timedOut(discarded?: Discarded): Outcome {
    const call = this.call;
    const timeoutMs = call.state!.spec.timeoutSeconds * 1000;
    const message = `${isoTime(this.world.epochMs(call.startMs + timeoutMs))} ${call.requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
    const outcome = { ok: false, id: call.id, cause: 'timeout', error: { errorMessage: message }, endMs: call.startMs + timeoutMs } as const;
    return discarded === undefined ? outcome : { ...outcome, discarded };
  }

  /**
   * The error object the Node.js runtime reports for a thrown value: an Error's name and
   * message; anything else's `typeof` and string form (`throw 42`: `number`, `42`).
   */
  private errorPayload(error: unknown): ErrorPayload {
    try {
      if (error instanceof Error || types.isNativeError(error)) {
        const stack = this.world.options.stackTraces && typeof error.stack === 'string' ? error.stack.split('\n') : [];
        return { errorType: String(error.name), errorMessage: String(error.message), trace: stack };
      }
      return { errorType: typeof error, errorMessage: String(error), trace: [] };
    } catch {
      return UNREADABLE_ERROR;
    }
  }

  private traceOutcome(state: FunctionState, outcome: Outcome, suffix: string): number {
    const trace = this.world.trace;
    if (!trace.enabled) return -1;
    if (outcome.ok) {
      const shown = typeof outcome.value === 'string' ? outcome.value : outcome.json;
      return trace.record(state.spec.name, 'ok', outcome.value === undefined ? `returned nothing${suffix}` : `returned ${preview(shown)}${suffix}`);
    } else {
      const { errorType, errorMessage } = outcome.error;
      // A timeout's message starts with the time and request id; the trace line has both already.
      const text = outcome.cause === 'timeout' ? errorMessage.slice(errorMessage.indexOf('Task timed out')) : `${errorType === undefined ? '' : `${errorType}: `}${errorMessage}`;
      return trace.record(state.spec.name, 'error', `${text}${suffix}`);
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

/**
 * The JSON of a handler's result as the runtime serializes it (`JSON.stringify(value ?? null)`):
 * null when it cannot be serialized (a cycle, a BigInt, a throwing `toJSON` or getter).
 */
function responseJson(value: unknown): string | null {
  switch (typeof value) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return 'null';
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return String(value);
    case 'bigint':
      return null;
    default:
      try {
        return JSON.stringify(value) ?? 'null';
      } catch {
        return null;
      }
  }
}

/** What the Node.js runtime reports for an unhandled rejection: `Runtime.UnhandledPromiseRejection` with the reason as text. */
function rejectionPayload(reason: unknown): ErrorPayload {
  let message: string;
  try {
    message = String(reason);
  } catch {
    message = typeof reason;
  }
  return { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: message, trace: [] };
}

function stallMessage(reason: StallReason, timeoutSeconds: number): string {
  return reason === 'nothing-left'
    ? "the handler's promise can never settle: it is pending and nothing is left to run · the invocation times out"
    : `the handler is still waiting after ${formatDuration(timeoutSeconds * 1000)} of real time, its timeout · the invocation times out`;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
