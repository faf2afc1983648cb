import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FlowManifest } from '../runtime/manifest/schema.js';
import type { BusKindOf, BusKinds, FlowHandler, FlowTypes, RequestBody, RequestLine, ResponseBody, ResultOf, EventOf, UntypedFlow } from '../runtime/sim/flow-types.js';
import type { Injection } from '../runtime/sim/inject.js';
import { loadHandlers } from '../runtime/sim/load-handlers.js';
import type { SimOptions } from '../runtime/sim/options.js';
import type { InvocationSettled } from '../runtime/sim/invocation.js';
import type { Handler } from '../runtime/sim/services/lambda.js';
import { Simulator } from '../runtime/sim/simulator.js';
import { renderSummaryText, type SimSummary } from '../runtime/sim/summary.js';
import { isoTime, parseDuration } from '../runtime/sim/time.js';
import { renderTraceText, type TraceEntry } from '../runtime/sim/trace.js';
import { renderPretty } from './diagnostics/render/pretty.js';
import { compileText } from './program.js';

export type { BusEventKind, FlowHandler, FlowTypes, RouteType, UntypedFlow } from '../runtime/sim/flow-types.js';
export type { SimOptions } from '../runtime/sim/options.js';
export type { SimSummary } from '../runtime/sim/summary.js';
export type { TraceEntry } from '../runtime/sim/trace.js';

type Name<T> = Extract<keyof T, string>;
type Duration = string | number;

export interface SimulateOptions<F extends FlowTypes> extends SimOptions {
  /** Handlers to use instead of the files the flow names (e.g. a failing charge for one test). */
  readonly handlers?: { readonly [Fn in Name<F['functions']>]?: FlowHandler<F, Fn> };
  /** Load the other functions' handlers from their files (default true). */
  readonly loadHandlers?: boolean;
  /**
   * How many invocations `invocations(fn)` keeps per function, with their events: the last ones
   * (default 1,000), or `'all'`. A long run (a poison message retried for a day) would otherwise
   * keep every event; `summary()` counts every invocation either way.
   */
  readonly keepInvocations?: number | 'all';
  /** Run the flow on this stage (`--stage`): a `stage` block's settings, names `<app>-<stage>-<name>`. */
  readonly stage?: string;
}

/** Invocations kept per function unless `keepInvocations` says otherwise. */
export const DEFAULT_KEPT_INVOCATIONS = 1000;

export interface InvocationRecord<Event = unknown, Result = unknown> {
  /** Virtual ms since the start of the run. */
  readonly atMs: number;
  /** A copy of the event as the handler received it. */
  readonly event: Event;
  readonly result?: Result;
  /**
   * What the handler threw or rejected with; when it did not throw (a timeout, a result JSON
   * cannot represent, a missing handler, an error that reached the process), the error Lambda reports.
   */
  readonly error?: unknown;
}

/** An HTTP response as API Gateway sends it: header names in lower case, a JSON body parsed. */
export interface HttpResponse<Body = unknown> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The handler's result on a success; on an error status the error's body: `{ message, issues }`
   * for a request the generated handler refused (400), API Gateway's `{ message }` for 404, 500, 503.
   */
  readonly body: Body;
}

export interface RequestOptions {
  /** The api, when the flow has several. */
  readonly api?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Query parameters, added to those of the request line: the input of a GET route. */
  readonly query?: Readonly<Record<string, string>>;
  /** A body sent as this text instead of `body`'s JSON (to try one that is not JSON). */
  readonly rawBody?: string;
}

