import type { FlowManifest } from '../manifest/schema.js';
import { MANIFEST_VERSION } from '../manifest/schema.js';
import { Addresses } from './addresses.js';
import { VirtualClock } from './clock.js';
import { HandlerEnvironment } from './environment.js';
import { SimulationInputError, SimulationLimitError } from './errors.js';
import { EventQueue, Priority } from './event-queue.js';
import { type Injection, performInjection, validateInjection } from './inject.js';
import { type ResolvedOptions, resolveOptions, type SimOptions } from './options.js';
import { captureProcessFaults, type FaultKind, type FaultSink } from './process-faults.js';
import { activeResources, commonResources, nextTurn, type ResourceCounts } from './real-loop.js';
import { Rng } from './rng.js';
import { activate, deactivate, type SdkDispatcher } from './sdk/dispatch.js';
import { CarriedTypes } from './carried-types.js';
import { RolePermissions } from './sdk/authorize.js';
import { createDispatcher } from './sdk/dispatcher.js';
import { ApiGatewayService } from './services/apigateway.js';
import { DynamoDbService } from './services/dynamodb.js';
import { S3Service } from './services/s3.js';
import { EventBridgeService } from './services/eventbridge.js';
import { KinesisService } from './services/kinesis.js';
import { InvocationObservation, type InvocationObserver } from './invocation.js';
import { type Handler, LambdaService } from './services/lambda.js';
import type { QueueMessage } from './services/message.js';
import { QueuePoller } from './services/queue-poller.js';
import { SchedulerService } from './services/scheduler.js';
import { SnsService } from './services/sns.js';
import { SqsService } from './services/sqs.js';
import { StreamPoller } from './services/stream-poller.js';
import { Stats } from './stats.js';
import { httpRequestOf, type RequestOptions } from './http-request.js';
import { summarize, type SimSummary } from './summary.js';
import { formatDuration, formatOffset } from './time.js';
import { TraceRecorder } from './trace.js';
import type { HttpResponseOutput, Router, World } from './world.js';

/** How the simulator was set up, beyond the manifest, the handlers and the options. */
export interface SimulatorSetup {
  /**
   * What kept the process alive before the handler modules were imported (`activeResources()`
   * from real-loop.ts, taken by `loadHandlers`): a connection a module opens when imported is
   * then work a handler may wait on, not part of the host. Default: what is open now.
   */
  readonly hostResources?: ResourceCounts | undefined;
}

export interface RunOptions {
  /** Stop once virtual time reaches this (ms since the start); events after it stay pending. */
  readonly untilMs?: number;
  /** Stop after the event at which this turns true (a request answered); later events stay pending. */
  readonly stopWhen?: () => boolean;
}

/**
 * A discrete-event simulation of one flow: the manifest's resources and the user's handlers on
 * a virtual clock, driven from a seed. Nothing here reads the wall clock or Math.random, and
 * handler code runs one invocation at a time, so one seed gives one trace, byte for byte.
 */
export class Simulator {
  readonly options: ResolvedOptions;
  readonly trace: TraceRecorder;
  readonly stats = new Stats();
  readonly addresses: Addresses;
  private readonly clock = new VirtualClock();
  private readonly agenda = new EventQueue();
  private readonly rng: Rng;
  private readonly world: World;
  private readonly observation = new InvocationObservation();
  private readonly lambda: LambdaService;
  private readonly sqs: SqsService;
  private readonly sns: SnsService;
  private readonly eventBridge: EventBridgeService;
  private readonly kinesis: KinesisService;
  private readonly dynamodb: DynamoDbService;
  private readonly apiGateway: ApiGatewayService;
  private readonly s3: S3Service;
  private readonly streamPollers: StreamPoller[] = [];
  private readonly environment: HandlerEnvironment;
  private readonly dispatcher: SdkDispatcher;
  private currentFunction = '';
  private eventsProcessed = 0;
  private running = false;
  /** The run in progress: how far it goes, and how it ends. */
  private current: { readonly untilMs: number | undefined; readonly stopWhen: (() => boolean) | undefined; readonly resolve: () => void; readonly reject: (error: unknown) => void } | null = null;
  private readonly faults: FaultSink = {
    attribute: (kind, error) => this.lambda.failWaiting(kind, error),
    unattributed: (kind, error) => this.unattributedFault(kind, error),
  };

