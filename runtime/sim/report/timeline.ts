import type { FlowManifest } from '../../manifest/schema.js';
import { formatDuration } from '../time.js';
import type { TraceEntry } from '../trace.js';
import type { HandlerCall } from './calls.js';

/**
 * A run laid out on its virtual time axis, for the report: one lane per resource the run
 * touched, each invocation a bar with its outcome, the messages between lanes, retries linked
 * to what they retry, and the marks of what AWS did to messages (redrive, bisect, on-failure,
 * duplicates, throttles). It is read from the trace (what happened, when, where) and from the
 * handler calls (what each invocation got and returned), so the simulator needs no hook.
 */

/**
 * How an invocation ended: `retried` failed and is tried again (asynchronous retry, the batch
 * back in its queue, a stream batch retried or bisected), `failure` failed for good; `unknown`
 * when the trace holds no end (the run stopped first, or the trace was full).
 */
export type Outcome = 'success' | 'retried' | 'failure' | 'timeout' | 'unknown';

export type LaneKind = 'input' | 'function' | 'queue' | 'fifo-queue' | 'topic' | 'bus' | 'stream' | 'table' | 'other';

export interface Lane {
  readonly name: string;
  readonly kind: LaneKind;
  /** What the flow makes of it: `dead-letter queue`, `on-failure target`, `destination`. */
  readonly roles: readonly string[];
}

export interface Invocation {
  readonly id: number;
  /** Index into `lanes`. */
  lane: number;
  readonly start: number;
  end: number;
  outcome: Outcome;
  /** The `invoke` line: `async attempt 1 of 2 · request 82ac69da · from topic placed`. */
  readonly trigger: string;
  readonly request: string | null;
  /** 1 for a first attempt; the attempt, receive or stream retry number + 1 otherwise. */
  readonly attempt: number;
  /** The end line: `returned …`, or the error and what happens next. */
  result: string;
  readonly logs: string[];
  event: string | null;
  returned: string | null;
  /** The invocation this one tries again (asynchronous retry, redelivery, a stream retry or half of a bisected batch). */
  retryOf: number | null;
}

export type ArrowKind = 'message' | 'poll' | 'success' | 'failure' | 'dead-letter' | 'on-failure';

export interface Arrow {
  readonly from: number;
  readonly to: number;
  readonly at: number;
  readonly kind: ArrowKind;
  readonly text: string;
}

export type MarkerKind = 'duplicate' | 'throttle' | 'expire' | 'dead-letter' | 'on-failure' | 'bisect' | 'partial' | 'hidden' | 'warning';

export interface Marker {
  readonly lane: number;
  readonly at: number;
  readonly kind: MarkerKind;
  readonly text: string;
  /** `hidden`: messages back in their queue become visible again then. */
  readonly until?: number;
}

/** Invocations per lane and time bucket, by outcome: what a long run shows instead of bars. */
export interface Bins {
  readonly bucketMs: number;
  /** `[lane, bucket, success, retried, failure, timeout, unknown]`, by lane then bucket. */
  readonly cells: readonly (readonly [number, number, number, number, number, number, number])[];
}

export interface Timeline {
  readonly lanes: readonly Lane[];
  /** Every invocation, or with `bins`, only the failed ones up to `FAILURES_KEPT`. */
  readonly invocations: readonly Invocation[];
  readonly arrows: readonly Arrow[];
  readonly markers: readonly Marker[];
  readonly bins: Bins | null;
  /** The time of the last trace entry (the end of what there is to see). */
  readonly lastMs: number;
  readonly counts: { readonly invocations: number; readonly arrowsLeftOut: number; readonly markersLeftOut: number };
  /** Resources of the flow the run never touched. */
  readonly idle: readonly string[];
}

/** Above this many invocations the report draws bins instead of bars. */
export const AGGREGATE_ABOVE = 3000;
/** With bins: the failed and timed-out invocations still drawn one by one. */
export const FAILURES_KEPT = 1000;
/** Arrows of messages and polls, and arrows of success, failure, dead-letter and on-failure records, each. */
export const ARROWS_MAX = 5000;
/** Marks of what happened to failures (dead-letter, on-failure, bisect), and of the rest, each. */
export const MARKERS_MAX = 5000;
/** Buckets across the run when it is binned. */
const BUCKETS = 400;

