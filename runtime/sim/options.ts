import { lambda as lambdaLimits } from '../aws/limits.js';
import type { ParameterValues } from './parameters.js';
import { parseDuration, parseIsoTime } from './time.js';

/**
 * How a simulation runs. Every behaviour AWS leaves undocumented, or documents ambiguously, is
 * an option here, defaulting to the documented-closest choice; docs/simulator.md lists them
 * with their reasons.
 */
export interface SimOptions {
  /** Seeds the PRNG (message and request ids, jitter, optional reordering). Default 1. */
  readonly seed?: number;
  /** The wall-clock time of virtual time 0, ISO-8601 UTC or Unix ms. Default 2026-01-01T00:00:00.000Z. */
  readonly epoch?: string | number;
  readonly region?: string;
  readonly account?: string;
  /**
   * The values of the SSM parameters the flow reads (`env { DB_URL = ssm("/shop/prod/db") }`), by
   * parameter name; events.json's `"parameters"`. A parameter the flow reads without a value here
   * is an error before the run (FL9032 in `flowc sim`).
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /** The values of the Secrets Manager secrets the flow reads (`secret("shop/api-key")`), by secret name; events.json's `"secrets"`. */
  readonly secrets?: Readonly<Record<string, string>>;
  readonly limits?: {
    /** Steps (agenda events and invocations) before the run stops with an error naming the seed. Default 1,000,000. */
    readonly maxEvents?: number;
    /** Virtual time a run may reach while events are pending, when no `until` is given. Default 7d. */
    readonly maxVirtualTime?: string | number;
    /** Trace entries kept; the rest are counted. Default 200,000. */
    readonly maxTraceEntries?: number;
  };
  /** Keep a trace (default true). Off, only the summary and counters are kept: for benchmarks. */
  readonly trace?: boolean;
  /** Record what handlers print with `console` in the trace instead of the terminal. Default true. */
  readonly captureLogs?: boolean;
  /**
   * How long each invocation takes in virtual time, in ms (default 0: handlers are instant).
   * A duration above the function's timeout makes the attempt time out.
   */
  readonly duration?: number | Readonly<Record<string, number>> | ((fn: string, event: unknown) => number);
  readonly async?: {
    /** Delays before the 2nd and 3rd attempt (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html: about 1 and 2 minutes). */
    readonly retryDelays?: readonly (string | number)[];
    /** Added to each retry delay: a uniform draw in [0, jitter). AWS documents none. Default 0. */
    readonly retryJitter?: string | number;
    /**
     * Stop early when the next retry would land past MaximumEventAgeInSeconds (LocalStack does;
     * AWS documents only the age check itself). Default false: the age is checked at the retry.
     */
    readonly ageLookahead?: boolean;
    /** `requestContext.condition` of an event that expired (undocumented by AWS, emulators). Default `EventAgeExceeded`. */
    readonly eventAgeExceededCondition?: string;
    /** `requestContext.condition` under reserved concurrency 0 (undocumented by AWS, emulators). Default `ZeroReservedConcurrency`. */
    readonly zeroConcurrencyCondition?: string;
    /** `responseContext.functionError` of a thrown error (undocumented by AWS). Default `Unhandled`. */
    readonly thrownErrorType?: 'Handled' | 'Unhandled';
    /** Throttled attempts back off from 1 s, doubling, up to 5 min (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). */
    readonly throttleBackoffInitial?: string | number;
    readonly throttleBackoffMax?: string | number;
    /**
     * How a function that is another function's destination is invoked (undocumented by AWS): `async` (its own
     * retries and destinations apply; default) or `sync` (one attempt, no destinations).
     */
    readonly destinationFunctionInvocation?: 'async' | 'sync';
    /** Fill the `trace` of error payloads with the stack (machine-specific paths). Default false. */
    readonly stackTraces?: boolean;
  };
  readonly sqs?: {
    /** Standard queues deliver in send order (`sent`, default: best-effort order) or `shuffled` by the seed. */
    readonly standardOrder?: 'sent' | 'shuffled';
    /** Probability that a standard-queue send stores the message twice, with one id (at-least-once delivery). Default 0. */
    readonly duplicateProbability?: number;
    /** Concurrent batches of one standard-queue mapping without `concurrency` (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html, undocumented by AWS). Default 1000. */
    readonly maxConcurrentBatches?: number;
  };
  readonly streams?: {
    /** Polling interval of a shard (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html: Kinesis 1 per second, DynamoDB streams 4 per second). */
    readonly kinesisPollInterval?: string | number;
    readonly dynamodbPollInterval?: string | number;
    /**
     * Retry accounting after a bisect (undocumented by AWS): `per-sub-batch` (each half gets MaximumRetryAttempts
     * afresh; default) or `per-original-batch` (halves share the count of the batch they came from).
     */
    readonly bisectRetryAccounting?: 'per-sub-batch' | 'per-original-batch';
    /**
     * With ParallelizationFactor > 1, what a failing batch blocks (undocumented by AWS): `lane` (only the
     * partition keys of its lane; default) or `shard` (every lane of the shard).
     */
    readonly parallelFailureBlocking?: 'lane' | 'shard';
    /** `condition` of a record discarded for age (undocumented by AWS). Default `RecordAgeExceeded`. */
    readonly recordAgeCondition?: string;
    /** Shards of an ON_DEMAND stream (AWS starts one at 4 MB/s of write capacity, i.e. 4 shards). */
    readonly onDemandShards?: number;
    /** Shards of a DynamoDB stream (one for a new table of one partition). */
    readonly dynamodbShards?: number;
  };
}