  constructor(
    readonly manifest: FlowManifest,
    handlers: ReadonlyMap<string, Handler> | Readonly<Record<string, Handler>>,
    options: SimOptions = {},
    setup: SimulatorSetup = {},
  ) {
    if (manifest.manifestVersion !== MANIFEST_VERSION) {
      throw new SimulationInputError(`this simulator reads manifest version ${MANIFEST_VERSION}, not ${String(manifest.manifestVersion)}`);
    }
    this.options = resolveOptions(options);
    const opts = this.options;
    this.rng = new Rng(opts.seed);
    this.addresses = new Addresses(manifest, opts.region, opts.account);
    this.trace = new TraceRecorder(() => this.clock.nowMs, opts.maxTraceEntries, opts.trace);
    const handlerMap = handlers instanceof Map ? handlers : new Map(Object.entries(handlers));
    for (const name of handlerMap.keys()) {
      if (!manifest.functions.some((fn) => fn.name === name)) throw new SimulationInputError(`a handler was given for \`${name}\`, which is not a function of the flow`);
    }
    const router: Router = {
      sendMessage: (queue, input) => this.sqs.queue(queue).send(input),
      publish: (topic, input) => this.sns.publish(topic, input),
      putEvent: (bus, entry) => this.eventBridge.putEvent(bus, entry),
      putRecord: (stream, input) => this.kinesis.putRecord(stream, input),
      writeItem: (table, write, from) => this.dynamodb.write(table, write, from),
      getItem: (table, key) => this.dynamodb.get(table, key),
      tableItems: (table) => this.dynamodb.items(table),
      invokeAsync: (fn, event, from, mode) => this.lambda.invokeAsync(fn, event, from, mode),
      request: (api, input, from, answered) => this.apiGateway.request(api, input, from, answered),
      putObject: (bucket, input) => this.s3.put(bucket, input),
      getObject: (bucket, key) => this.s3.get(bucket, key),
      deleteObject: (bucket, key, from) => this.s3.delete(bucket, key, from),
      listObjects: (bucket, options) => this.s3.list(bucket, options),
    };
    const clock = this.clock;
    const agenda = this.agenda;
    this.world = {
      manifest,
      clock,
      rng: this.rng,
      trace: this.trace,
      observation: this.observation,
      options: opts,
      addresses: this.addresses,
      stats: this.stats,
      router,
      schedule: (atMs, priority, action) => agenda.push(atMs, priority, action),
      step: () => this.step(),
      epochMs: (ms = clock.nowMs) => opts.epochMs + ms,
    };
    this.environment = new HandlerEnvironment(manifest.app, manifest.functions, this.addresses.sendTargetVariables(manifest), opts.region, opts.parameterValues);
    const carried = new CarriedTypes(manifest);
    this.dispatcher = createDispatcher(router, this.addresses, () => this.currentFunction, manifest.tables, () => this.world.epochMs(), carried, new RolePermissions(manifest, this.addresses));
    const now = activeResources();
    const hostResources = setup.hostResources === undefined ? now : commonResources(setup.hostResources, now);
    this.lambda = new LambdaService(
      this.world,
      handlerMap as ReadonlyMap<string, Handler>,
      this.environment,
      (fn) => {
        this.currentFunction = fn;
        activate(this.dispatcher);
      },
      hostResources,
      (goOn) => this.abandoned(goOn),
      carried,
    );
    this.sqs = new SqsService(this.world);
    this.sns = new SnsService(this.world);
    this.eventBridge = new EventBridgeService(this.world);
    this.kinesis = new KinesisService(this.world);
    this.dynamodb = new DynamoDbService(this.world);
    this.apiGateway = new ApiGatewayService(this.world, this.lambda);
    this.s3 = new S3Service(this.world);
    new SchedulerService(this.world);
    for (const edge of manifest.edges) {
      if (edge.kind === 'queue-trigger') new QueuePoller(this.world, edge, this.sqs.queue(edge.source), this.lambda);
      else if (edge.kind === 'stream-trigger') this.streamPollers.push(new StreamPoller(this.world, edge, this.kinesis.log(edge.source), this.lambda));
      else if (edge.kind === 'table-trigger') this.streamPollers.push(new StreamPoller(this.world, edge, this.dynamodb.log(edge.source), this.lambda));
    }
  }

