/**
 * The picture of a flow as plain data: its nodes (each declaration) and edges (each way a
 * payload moves), with their kinds, payload types and settings in the .flow file's words. This
 * is the only module of `emit/graph` that reads the manifest; the renderers (Mermaid, DOT,
 * SVG, HTML) read this model, so a change of the manifest's shape is adapted here alone.
 */
import { lambda } from '../../../runtime/aws/limits.js';
import type { EdgeSpec, FlowManifest, FunctionSpec, Pattern, QueueSpec, ScheduleSpec, StreamSpec, StreamTriggerEdge, TableSpec } from '../../../runtime/manifest/schema.js';
import type { PayloadType } from '../../../runtime/manifest/types.js';
import { eventBridgePattern } from '../../../runtime/pattern/event-bridge.js';
import { printType } from '../../types/print.js';

/** What a node is; `styles.ts` gives each its shape. FIFO queues and topics are kinds of their own: they behave differently. */
export type NodeKind = 'function' | 'queue' | 'fifo-queue' | 'topic' | 'fifo-topic' | 'bus' | 'stream' | 'table' | 'api' | 'bucket' | 'schedule';

/**
 * What an edge means:
 * - `subscription`, `rule`, `notification`: SNS, EventBridge and S3 deliver asynchronously (a function behind them is invoked with `Event`);
 * - `queue-poll`, `stream-poll`: an event source mapping polls and invokes synchronously, in batches;
 * - `success`, `failure`: Lambda destinations of asynchronous invocations;
 * - `dlq`: a queue's redrive to its dead-letter queue; `on-failure`: a stream mapping's failed batches;
 * - `sends`: what a handler writes to from its own code;
 * - `retry`: a failed invocation or batch tried again (drawn only with `--failures`).
 */
export type EdgeKind = 'subscription' | 'rule' | 'route' | 'notification' | 'queue-poll' | 'stream-poll' | 'success' | 'failure' | 'dlq' | 'on-failure' | 'sends' | 'retry' | 'schedule';

/** One setting as the .flow file words it: `batch` `10`, `visibility` `3m`. */
export interface Setting {
  readonly key: string;
  readonly value: string;
}

export interface GraphNode {
  /** The declaration's name: unique in a flow. */
  readonly id: string;
  readonly kind: NodeKind;
  /** What the node holds or takes: `Order → Receipt` for a function, the message type of a queue. */
  readonly payload: string;
  /** The line of its declaration in the .flow file. */
  readonly line: number;
  readonly settings: readonly Setting[];
}

export interface GraphEdge {
  /** Unique and stable: the manifest's edge id, or one derived from it (`payouts.dlq->payouts_dead`). */
  readonly id: string;
  readonly kind: EdgeKind;
  readonly source: string;
  readonly target: string;
  /** The payload type the target receives along the edge, as the .flow file would write it. */
  readonly payload: string;
  readonly line: number;
  readonly settings: readonly Setting[];
  /**
   * Whether a failed message, batch or invocation record travels it: the failure edges
   * themselves, and what carries their records on to the function that handles them.
   */
  readonly failurePath: boolean;
}

export interface GraphModel {
  readonly app: string;
  /** The .flow file, as the user named it. */
  readonly source: string;
  /** Kind by kind (functions, queues, topics, buses, streams, tables, apis), by name within a kind. */
  readonly nodes: readonly GraphNode[];
  /** The manifest's edges in source order, then redrives, on-failure targets, sends and retries. */
  readonly edges: readonly GraphEdge[];
}

/** The kinds of edge a failure starts on. */
export const FAILURE_EDGE_KINDS: ReadonlySet<EdgeKind> = new Set<EdgeKind>(['failure', 'dlq', 'on-failure', 'retry']);