export interface ResolvedOptions {
  readonly seed: number;
  readonly parameterValues: ParameterValues;
  readonly epochMs: number;
  readonly region: string;
  readonly account: string;
  readonly maxEvents: number;
  readonly maxVirtualTimeMs: number;
  readonly maxTraceEntries: number;
  readonly trace: boolean;
  readonly captureLogs: boolean;
  readonly durationMs: (fn: string, event: unknown) => number;
  readonly asyncRetryDelaysMs: readonly number[];
  readonly asyncRetryJitterMs: number;
  readonly asyncAgeLookahead: boolean;
  readonly eventAgeExceededCondition: string;
  readonly zeroConcurrencyCondition: string;
  readonly thrownErrorType: 'Handled' | 'Unhandled';
  readonly throttleBackoffInitialMs: number;
  readonly throttleBackoffMaxMs: number;
  readonly destinationFunctionInvocation: 'async' | 'sync';
  readonly stackTraces: boolean;
  readonly standardOrder: 'sent' | 'shuffled';
  readonly duplicateProbability: number;
  readonly maxConcurrentBatches: number;
  readonly kinesisPollIntervalMs: number;
  readonly dynamodbPollIntervalMs: number;
  readonly bisectRetryAccounting: 'per-sub-batch' | 'per-original-batch';
  readonly parallelFailureBlocking: 'lane' | 'shard';
  readonly recordAgeCondition: string;
  readonly onDemandShards: number;
  readonly dynamodbShards: number;
}

export const DEFAULT_EPOCH = '2026-01-01T00:00:00.000Z';

export function resolveOptions(options: SimOptions = {}): ResolvedOptions {
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`the seed must be a non-negative integer, not ${seed}`);
  const epoch = options.epoch ?? DEFAULT_EPOCH;
  return {
    seed,
    parameterValues: { parameters: options.parameters ?? {}, secrets: options.secrets ?? {} },
    epochMs: typeof epoch === 'number' ? epoch : parseIsoTime(epoch),
    region: options.region ?? 'us-east-1',
    account: options.account ?? '000000000000',
    maxEvents: positive('limits.maxEvents', options.limits?.maxEvents ?? 1_000_000),
    maxVirtualTimeMs: parseDuration(options.limits?.maxVirtualTime ?? '7d'),
    maxTraceEntries: positive('limits.maxTraceEntries', options.limits?.maxTraceEntries ?? 200_000),
    trace: options.trace ?? true,
    captureLogs: options.captureLogs ?? true,
    durationMs: durationFunction(options.duration),
    asyncRetryDelaysMs: (options.async?.retryDelays ?? lambdaLimits.asyncRetryDelaysSeconds.map((s) => s * 1000)).map(parseDuration),
    asyncRetryJitterMs: parseDuration(options.async?.retryJitter ?? 0),
    asyncAgeLookahead: options.async?.ageLookahead ?? false,
    eventAgeExceededCondition: options.async?.eventAgeExceededCondition ?? 'EventAgeExceeded',
    zeroConcurrencyCondition: options.async?.zeroConcurrencyCondition ?? 'ZeroReservedConcurrency',
    thrownErrorType: options.async?.thrownErrorType ?? 'Unhandled',
    throttleBackoffInitialMs: parseDuration(options.async?.throttleBackoffInitial ?? '1s'),
    throttleBackoffMaxMs: parseDuration(options.async?.throttleBackoffMax ?? '5m'),
    destinationFunctionInvocation: options.async?.destinationFunctionInvocation ?? 'async',
    stackTraces: options.async?.stackTraces ?? false,
    standardOrder: options.sqs?.standardOrder ?? 'sent',
    duplicateProbability: probability(options.sqs?.duplicateProbability ?? 0),
    maxConcurrentBatches: positive('sqs.maxConcurrentBatches', options.sqs?.maxConcurrentBatches ?? 1000),
    kinesisPollIntervalMs: positive('streams.kinesisPollInterval', parseDuration(options.streams?.kinesisPollInterval ?? '1s')),
    dynamodbPollIntervalMs: positive('streams.dynamodbPollInterval', parseDuration(options.streams?.dynamodbPollInterval ?? '250ms')),
    bisectRetryAccounting: options.streams?.bisectRetryAccounting ?? 'per-sub-batch',
    parallelFailureBlocking: options.streams?.parallelFailureBlocking ?? 'lane',
    recordAgeCondition: options.streams?.recordAgeCondition ?? 'RecordAgeExceeded',
    onDemandShards: positive('streams.onDemandShards', options.streams?.onDemandShards ?? 4),
    dynamodbShards: positive('streams.dynamodbShards', options.streams?.dynamodbShards ?? 1),
  };
}

function durationFunction(duration: SimOptions['duration']): (fn: string, event: unknown) => number {
  if (duration === undefined) return () => 0;
  if (typeof duration === 'number') return () => duration;
  if (typeof duration === 'function') return duration;
  return (fn) => duration[fn] ?? 0;
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number, not ${value}`);
  return value;
}

function probability(value: number): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`sqs.duplicateProbability must be between 0 and 1, not ${value}`);
  return value;
}