  /** Virtual milliseconds since the start of the run. */
  get nowMs(): number {
    return this.clock.nowMs;
  }

  get seed(): number {
    return this.options.seed;
  }

  /** The AWS API of the simulated resources, for code that drives the run itself. */
  get router(): Router {
    return this.world.router;
  }

  /**
   * Puts something into the flow at virtual time `atMs` (default: now), after checking it
   * against the manifest. `from` names the source in the trace.
   */
  inject(injection: Injection, atMs: number = this.clock.nowMs, from = 'test'): void {
    validateInjection(this.manifest, injection);
    if (atMs < this.clock.nowMs) throw new SimulationInputError(`cannot inject at ${atMs} ms: virtual time is already ${this.clock.nowMs} ms`);
    this.agenda.push(atMs, Priority.Arrive, () => performInjection(this.manifest, this.world.router, injection, from));
  }

  /**
   * An HTTP request to an api now (`POST /orders`, `GET /orders/o-1?expand=items`): runs the
   * simulation until API Gateway answers it, and returns the response. What the request set
   * going (messages sent, destinations) stays pending for the next run.
   */
  async request(line: string, options: RequestOptions = {}, from = 'test'): Promise<HttpResponseOutput> {
    const { api, input } = httpRequestOf(this.manifest, line, options);
    let response: HttpResponseOutput | undefined;
    this.world.router.request(api, input, from, (answered) => {
      response = answered;
    });
    await this.run({ stopWhen: () => response !== undefined });
    if (response === undefined) throw new SimulationInputError(`${line} was not answered: the run ended first`);
    return response;
  }

  /** `observer` hears of every invocation: its start, logs, outcome, end and what followed (null: nobody). See invocation.ts. */
  observeInvocations(observer: InvocationObserver | null): void {
    this.observation.set(observer);
  }

  /**
   * Runs events in time order until `untilMs`, or until none are left. Without `untilMs` a run
   * that would pass the virtual-time limit stops with an error; so does one that processes more
   * events than the event limit. Both errors name the seed.
   *
   * While it runs, errors from handler code that reach the process (a timer that throws, a
   * rejection nobody handles) fail the invocation being waited for, or become a warning in the
   * trace; the process's own listeners for them are set aside until the run ends
   * (process-faults.ts). The run ends with one turn of the event loop, so that Node reports the
   * rejections still pending while the simulator listens.
   */
  async run(options: RunOptions = {}): Promise<void> {
    if (this.running) throw new Error('the simulation is already running: await the previous run() or advance() first');
    // A schedule fires forever: a run without an end time would only stop at the virtual-time limit.
    if (options.untilMs === undefined && SchedulerService.firesForever(this.manifest)) {
      throw new SimulationInputError('the flow has schedules, which fire forever: give the run an end time (`until` in the events file, --until, or advance(ms) / run({ untilMs }))');
    }
    this.running = true;
    const releaseFaults = captureProcessFaults(this.faults);
    try {
      await new Promise<void>((resolve, reject) => {
        this.current = { untilMs: options.untilMs, stopWhen: options.stopWhen, resolve, reject };
        void this.drive();
      });
    } finally {
      this.current = null;
      try {
        await nextTurn();
      } finally {
        releaseFaults();
        this.running = false;
        deactivate(this.dispatcher);
      }
    }
  }