export interface FifoIds {
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

/**
 * A running simulation of a flow, for tests. Everything put in happens at the current virtual
 * time and is processed by the next `advance` or `settle`.
 */
export interface FlowSimulation<F extends FlowTypes = UntypedFlow> {
  readonly manifest: FlowManifest;
  /** Virtual milliseconds since the start. */
  readonly now: number;
  /** The simulated wall-clock time, ISO-8601. */
  readonly time: string;
  publish<T extends Name<F['topics']>>(topic: T, message: F['topics'][T], ids?: FifoIds): void;
  send<Q extends Name<F['queues']>>(queue: Q, message: F['queues'][Q], options?: FifoIds & { readonly delay?: Duration }): void;
  /** An event on a bus: `detailType` one the flow puts there (a destination's, or any for the app's own events), `detail` and `source` of that kind. */
  putEvent<B extends Name<F['buses']>, D extends BusKinds<F['buses'][B]>['detailType']>(
    bus: B,
    detailType: D,
    detail: BusKindOf<BusKinds<F['buses'][B]>, D>['detail'],
    source?: BusKindOf<BusKinds<F['buses'][B]>, D>['source'],
  ): void;
  putRecord<S extends Name<F['streams']>>(stream: S, record: F['streams'][S], partitionKey?: string): void;
  putItem<T extends Name<F['tables']>>(table: T, item: F['tables'][T]): void;
  deleteItem<T extends Name<F['tables']>>(table: T, key: Partial<F['tables'][T]>): void;
  /** An asynchronous invocation with `event` (as `aws lambda invoke --invocation-type Event`). */
  invoke<Fn extends Name<F['functions']>>(fn: Fn, event: EventOf<F, Fn>): void;
  /**
   * An HTTP request to the flow's api (`'POST /orders'`, `'GET /orders/o-1?expand=items'`), now:
   * runs the simulation until API Gateway answers it and returns the response. What the handler
   * set going is processed by the next `advance` or `settle`.
   */
  request<L extends RequestLine<F>>(line: L, body?: RequestBody<F, L>, options?: RequestOptions): Promise<HttpResponse<ResponseBody<F, L>>>;
  /** Runs for a virtual duration (`'10m'`, `'90s'`, or ms). */
  advance(duration: Duration): Promise<void>;
  /** Runs until nothing is left to do (within the virtual-time limit). */
  settle(): Promise<void>;
  /** The bodies of the messages in a queue now, parsed, oldest first. */
  messages<Q extends Name<F['queues']>>(queue: Q): F['queues'][Q][];
  items<T extends Name<F['tables']>>(table: T): F['tables'][T][];
  /** The invocations of a function so far (the last `keepInvocations` of them), oldest first, with event and result or error. */
  invocations<Fn extends Name<F['functions']>>(fn: Fn): InvocationRecord<EventOf<F, Fn>, ResultOf<F, Fn>>[];
  readonly trace: readonly TraceEntry[];
  traceText(): string;
  summary(): SimSummary;
  /** Puts the process environment back; call it when the test is done. */
  dispose(): void;
}

/**
 * Compiles a .flow file and starts a simulation of it with its handlers, for a vitest (or any)
 * test: `const sim = await simulate<Shop>('shop.flow', { handlers: { charge } })`. Throws with
 * the rendered diagnostics when the flow has errors.
 */
export async function simulate<F extends FlowTypes = UntypedFlow>(flowFile: string, options: SimulateOptions<F> = {}): Promise<FlowSimulation<F>> {
  const path = resolve(flowFile);
  const compiled = compileText(flowFile, readFileSync(path, 'utf8'), options.stage === undefined ? {} : { stage: options.stage });
  if (compiled.manifest === undefined) {
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
    throw new Error(`${flowFile} has errors:\n\n${errors.map((d) => renderPretty(d, { color: false, displayPath: (p) => p })).join('\n\n')}`);
  }
  const manifest = compiled.manifest;
  const { handlers: inline = {}, loadHandlers: fromFiles = true, keepInvocations = DEFAULT_KEPT_INVOCATIONS, ...simOptions } = options;
  if (keepInvocations !== 'all' && !(Number.isSafeInteger(keepInvocations) && keepInvocations >= 0)) {
    throw new RangeError(`keepInvocations must be a non-negative integer or 'all', not ${String(keepInvocations)}`);
  }
  const handlers = new Map<string, Handler>(Object.entries(inline) as [string, Handler][]);
  let hostResources;
  if (fromFiles) {
    const loaded = await loadHandlers(manifest, dirname(path), { skip: new Set(handlers.keys()), options: simOptions });
    for (const [fn, handler] of loaded.handlers) handlers.set(fn, handler);
    hostResources = loaded.hostResources;
  }
  const simulator = new Simulator(manifest, handlers, simOptions, { hostResources });
  const log = new InvocationLog(keepInvocations === 'all' ? Infinity : keepInvocations);
  simulator.observeInvocations({ settled: (settled) => log.add(settled) });
  return new Simulation<F>(simulator, log);
}

/** The last `limit` invocations of each function, in a ring per function. */
class InvocationLog {
  private readonly rings = new Map<string, { entries: InvocationRecord[]; next: number }>();

  constructor(private readonly limit: number) {}

  add({ fn, atMs, event, outcome }: InvocationSettled): void {
    if (this.limit === 0) return;
    const record: InvocationRecord = outcome.ok ? { atMs, event, result: outcome.value } : { atMs, event, error: 'thrown' in outcome ? outcome.thrown : outcome.error };
    let ring = this.rings.get(fn);
    if (ring === undefined) {
      ring = { entries: [], next: 0 };
      this.rings.set(fn, ring);
    }
    if (ring.entries.length < this.limit) {
      ring.entries.push(record);
    } else {
      ring.entries[ring.next] = record;
      ring.next = (ring.next + 1) % this.limit;
    }
  }

