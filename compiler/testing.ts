import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import type { FlowManifest } from '../runtime/manifest/schema.js';
import type { FlowHandler, FlowTypes, ResultOf, EventOf, UntypedFlow } from '../runtime/sim/flow-types.js';
import type { Injection } from '../runtime/sim/inject.js';
import { loadHandlers } from '../runtime/sim/load-handlers.js';
import type { SimOptions } from '../runtime/sim/options.js';
import type { Handler } from '../runtime/sim/services/lambda.js';
import { Simulator } from '../runtime/sim/simulator.js';
import { renderSummaryText, type SimSummary } from '../runtime/sim/summary.js';
import { isoTime, parseDuration } from '../runtime/sim/time.js';
import { renderTraceText, type TraceEntry } from '../runtime/sim/trace.js';
import { renderPretty } from './diagnostics/render/pretty.js';
import { compileText } from './program.js';

export type { FlowHandler, FlowTypes, UntypedFlow } from '../runtime/sim/flow-types.js';
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
}

export interface InvocationRecord<Event = unknown, Result = unknown> {
  /** Virtual ms since the start of the run. */
  readonly atMs: number;
  /** A copy of the event as the handler received it. */
  readonly event: Event;
  readonly result?: Result;
  readonly error?: unknown;
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
  putEvent<B extends Name<F['buses']>>(bus: B, detailType: string, detail: F['buses'][B], source?: string): void;
  putRecord<S extends Name<F['streams']>>(stream: S, record: F['streams'][S], partitionKey?: string): void;
  putItem<T extends Name<F['tables']>>(table: T, item: F['tables'][T]): void;
  deleteItem<T extends Name<F['tables']>>(table: T, key: Partial<F['tables'][T]>): void;
  /** An asynchronous invocation with `event` (as `aws lambda invoke --invocation-type Event`). */
  invoke<Fn extends Name<F['functions']>>(fn: Fn, event: EventOf<F, Fn>): void;
  /** Runs for a virtual duration (`'10m'`, `'90s'`, or ms). */
  advance(duration: Duration): Promise<void>;
  /** Runs until nothing is left to do (within the virtual-time limit). */
  settle(): Promise<void>;
  /** The bodies of the messages in a queue now, parsed, oldest first. */
  messages<Q extends Name<F['queues']>>(queue: Q): F['queues'][Q][];
  items<T extends Name<F['tables']>>(table: T): F['tables'][T][];
  /** Every invocation of a function so far, with its event and result or error. */
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
  const compiled = compileText(flowFile, readFileSync(path, 'utf8'));
  if (compiled.manifest === undefined) {
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
    throw new Error(`${flowFile} has errors:\n\n${errors.map((d) => renderPretty(d, { color: false, displayPath: (p) => p })).join('\n\n')}`);
  }
  const manifest = compiled.manifest;
  const { handlers: inline = {}, loadHandlers: fromFiles = true, ...simOptions } = options;
  const given = new Map<string, Handler>(Object.entries(inline) as [string, Handler][]);
  const handlers = new Map(given);
  if (fromFiles) {
    const loaded = await loadHandlers(manifest, dirname(path), { skip: new Set(given.keys()), options: simOptions });
    for (const [fn, handler] of loaded.handlers) handlers.set(fn, handler);
  }
  const log = new Map<string, InvocationRecord[]>();
  const recorded = new Map<string, Handler>();
  const started: { simulator?: Simulator } = {};
  for (const [fn, handler] of handlers) recorded.set(fn, recording(fn, handler, log, () => started.simulator?.nowMs ?? 0));
  const simulator = new Simulator(manifest, recorded, simOptions);
  started.simulator = simulator;
  return new Simulation<F>(simulator, log);
}

function recording(fn: string, handler: Handler, log: Map<string, InvocationRecord[]>, now: () => number): Handler {
  const entries: InvocationRecord[] = [];
  log.set(fn, entries);
  return (async (event: unknown, context: Context) => {
    const copy = JSON.parse(JSON.stringify(event) ?? 'null') as unknown;
    const atMs = now();
    try {
      const result = await (handler as (event: unknown, context: Context) => unknown)(event, context);
      entries.push({ atMs, event: copy, result });
      return result;
    } catch (error) {
      entries.push({ atMs, event: copy, error });
      throw error;
    }
  }) as Handler;
}

class Simulation<F extends FlowTypes> implements FlowSimulation<F> {
  constructor(
    private readonly simulator: Simulator,
    private readonly log: Map<string, InvocationRecord[]>,
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

  putEvent<B extends Name<F['buses']>>(bus: B, detailType: string, detail: F['buses'][B], source?: string): void {
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
    return [...(this.log.get(fn) ?? [])] as InvocationRecord<EventOf<F, Fn>, ResultOf<F, Fn>>[];
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