export function buildGraphModel(manifest: FlowManifest): GraphModel {
  const nodes: GraphNode[] = [
    ...manifest.functions.map(functionNode),
    ...manifest.queues.map(queueNode),
    ...manifest.topics.map((t) => node(t.name, t.fifo ? 'fifo-topic' : 'topic', t.message, t.origin.line, [...(t.existing === undefined ? [] : [existingSetting(t.existing.arn)]), ...fifoSettings(t.fifoSettings)])),
    ...manifest.buses.map((b) => ({ id: b.name, kind: 'bus' as const, payload: b.detail === null ? 'any event' : typeText(b.detail), line: b.origin.line, settings: b.existing === undefined ? [] : [existingSetting(b.existing.arn)] })),
    ...manifest.streams.map(streamNode),
    ...manifest.tables.map(tableNode),
    ...manifest.apis.map((a) => ({ id: a.name, kind: 'api' as const, payload: 'HTTP requests', line: a.origin.line, settings: a.corsOrigins.length === 0 ? [] : [{ key: 'cors', value: a.corsOrigins.join(', ') }] })),
    ...manifest.buckets.map((b) => ({ id: b.name, kind: 'bucket' as const, payload: 'objects', line: b.origin.line, settings: b.versioned ? [{ key: 'versioned', value: 'true' }] : [] })),
    ...manifest.schedules.map(scheduleNode),
  ];
  const edges: Omit<GraphEdge, 'failurePath'>[] = manifest.edges.map(edgeOf);
  for (const queue of manifest.queues) {
    if (queue.redrive === null) continue;
    edges.push({
      id: `${queue.name}.dlq->${queue.redrive.deadLetterQueue}`,
      kind: 'dlq',
      source: queue.name,
      target: queue.redrive.deadLetterQueue,
      payload: typeText(queue.message),
      line: queue.origin.line,
      settings: [{ key: 'max_receives', value: String(queue.redrive.maxReceiveCount) }],
    });
  }
  for (const edge of manifest.edges) {
    if ((edge.kind === 'stream-trigger' || edge.kind === 'table-trigger') && edge.onFailure !== null) {
      edges.push({
        id: `${edge.id}.on_failure->${edge.onFailure.name}`,
        kind: 'on-failure',
        // The mapping describes a batch its function failed on: the failure happens there.
        source: edge.target,
        target: edge.onFailure.name,
        payload: printType({ kind: 'streamFailure', source: edge.kind === 'stream-trigger' ? 'kinesis' : 'dynamodb' }),
        line: edge.origin.line,
        settings: [{ key: 'of', value: edge.id }],
      });
    }
  }
  for (const fn of manifest.functions) {
    for (const send of fn.sends) {
      edges.push({ id: `${fn.name}.sends->${send.name}`, kind: 'sends', source: fn.name, target: send.name, payload: payloadOf(manifest, send.name), line: fn.origin.line, settings: [] });
    }
  }
  edges.push(...retryEdges(manifest));
  return { app: manifest.app, source: manifest.source, nodes, edges: markFailurePaths(nodes, edges, manifest.edges) };
}

function node(id: string, kind: NodeKind, payload: PayloadType, line: number, settings: readonly Setting[]): GraphNode {
  return { id, kind, payload: typeText(payload), line, settings };
}

function functionNode(fn: FunctionSpec): GraphNode {
  const settings: Setting[] = [
    { key: 'memory', value: `${fn.memoryMb} MB` },
    { key: 'timeout', value: seconds(fn.timeoutSeconds) },
  ];
  if (fn.asyncConfig !== null) {
    settings.push({ key: 'retries', value: String(fn.asyncConfig.maximumRetryAttempts) }, { key: 'max_age', value: seconds(fn.asyncConfig.maximumEventAgeSeconds) });
  }
  if (fn.reservedConcurrency !== null) settings.push({ key: 'concurrency', value: String(fn.reservedConcurrency) });
  settings.push({ key: 'runtime', value: fn.runtime }, { key: 'handler', value: fn.handler });
  const payload = fn.output === null ? typeText(fn.input) : `${typeText(fn.input)} → ${typeText(fn.output)}`;
  return { id: fn.name, kind: 'function', payload, line: fn.origin.line, settings };
}

/** An existing resource (`arn = "…"`) shows its ARN; the owner's settings, which the flow does not know, are not shown. */
const existingSetting = (arn: string): Setting => ({ key: 'arn', value: arn });