  /** Oldest first. */
  of(fn: string): InvocationRecord[] {
    const ring = this.rings.get(fn);
    if (ring === undefined) return [];
    return [...ring.entries.slice(ring.next), ...ring.entries.slice(0, ring.next)];
  }
}

class Simulation<F extends FlowTypes> implements FlowSimulation<F> {
  constructor(
    private readonly simulator: Simulator,
    private readonly log: InvocationLog,
  ) {}

  get manifest(): FlowManifest {
    return this.simulator.manifest;
  }

  get now(): number {
    return this.simulator.nowMs;
  }

  get time(): string {
    return isoTime(this.simulator.options.epochMs + this.simulator.nowMs);
  }

  get trace(): readonly TraceEntry[] {
    return this.simulator.trace.entries;
  }

  publish<T extends Name<F['topics']>>(topic: T, message: F['topics'][T], ids: FifoIds = {}): void {
    this.inject({ kind: 'publish', topic, message, groupId: ids.groupId, deduplicationId: ids.deduplicationId });
  }

  send<Q extends Name<F['queues']>>(queue: Q, message: F['queues'][Q], options: FifoIds & { readonly delay?: Duration } = {}): void {
    const delaySeconds = options.delay === undefined ? undefined : parseDuration(options.delay) / 1000;
    this.inject({ kind: 'send', queue, message, groupId: options.groupId, deduplicationId: options.deduplicationId, delaySeconds });
  }

  putEvent<B extends Name<F['buses']>, D extends BusKinds<F['buses'][B]>['detailType']>(
    bus: B,
    detailType: D,
    detail: BusKindOf<BusKinds<F['buses'][B]>, D>['detail'],
    source?: BusKindOf<BusKinds<F['buses'][B]>, D>['source'],
  ): void {
    this.inject({ kind: 'put-event', bus, detailType, detail, source });
  }

  putRecord<S extends Name<F['streams']>>(stream: S, record: F['streams'][S], partitionKey?: string): void {
    this.inject({ kind: 'put-record', stream, record, partitionKey });
  }

  putItem<T extends Name<F['tables']>>(table: T, item: F['tables'][T]): void {
    this.inject({ kind: 'put-item', table, item: item as Record<string, unknown> });
  }

  deleteItem<T extends Name<F['tables']>>(table: T, key: Partial<F['tables'][T]>): void {
    this.inject({ kind: 'delete-item', table, key: key as Record<string, unknown> });
  }

  invoke<Fn extends Name<F['functions']>>(fn: Fn, event: EventOf<F, Fn>): void {
    this.inject({ kind: 'invoke', fn, event });
  }

  async request<L extends RequestLine<F>>(line: L, body?: RequestBody<F, L>, options: RequestOptions = {}): Promise<HttpResponse<ResponseBody<F, L>>> {
    const { status, headers, body: answered } = await this.simulator.request(line, { ...options, body }, 'test');
    return { status, headers, body: answered as ResponseBody<F, L> };
  }

  advance(duration: Duration): Promise<void> {
    return this.simulator.advance(parseDuration(duration));
  }

  settle(): Promise<void> {
    return this.simulator.run();
  }

  messages<Q extends Name<F['queues']>>(queue: Q): F['queues'][Q][] {
    return this.simulator.queueMessages(queue).map((message) => JSON.parse(message.body) as F['queues'][Q]);
  }

  items<T extends Name<F['tables']>>(table: T): F['tables'][T][] {
    return this.simulator.tableItems(table) as F['tables'][T][];
  }

  invocations<Fn extends Name<F['functions']>>(fn: Fn): InvocationRecord<EventOf<F, Fn>, ResultOf<F, Fn>>[] {
    if (!this.simulator.manifest.functions.some((candidate) => candidate.name === fn)) throw new Error(`the flow has no function \`${fn}\``);
    return this.log.of(fn) as InvocationRecord<EventOf<F, Fn>, ResultOf<F, Fn>>[];
  }

  traceText(): string {
    return renderTraceText(this.simulator.trace.entries, this.simulator.trace.dropped);
  }

  summary(): SimSummary {
    return this.simulator.summary();
  }

  dispose(): void {
    this.simulator.dispose();
  }

  private inject(injection: Injection): void {
    this.simulator.inject(injection, this.simulator.nowMs, 'test');
  }
}

export { renderSummaryText, renderTraceText };