  /**
   * The event loop of a run: pops events in time order and runs them, awaiting those that run
   * handler code. When the run gives up waiting for a handler (`abandoned`), this loop stays
   * suspended for good — the promise it awaits never settles — and a new one goes on.
   */
  private async drive(): Promise<void> {
    const run = this.current!;
    const untilMs = run.untilMs;
    const { maxVirtualTimeMs, seed } = this.options;
    try {
      for (;;) {
        const next = this.agenda.peekTime();
        if (next === undefined) break;
        if (untilMs !== undefined) {
          if (next > untilMs) break;
        } else if (next > maxVirtualTimeMs) {
          throw new SimulationLimitError(
            `virtual time would pass the limit of ${formatDuration(maxVirtualTimeMs)} with ${this.agenda.size} events still pending: give an end time (--until) or raise limits.maxVirtualTime`,
            seed,
          );
        }
        const entry = this.agenda.pop()!;
        this.clock.advanceTo(entry.atMs);
        this.step();
        const pending = entry.action();
        if (pending !== undefined) await pending;
        if (run.stopWhen?.() === true) {
          run.resolve();
          return;
        }
      }
      if (untilMs !== undefined && untilMs > this.clock.nowMs) this.clock.advanceTo(untilMs);
      run.resolve();
    } catch (error) {
      run.reject(error);
    }
  }

  /** The run gave up waiting for an invocation: its caller goes on (`goOn`), then a new loop. */
  private abandoned(goOn: () => void): void {
    const run = this.current;
    if (run === null) return;
    try {
      goOn();
    } catch (error) {
      run.reject(error);
      return;
    }
    void this.drive();
  }

  /**
   * An error from handler code reached the process while no invocation was running: its
   * invocation had already ended (a timer it left behind, a rejection Node reports only once the
   * microtask queue is empty). Which invocation caused it cannot be told: it is a warning line
   * at the app, naming the function whose handler ran last, and is counted in the summary.
   */
  private unattributedFault(kind: FaultKind, error: unknown): void {
    this.stats.uncaughtErrors++;
    const what = kind === 'unhandled-rejection' ? 'an unhandled rejection' : 'an uncaught exception';
    const last = this.currentFunction === '' ? '' : ` (${this.currentFunction} ran last)`;
    this.trace.record(this.manifest.app, 'warning', `${what} from handler code outside any invocation, not attributed${last}: ${describeThrown(error)}`);
  }

  private step(): void {
    if (++this.eventsProcessed > this.options.maxEvents) {
      throw new SimulationLimitError(
        `stopped after ${this.options.maxEvents.toLocaleString('en-US')} events (agenda events and invocations) at virtual time ${formatOffset(this.clock.nowMs)}: an endless loop, or raise limits.maxEvents`,
        this.options.seed,
      );
    }
  }

  /** Runs for `ms` of virtual time from now. */
  advance(ms: number): Promise<void> {
    return this.run({ untilMs: this.clock.nowMs + ms });
  }

  get eventCount(): number {
    return this.eventsProcessed;
  }

  get pendingEvents(): number {
    return this.agenda.size;
  }

  /** The messages in a queue now (delayed, visible or in flight), oldest first. */
  queueMessages(queue: string): readonly QueueMessage[] {
    return this.sqs.queue(queue).messages();
  }

  /** The items of a table, in key order. */
  tableItems(table: string): readonly Readonly<Record<string, unknown>>[] {
    return this.dynamodb.items(table);
  }

  summary(): SimSummary {
    return summarize(this.stats, {
      seed: this.options.seed,
      endMs: this.clock.nowMs,
      events: this.eventsProcessed,
      pendingEvents: this.agenda.size,
      queues: [...this.sqs.all()].map((queue) => ({ name: queue.name, size: queue.size })),
      streamRecordsPending: this.streamPollers.reduce((sum, poller) => sum + poller.pendingRecords(), 0),
      traceDropped: this.trace.dropped,
    });
  }

  /** Puts the process environment back and disconnects the simulated SDK clients. */
  dispose(): void {
    this.environment.restore();
    deactivate(this.dispatcher);
  }
}

/** `Name: message` for an Error (no stack: it holds this machine's paths), the string form otherwise. */
function describeThrown(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return typeof error;
  }
}