function queueNode(queue: QueueSpec): GraphNode {
  if (queue.existing !== undefined) return node(queue.name, queue.fifo ? 'fifo-queue' : 'queue', queue.message, queue.origin.line, [existingSetting(queue.existing.arn), ...fifoSettings(queue.fifoSettings)]);
  const settings: Setting[] = [...fifoSettings(queue.fifoSettings), { key: 'visibility', value: seconds(queue.visibilityTimeoutSeconds) }, { key: 'retention', value: seconds(queue.messageRetentionSeconds) }];
  if (queue.delaySeconds > 0) settings.push({ key: 'delay', value: seconds(queue.delaySeconds) });
  if (queue.redrive !== null) settings.push({ key: 'dlq', value: queue.redrive.deadLetterQueue }, { key: 'max_receives', value: String(queue.redrive.maxReceiveCount) });
  return node(queue.name, queue.fifo ? 'fifo-queue' : 'queue', queue.message, queue.origin.line, settings);
}

function fifoSettings(fifo: QueueSpec['fifoSettings']): Setting[] {
  if (fifo === null) return [];
  const settings: Setting[] = [];
  if (fifo.groupBy !== null) settings.push({ key: 'group', value: fifo.groupBy.join('.') });
  if (fifo.deduplication !== null) settings.push({ key: 'dedupe', value: fifo.deduplication.kind === 'content' ? 'content' : fifo.deduplication.path.join('.') });
  return settings;
}

function streamNode(stream: StreamSpec): GraphNode {
  if (stream.existing !== undefined) {
    return node(stream.name, 'stream', stream.record, stream.origin.line, [existingSetting(stream.existing.arn), ...(stream.partitionKey === null ? [] : [{ key: 'partition', value: stream.partitionKey.join('.') }])]);
  }
  const settings: Setting[] = [stream.shardCount === null ? { key: 'mode', value: 'on_demand' } : { key: 'shards', value: String(stream.shardCount) }];
  if (stream.partitionKey !== null) settings.push({ key: 'partition', value: stream.partitionKey.join('.') });
  settings.push({ key: 'retention', value: seconds(stream.retentionHours * 3600) });
  return node(stream.name, 'stream', stream.record, stream.origin.line, settings);
}

function tableNode(table: TableSpec): GraphNode {
  const settings: Setting[] = [...(table.existing === undefined ? [] : [existingSetting(table.existing.streamArn ?? table.existing.arn)]), { key: 'key', value: table.partitionKey.attribute }];
  if (table.sortKey !== null) settings.push({ key: 'sort', value: table.sortKey.attribute });
  if (table.streamView !== null) settings.push({ key: 'stream', value: streamViewWord(table.streamView) });
  return node(table.name, 'table', table.item, table.origin.line, settings);
}

function scheduleNode(schedule: ScheduleSpec): GraphNode {
  const expression = schedule.expression.kind === 'cron' ? { key: 'cron', value: schedule.expression.fields } : { key: 'every', value: `${schedule.expression.minutes}m` };
  const settings: Setting[] = [expression];
  if (schedule.timezone !== null) settings.push({ key: 'timezone', value: schedule.timezone });
  if (schedule.state === 'DISABLED') settings.push({ key: 'state', value: 'disabled' });
  return { id: schedule.name, kind: 'schedule', payload: schedule.payload === null ? 'ScheduledEvent' : typeText(schedule.payload), line: schedule.origin.line, settings };
}

function streamViewWord(view: NonNullable<TableSpec['streamView']>): string {
  return { NEW_AND_OLD_IMAGES: 'new_and_old', NEW_IMAGE: 'new', OLD_IMAGE: 'old', KEYS_ONLY: 'keys' }[view];
}