export interface TimelineInput {
  readonly manifest: FlowManifest;
  readonly entries: readonly TraceEntry[];
  readonly calls: readonly HandlerCall[];
}

export function buildTimeline({ manifest, entries, calls }: TimelineInput): Timeline {
  const lanes = new Lanes(manifest);
  const invocations: Invocation[] = [];
  const byEntry = new Map<number, Invocation>();
  const open = new Map<string, Invocation[]>();
  const lastEndedFrom = new Map<string, Invocation>();
  const sourceOf = new Map<number, string>();
  const byRequest = new Map<string, Invocation>();
  const failedMessages = new Map<string, Invocation>();
  // Per stream shard lane, the failed batches whose records are still to be retried, the latest
  // last: a retry or a bisected half takes its records from the top one.
  const streamRetries = new Map<string, { invocation: Invocation; remaining: number }[]>();
  const retryLater = (invocation: Invocation, remaining: number) => {
    const trigger = parseTrigger(invocation.trigger);
    for (const id of trigger.messages) failedMessages.set(id, invocation);
    if (trigger.streamKey !== null && remaining > 0) push(streamRetries, trigger.streamKey, { invocation, remaining });
  };
  const arrows: Arrow[] = [];
  const markers: Marker[] = [];
  let markersLeftOut = 0;
  // Messages and polls are many; the records of successes and failures are what a long run is
  // read for: each kind of arrow has its own allowance.
  const drawn = { plain: 0, records: 0 };
  const leftOut = { plain: 0, records: 0 };
  const arrow = (from: number, to: number, at: number, kind: ArrowKind, text: string) => {
    if (from === to) return;
    const allowance = kind === 'message' || kind === 'poll' ? 'plain' : 'records';
    if (drawn[allowance] < ARROWS_MAX) {
      drawn[allowance]++;
      arrows.push({ from, to, at, kind, text });
    } else {
      leftOut[allowance]++;
    }
  };
  const marked = { plain: 0, failures: 0 };
  const marker = (item: Marker) => {
    const allowance = item.kind === 'dead-letter' || item.kind === 'on-failure' || item.kind === 'bisect' ? 'failures' : 'plain';
    if (marked[allowance] < MARKERS_MAX) {
      marked[allowance]++;
      markers.push(item);
    } else {
      markersLeftOut++;
    }
  };

  entries.forEach((entry, index) => {
    const detail = entry.detail;
    // The sender's lane first, so that what injects the events comes before what it reaches.
    const sender = SENDS.has(entry.action) ? senderOf(entry.action, detail) : null;
    const from = sender === null ? null : lanes.ofSender(sender);
    const lane = lanes.of(entry.resource);
    switch (entry.action) {
      case 'invoke': {
        const trigger = parseTrigger(detail);
        const invocation: Invocation = {
          id: invocations.length,
          lane,
          start: entry.atMs,
          end: entry.atMs,
          outcome: 'unknown',
          trigger: detail,
          request: trigger.request,
          attempt: trigger.attempt,
          result: '',
          logs: [],
          event: null,
          returned: null,
          retryOf: null,
        };
        invocations.push(invocation);
        byEntry.set(index, invocation);
        push(open, entry.resource, invocation);
        if (trigger.from !== null) {
          const source = lanes.ofSender(trigger.from);
          arrow(source.lane, lane, entry.atMs, trigger.batchSource !== null ? 'poll' : source.kind, detail);
        }
        if (trigger.request !== null && trigger.attempt > 1 && trigger.batchSource === null) {
          const previous = byRequest.get(`${entry.resource} ${trigger.request}`);
          if (previous !== undefined) invocation.retryOf = previous.id;
        }
        if (trigger.request !== null) byRequest.set(`${entry.resource} ${trigger.request}`, invocation);
        if (trigger.batchSource !== null) {
          sourceOf.set(invocation.id, trigger.batchSource);
          for (const id of trigger.messages) {
            const failed = failedMessages.get(id);
            if (failed === undefined) continue;
            invocation.retryOf ??= failed.id;
            failedMessages.delete(id);
          }
          if (trigger.streamKey !== null) {
            const stack = streamRetries.get(trigger.streamKey) ?? [];
            const top = stack[stack.length - 1];
            if (top !== undefined && trigger.size <= top.remaining) {
              invocation.retryOf = top.invocation.id;
              top.remaining -= trigger.size;
              if (top.remaining === 0) stack.pop();
            } else {
              stack.length = 0;
            }
          }
        }
        break;
      }
      case 'ok':
      case 'error': {
        const invocation = open.get(entry.resource)?.shift();
        if (invocation === undefined) break;
        invocation.end = entry.atMs;
        invocation.result = detail;
        invocation.outcome = outcomeOf(entry, invocation);
        const source = sourceOf.get(invocation.id);
        if (source !== undefined) {
          lastEndedFrom.set(source, invocation);
          if (invocation.outcome !== 'success') retryLater(invocation, parseTrigger(invocation.trigger).size);
        }
        break;
      }
      case 'log': {
        const running = open.get(entry.resource);
        const invocation = running?.[running.length - 1];
        if (invocation !== undefined && invocation.logs.length < 50) invocation.logs.push(detail);
        break;
      }
      case 'send':
      case 'publish':
      case 'put-event':
      case 'put-record':
      case 'write':
        if (from !== null) arrow(from.lane, lane, entry.atMs, from.kind, detail);
        break;
      case 'retry':
      case 'partial': {
        const until = /stays hidden until (\+[\d:.d ]+?)(?: \(|$)/.exec(detail);
        const last = lastEndedFrom.get(entry.resource);
        if (last !== undefined && last.end === entry.atMs) {
          if (last.outcome === 'failure') last.outcome = 'retried';
          // A partial batch response: the handler returned, and the items it named are tried again.
          if (entry.action === 'partial' && last.outcome === 'success') {
            last.outcome = 'retried';
            const checkpointed = /^(\d+) of (\d+) records checkpointed/.exec(detail);
            retryLater(last, checkpointed === null ? 0 : Number(checkpointed[2]) - Number(checkpointed[1]));
          }
        }
        marker({ lane, at: entry.atMs, kind: until !== null ? 'hidden' : 'partial', text: detail, ...(until !== null ? { until: parseOffset(until[1]!) } : {}) });
        break;
      }
      case 'bisect': {
        const last = lastEndedFrom.get(entry.resource);
        if (last !== undefined && last.end === entry.atMs && last.outcome === 'failure') last.outcome = 'retried';
        marker({ lane, at: entry.atMs, kind: 'bisect', text: detail });
        break;
      }
      case 'on-failure': {
        // The stream gave up on the batch its last invocation failed: that failure was final.
        const last = lastEndedFrom.get(entry.resource);
        if (last !== undefined && last.end === entry.atMs && last.outcome === 'retried') last.outcome = 'failure';
        const key = last === undefined ? null : parseTrigger(last.trigger).streamKey;
        const stack = key === null ? undefined : streamRetries.get(key);
        if (stack !== undefined && stack[stack.length - 1]?.invocation === last) stack.pop();
        marker({ lane, at: entry.atMs, kind: 'on-failure', text: detail });
        break;
      }
      case 'dead-letter': {
        // The message failed its last receive: that batch's failure was final for it.
        const failed = failedMessages.get(/^message (\S+)/.exec(detail)?.[1] ?? '');
        if (failed !== undefined && failed.outcome === 'retried') failed.outcome = 'failure';
        const target = /→ (\S+) after/.exec(detail);
        if (target !== null) arrow(lane, lanes.of(target[1]!), entry.atMs, 'dead-letter', detail);
        marker({ lane, at: entry.atMs, kind: 'dead-letter', text: detail });
        break;
      }
      case 'duplicate':
      case 'throttle':
      case 'expire':
      case 'warning':
        marker({ lane, at: entry.atMs, kind: entry.action, text: detail });
        break;
      default:
        break;
    }
  });

  for (const call of calls) {
    const invocation = byEntry.get(call.traceIndex);
    if (invocation === undefined || lanes.list[invocation.lane]!.name !== call.fn) continue;
    invocation.event = call.event;
    invocation.returned = call.thrown ?? call.result;
  }

  const lastMs = entries.length === 0 ? 0 : entries[entries.length - 1]!.atMs;
  const aggregate = invocations.length > AGGREGATE_ABOVE;
  const place = lanes.order();
  for (const invocation of invocations) invocation.lane = place[invocation.lane]!;
  const moved = <T extends { lane: number }>(item: T): T => ({ ...item, lane: place[item.lane]! });
  const movedArrows = arrows.map((a) => ({ ...a, from: place[a.from]!, to: place[a.to]! }));
  const movedMarkers = markers.map(moved);
  return {
    lanes: lanes.ordered(place),
    invocations: aggregate ? invocations.filter((i) => i.outcome !== 'success').slice(0, FAILURES_KEPT) : invocations,
    arrows: aggregate ? movedArrows.filter((a) => a.kind !== 'message' && a.kind !== 'poll') : movedArrows,
    markers: movedMarkers,
    bins: aggregate ? binned(invocations, lastMs) : null,
    lastMs,
    // Binned, no message or poll is drawn: only the records left out are news.
    counts: { invocations: invocations.length, arrowsLeftOut: leftOut.records + (aggregate ? 0 : leftOut.plain), markersLeftOut },
    idle: lanes.idle(),
  };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * How an invocation ended, from its end line. A trace entry that states its outcome (a field
 * `outcome`, which a later simulator may add) is taken at its word; otherwise `ok` is a
 * success and `error` a failure — a timeout when Lambda's timeout message says so — which is
 * `retried` when the line says when the next attempt is, and for batches (their messages go
 * back to the queue; a stream retries or bisects) until the trace says the batch was given up.
 */
function outcomeOf(entry: TraceEntry, invocation: Invocation): Outcome {
  const stated = (entry as { outcome?: unknown }).outcome;
  if (typeof stated === 'string') {
    if (stated === 'ok' || stated === 'success') return 'success';
    if (stated === 'timeout') return 'timeout';
    if (stated === 'error' || stated === 'failure') return 'failure';
    return 'unknown';
  }
  if (entry.action === 'ok') return 'success';
  if (entry.detail.includes('Task timed out after')) return 'timeout';
  if (/ · attempt \d+ at /.test(entry.detail)) return 'retried';
  if (/^batch of /.test(invocation.trigger) && !/ · (retries exhausted|no retries)/.test(entry.detail)) return 'retried';
  return 'failure';
}

interface Trigger {
  readonly from: string | null;
  readonly request: string | null;
  readonly attempt: number;
  /** The queue or stream a batch came from. */
  readonly batchSource: string | null;
  readonly size: number;
  /** Message ids listed in the line (all of a batch of up to 3; the first and last of a larger one). */
  readonly messages: readonly string[];
  /** The shard and lane of a stream batch: retries and bisected halves come from the same one. */
  readonly streamKey: string | null;
}

function parseTrigger(detail: string): Trigger {
  const request = / · request ([0-9a-f]+)/.exec(detail)?.[1] ?? null;
  const async = /^async attempt (\d+) of \d+/.exec(detail);
  if (async !== null) {
    const from = / · from (.+)$/.exec(detail)?.[1] ?? null;
    return { from, request, attempt: Number(async[1]), batchSource: null, size: 1, messages: [], streamKey: null };
  }
  const batch = /^batch of (\d+) from (\S+)(.*?) · request /.exec(detail);
  if (batch !== null) {
    const [, size, source, rest] = batch as unknown as [string, string, string, string];
    const ids = /^ \(([^)]*)\)/.exec(rest);
    const messages = ids === null ? [] : ids[1]!.split(/, | … /);
    const receive = / · receive (\d+)/.exec(rest);
    const retry = / · retry (\d+)/.exec(rest);
    const shard = ids === null ? rest.replace(/ · retry \d+/, '').trim() : '';
    return {
      from: source,
      request,
      attempt: receive !== null ? Number(receive[1]) : retry !== null ? Number(retry[1]) + 1 : 1,
      batchSource: source,
      size: Number(size),
      messages,
      streamKey: ids === null ? `${source} ${shard}` : null,
    };
  }
  return { from: null, request, attempt: 1, batchSource: null, size: 1, messages: [], streamKey: null };
}

const SENDS: ReadonlySet<TraceEntry['action']> = new Set(['send', 'publish', 'put-event', 'put-record', 'write']);

/** Who sent what a `send`, `publish`, `put-event`, `put-record` or `write` line is about. */
function senderOf(action: TraceEntry['action'], detail: string): string | null {
  if (action === 'write') return /^(?:put|delete) .* from (\S+) · [^·]*$/.exec(detail)?.[1] ?? null;
  if (action === 'put-record') return /^\S+ seq \S+ key .*? from (\S+) · /.exec(detail)?.[1] ?? null;
  return /^(?:message|event) \S+ from (.+?)(?: · |$)/.exec(detail)?.[1] ?? null;
}

/** `+00:01:01.000` or `+2d 03:00:00.000` → milliseconds. */
function parseOffset(text: string): number {
  const match = /^\+(?:(\d+)d )?(\d+):(\d+):(\d+)\.(\d+)$/.exec(text.trim());
  if (match === null) return 0;
  const [, days, hours, minutes, seconds, millis] = match;
  return (((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number(millis);
}

/** Lanes in the order the run first touches them; the events file (or test) that injects comes first. */
class Lanes {
  readonly list: Lane[] = [];
  private readonly index = new Map<string, number>();
  private readonly kinds = new Map<string, LaneKind>();
  private readonly roles = new Map<string, string[]>();
  private readonly edgeSources = new Map<string, string>();

  constructor(private readonly manifest: FlowManifest) {
    for (const fn of manifest.functions) this.kinds.set(fn.name, 'function');
    for (const queue of manifest.queues) this.kinds.set(queue.name, queue.fifo ? 'fifo-queue' : 'queue');
    for (const topic of manifest.topics) this.kinds.set(topic.name, 'topic');
    for (const bus of manifest.buses) this.kinds.set(bus.name, 'bus');
    for (const stream of manifest.streams) this.kinds.set(stream.name, 'stream');
    for (const table of manifest.tables) this.kinds.set(table.name, 'table');
    const role = (name: string, what: string) => {
      const list = this.roles.get(name) ?? [];
      if (!list.includes(what)) list.push(what);
      this.roles.set(name, list);
    };
    for (const queue of manifest.queues) if (queue.redrive !== null) role(queue.redrive.deadLetterQueue, 'dead-letter queue');
    for (const edge of manifest.edges) {
      this.edgeSources.set(edge.id, edge.source);
      if (edge.kind === 'destination') role(edge.target, `${edge.condition} destination`);
      if ((edge.kind === 'stream-trigger' || edge.kind === 'table-trigger') && edge.onFailure !== null) role(edge.onFailure.name, 'on-failure target');
    }
  }

  of(name: string): number {
    let at = this.index.get(name);
    if (at === undefined) {
      at = this.list.length;
      this.index.set(name, at);
      this.list.push({ name, kind: this.kinds.get(name) ?? (name === this.manifest.app ? 'other' : 'input'), roles: this.roles.get(name) ?? [] });
    }
    return at;
  }

  /**
   * The lane a message comes from, and what kind of arrow: `topic placed` and `bus audit` are
   * the topic and bus, `handler ingest` the function's own code, `charge.failure` a destination
   * of `charge`, `clicks->sessionize on_failure` the mapping's stream, anything else an input
   * (the events file, a test).
   */
  ofSender(from: string): { lane: number; kind: ArrowKind } {
    const prefixed = /^(?:topic|bus|queue|stream|table|handler) (\S+)$/.exec(from);
    if (prefixed !== null && this.kinds.has(prefixed[1]!)) return { lane: this.of(prefixed[1]!), kind: 'message' };
    const destination = /^(\S+)\.(success|failure)$/.exec(from);
    if (destination !== null && this.kinds.get(destination[1]!) === 'function') return { lane: this.of(destination[1]!), kind: destination[2] as 'success' | 'failure' };
    const onFailure = /^(\S+) on_failure$/.exec(from);
    if (onFailure !== null && this.edgeSources.has(onFailure[1]!)) return { lane: this.of(this.edgeSources.get(onFailure[1]!)!), kind: 'on-failure' };
    return { lane: this.of(from), kind: 'message' };
  }

  /**
   * Where each lane goes (new index by old): first the inputs (events file, tests) in the order
   * they appear, then the resources in the flow's order — depth first from the resources
   * nothing sends to, along the edges in source order — so each chain reads downwards.
   */
  order(): number[] {
    const rank = new Map<string, number>();
    const next = new Map<string, string[]>();
    const incoming = new Set<string>();
    const link = (from: string, to: string) => {
      push(next, from, to);
      incoming.add(to);
    };
    for (const edge of this.manifest.edges) {
      link(edge.source, edge.target);
      if ((edge.kind === 'stream-trigger' || edge.kind === 'table-trigger') && edge.onFailure !== null) link(edge.target, edge.onFailure.name);
    }
    for (const queue of this.manifest.queues) if (queue.redrive !== null) link(queue.name, queue.redrive.deadLetterQueue);
    for (const fn of this.manifest.functions) for (const send of fn.sends) link(fn.name, send.name);
    const visit = (name: string) => {
      const pending = [name];
      while (pending.length > 0) {
        const at = pending.pop()!;
        if (rank.has(at)) continue;
        rank.set(at, rank.size);
        pending.push(...(next.get(at) ?? []).slice().reverse());
      }
    };
    const starts = [...this.manifest.edges.map((e) => e.source), ...this.kinds.keys()];
    for (const name of starts) if (!incoming.has(name)) visit(name);
    for (const name of starts) visit(name);
    const keyOf = (lane: Lane, index: number): [number, number] => (this.kinds.has(lane.name) ? [1, rank.get(lane.name) ?? 0] : [0, index]);
    const sorted = this.list.map((lane, index) => ({ index, key: keyOf(lane, index) })).sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
    const place: number[] = [];
    sorted.forEach((item, position) => (place[item.index] = position));
    return place;
  }

  ordered(place: readonly number[]): Lane[] {
    const lanes: Lane[] = [];
    this.list.forEach((lane, index) => (lanes[place[index]!] = lane));
    return lanes;
  }

  idle(): string[] {
    return [...this.kinds.keys()].filter((name) => !this.index.has(name)).sort();
  }
}

function binned(invocations: readonly Invocation[], lastMs: number): Bins {
  const bucketMs = niceStep(Math.max(lastMs, 1) / BUCKETS);
  const cells = new Map<string, [number, number, number, number, number, number, number]>();
  const column: Record<Outcome, 2 | 3 | 4 | 5 | 6> = { success: 2, retried: 3, failure: 4, timeout: 5, unknown: 6 };
  for (const invocation of invocations) {
    const bucket = Math.floor(invocation.start / bucketMs);
    const key = `${invocation.lane} ${bucket}`;
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = [invocation.lane, bucket, 0, 0, 0, 0, 0];
      cells.set(key, cell);
    }
    cell[column[invocation.outcome]]++;
  }
  return { bucketMs, cells: [...cells.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]) };
}

/** The smallest of 1, 2, 5 × 10^n ms at least `ms`. */
export function niceStep(ms: number): number {
  let step = 1;
  for (;;) {
    for (const factor of [1, 2, 5]) if (step * factor >= ms) return step * factor;
    step *= 10;
  }
}

/** `1m`, `250ms`: for the report's labels. */
export function delayText(ms: number): string {
  return formatDuration(Math.max(0, Math.round(ms)));
}