function edgeOf(edge: EdgeSpec): Omit<GraphEdge, 'failurePath'> {
  const base = { id: edge.id, source: edge.source, target: edge.target, payload: typeText(edge.payload), line: edge.origin.line };
  switch (edge.kind) {
    case 'destination':
      return { ...base, kind: edge.condition, settings: [] };
    case 'subscription':
      return { ...base, kind: 'subscription', settings: [...(edge.targetKind === 'queue' ? [{ key: 'raw', value: String(edge.rawMessageDelivery) }] : []), ...filterSetting(edge.filter, 'others not delivered')] };
    case 'rule': {
      const settings: Setting[] = [{ key: 'match', value: matchText(edge.match) }];
      if (edge.retryAttempts !== null) settings.push({ key: 'retries', value: String(edge.retryAttempts) });
      if (edge.maximumEventAgeSeconds !== null) settings.push({ key: 'max_age', value: seconds(edge.maximumEventAgeSeconds) });
      return { ...base, kind: 'rule', settings };
    }
    case 'queue-trigger': {
      const settings: Setting[] = [{ key: 'batch', value: String(edge.batchSize) }];
      if (edge.batchingWindowSeconds > 0) settings.push({ key: 'window', value: seconds(edge.batchingWindowSeconds) });
      if (edge.maximumConcurrency !== null) settings.push({ key: 'concurrency', value: String(edge.maximumConcurrency) });
      if (edge.reportBatchItemFailures) settings.push({ key: 'report_failures', value: 'true' });
      settings.push(...filterSetting(edge.filter, 'others deleted unprocessed'));
      return { ...base, kind: 'queue-poll', settings };
    }
    case 'stream-trigger':
    case 'table-trigger':
      return { ...base, kind: 'stream-poll', settings: streamTriggerSettings(edge) };
    case 'route':
      return { ...base, kind: 'route', settings: [{ key: 'route', value: edge.routeKey }] };
    case 'notification': {
      const settings: Setting[] = [{ key: 'events', value: edge.events.join(', ') }];
      if (edge.prefix !== null) settings.push({ key: 'prefix', value: JSON.stringify(edge.prefix) });
      if (edge.suffix !== null) settings.push({ key: 'suffix', value: JSON.stringify(edge.suffix) });
      return { ...base, kind: 'notification', settings };
    }
    case 'schedule-target':
      return { ...base, kind: 'schedule', settings: [] };
  }
}

function streamTriggerSettings(edge: StreamTriggerEdge): Setting[] {
  const settings: Setting[] = [{ key: 'batch', value: String(edge.batchSize) }];
  if (edge.batchingWindowSeconds > 0) settings.push({ key: 'window', value: seconds(edge.batchingWindowSeconds) });
  if (edge.parallelizationFactor > 1) settings.push({ key: 'parallel', value: String(edge.parallelizationFactor) });
  settings.push({ key: 'retries', value: edge.maximumRetryAttempts === -1 ? 'until the record expires' : String(edge.maximumRetryAttempts) });
  if (edge.maximumRecordAgeSeconds !== -1) settings.push({ key: 'max_age', value: seconds(edge.maximumRecordAgeSeconds) });
  if (edge.bisectBatchOnFunctionError) settings.push({ key: 'bisect', value: 'true' });
  settings.push({ key: 'start', value: edge.startingPosition.toLowerCase() });
  if (edge.reportBatchItemFailures) settings.push({ key: 'report_failures', value: 'true' });
  settings.push(...filterSetting(edge.filter, 'others skipped'));
  return settings;
}

/** A trigger's or subscription's `filter`, as the pattern JSON, and what becomes of what it rejects. */
function filterSetting(filter: Pattern | null, rejected: string): Setting[] {
  return filter === null ? [] : [{ key: 'filter', value: `${JSON.stringify(eventBridgePattern(filter))} (${rejected})` }];
}

function matchText(match: Extract<EdgeSpec, { kind: 'rule' }>['match']): string {
  switch (match.kind) {
    case 'destination':
      return `${match.condition} records of ${match.function}`;
    case 'app-events':
      return `events of the app's code`;
    case 'pattern':
      return JSON.stringify(match.pattern);
  }
}

/** The payload a handler writes to a resource: its declared type. */
function payloadOf(manifest: FlowManifest, name: string): string {
  const resource =
    manifest.queues.find((q) => q.name === name)?.message ??
    manifest.topics.find((t) => t.name === name)?.message ??
    manifest.streams.find((s) => s.name === name)?.record ??
    manifest.tables.find((t) => t.name === name)?.item ??
    manifest.buses.find((b) => b.name === name)?.detail;
  if (manifest.buckets.some((b) => b.name === name)) return 'objects';
  return resource === undefined || resource === null ? 'any event' : typeText(resource);
}

/**
 * How a failure is tried again: asynchronous invocations by Lambda (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html: after about 1 and
 * 2 minutes), queue messages by redelivery after the visibility timeout, stream batches from
 * their checkpoint (halved first with `bisect`).
 */
function retryEdges(manifest: FlowManifest): Omit<GraphEdge, 'failurePath'>[] {
  const edges: Omit<GraphEdge, 'failurePath'>[] = [];
  const invokedAsync = new Set<string>();
  for (const edge of manifest.edges) {
    if ((edge.kind === 'subscription' || edge.kind === 'rule' || edge.kind === 'destination') && edge.targetKind === 'fn') invokedAsync.add(edge.target);
  }
  for (const fn of manifest.functions) {
    if (!invokedAsync.has(fn.name) && fn.asyncConfig === null) continue;
    const retries = fn.asyncConfig?.maximumRetryAttempts ?? lambda.asyncRetryAttemptsDefault;
    if (retries === 0) continue;
    const delays = lambda.asyncRetryDelaysSeconds.slice(0, retries).map(seconds).join(', ');
    edges.push({ id: `${fn.name}.retry`, kind: 'retry', source: fn.name, target: fn.name, payload: typeText(fn.input), line: fn.origin.line, settings: [{ key: 'retries', value: String(retries) }, { key: 'after', value: delays }] });
  }
  for (const edge of manifest.edges) {
    if (edge.kind === 'queue-trigger') {
      const queue = manifest.queues.find((q) => q.name === edge.source);
      const settings: Setting[] = queue === undefined ? [] : [{ key: 'after', value: `visibility ${seconds(queue.visibilityTimeoutSeconds)}` }];
      if (queue?.redrive) settings.push({ key: 'max_receives', value: String(queue.redrive.maxReceiveCount) });
      edges.push({ id: `${edge.id}.retry`, kind: 'retry', source: edge.target, target: edge.source, payload: typeText(edge.payload), line: edge.origin.line, settings });
    } else if (edge.kind === 'stream-trigger' || edge.kind === 'table-trigger') {
      if (edge.maximumRetryAttempts === 0 && !edge.bisectBatchOnFunctionError) continue;
      const settings: Setting[] = [{ key: 'retries', value: edge.maximumRetryAttempts === -1 ? 'until the record expires' : String(edge.maximumRetryAttempts) }];
      if (edge.bisectBatchOnFunctionError) settings.push({ key: 'bisect', value: 'true' });
      edges.push({ id: `${edge.id}.retry`, kind: 'retry', source: edge.target, target: edge.source, payload: typeText(edge.payload), line: edge.origin.line, settings });
    }
  }
  return edges;
}

/**
 * The failure edges, and what carries their records on: from the target of a failure
 * destination, redrive or on-failure edge, every edge through queues, topics, buses and
 * streams up to the functions that receive the record. A bus passes the record only to rules
 * that can match it: not those for the app's own events or for success records.
 */
function markFailurePaths(nodes: readonly GraphNode[], edges: readonly Omit<GraphEdge, 'failurePath'>[], specs: readonly EdgeSpec[]): GraphEdge[] {
  const kindOf = new Map(nodes.map((n) => [n.id, n.kind]));
  // Rules for the app's own events, or for success records, never pass a failure on.
  const otherRules = new Set(specs.filter((e) => e.kind === 'rule' && (e.match.kind === 'app-events' || (e.match.kind === 'destination' && e.match.condition === 'success'))).map((e) => e.id));
  const onPath = new Set<string>();
  const pending: string[] = [];
  for (const edge of edges) {
    if (!FAILURE_EDGE_KINDS.has(edge.kind)) continue;
    onPath.add(edge.id);
    if (edge.kind !== 'retry') pending.push(edge.target);
  }
  const carriers = new Map<string, Omit<GraphEdge, 'failurePath'>[]>();
  for (const edge of edges) {
    if (edge.kind === 'retry' || otherRules.has(edge.id)) continue;
    const list = carriers.get(edge.source);
    if (list === undefined) carriers.set(edge.source, [edge]);
    else list.push(edge);
  }
  const reached = new Set<string>();
  while (pending.length > 0) {
    const at = pending.pop()!;
    if (reached.has(at) || kindOf.get(at) === 'function') continue;
    reached.add(at);
    for (const edge of carriers.get(at) ?? []) {
      onPath.add(edge.id);
      pending.push(edge.target);
    }
  }
  return edges.map((edge) => ({ ...edge, failurePath: onPath.has(edge.id) }));
}

function typeText(type: PayloadType): string {
  return printType(type);
}

/** Seconds in the .flow file's units: `30s`, `3m`, `1h`, `4d`, `1m30s`. */
export function seconds(total: number): string {
  if (total === 0) return '0s';
  const units: readonly [string, number][] = [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  let rest = total;
  let text = '';
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}
