import type { FlowManifest } from '../../manifest/schema.js';
import { formatDuration } from '../time.js';
import type { TraceEntry } from '../trace.js';
import type { GiveUpReason, InvocationFollowUp, RetryReason } from '../invocation.js';
import type { ObservedInvocation } from './calls.js';

/**
 * A run laid out on its virtual time axis, for the report: one lane per resource the run
 * touched, each invocation a bar with its outcome, the messages between lanes, retries linked
 * to what they retry, and the marks of what AWS did to messages (redrive, bisect, on-failure,
 * duplicates, throttles). Invocations, their outcomes and retry links are what the simulator
 * said of them (`recordInvocations`: ids, structured outcomes, follow-ups), never read from the
 * trace's wording; the trace gives the lanes, the messages between them and the marks.
 */

/**
 * How an invocation ended: `retried` failed and is tried again (asynchronous retry, the batch
 * back in its queue, a stream batch retried or bisected), `failure` failed for good; `unknown`
 * when it has no end (the run stopped first).
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
  readonly outcome: Outcome;
  /** The `invoke` line: `async attempt 1 of 2 · request 82ac69da · from topic placed`. */
  readonly trigger: string;
  readonly request: string | null;
  /** 1 for a first attempt; the attempt, receive or stream retry number + 1 otherwise. */
  readonly attempt: number;
  /** The end line: `returned …`, or the error and what happens next. */
  readonly result: string;
  /** A failure's `errorType` (`Error`, `Runtime.JSONStringifyError`); null for a success, a timeout, or no end. */
  readonly errorType: string | null;
  /** What the simulator did last with what it failed (`given up: moved to the dead-letter queue`); null: nothing. */
  readonly then: string | null;
  readonly logs: readonly string[];
  readonly event: string | null;
  readonly returned: string | null;
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

export type MarkerKind = 'duplicate' | 'throttle' | 'expire' | 'dead-letter' | 'on-failure' | 'bisect' | 'partial' | 'hidden' | 'warning' | 'filtered';

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
  /** What the simulator told of each invocation (`recordInvocations`), in the order they started. */
  readonly invocations: readonly ObservedInvocation[];
}

export function buildTimeline({ manifest, entries, invocations: observed }: TimelineInput): Timeline {
  const lanes = new Lanes(manifest);
  const invocations: Invocation[] = [];
  const startedAt = new Map<number, ObservedInvocation>();
  for (const invocation of observed) startedAt.set(invocation.traceIndex, invocation);
  // The simulator's invocation ids, as indexes into `invocations`.
  const indexOf = new Map<number, number>();
  // Trace lines that say what became of a failure: the `retry` line of a redelivery says when.
  const followUpAt = new Map<number, InvocationFollowUp>();
  for (const invocation of observed) for (const followUp of invocation.followUps) if (followUp.traceIndex >= 0) followUpAt.set(followUp.traceIndex, followUp);
  const deadLetterQueue = new Map<string, string>();
  for (const queue of manifest.queues) if (queue.redrive !== null) deadLetterQueue.set(queue.name, queue.redrive.deadLetterQueue);
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
        const seen = startedAt.get(index);
        if (seen === undefined) break;
        indexOf.set(seen.id, invocations.length);
        invocations.push(invocationOf(seen, invocations.length, lane, entries));
        const via = seen.via;
        // A retry comes from the function's own queue of events, not again from its sender.
        if (via.kind === 'async' && seen.attempt === 1) {
          const source = lanes.ofSender(via.from);
          arrow(source.lane, lane, entry.atMs, source.kind, detail);
        } else if (via.kind === 'queue' || via.kind === 'stream') {
          arrow(lanes.of(via.source), lane, entry.atMs, 'poll', detail);
        }
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
        const followUp = followUpAt.get(index);
        const until = followUp?.kind === 'retry' ? followUp.visibleAtMs : undefined;
        marker({ lane, at: entry.atMs, kind: until !== undefined ? 'hidden' : 'partial', text: detail, ...(until !== undefined ? { until } : {}) });
        break;
      }
      case 'bisect':
      case 'on-failure':
        marker({ lane, at: entry.atMs, kind: entry.action, text: detail });
        break;
      case 'dead-letter': {
        const target = deadLetterQueue.get(entry.resource);
        if (target !== undefined) arrow(lane, lanes.of(target), entry.atMs, 'dead-letter', detail);
        marker({ lane, at: entry.atMs, kind: 'dead-letter', text: detail });
        break;
      }
      case 'duplicate':
      case 'throttle':
      case 'expire':
      case 'warning':
      case 'filtered':
        marker({ lane, at: entry.atMs, kind: entry.action, text: detail });
        break;
      default:
        break;
    }
  });
  for (const seen of observed) {
    const at = indexOf.get(seen.id);
    if (at === undefined) continue;
    // The first invocation it retries that the report holds (a batch may retry several).
    const retried = seen.retryOf.map((id) => indexOf.get(id)).find((index) => index !== undefined);
    if (retried !== undefined) invocations[at]!.retryOf = retried;
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

function invocationOf(seen: ObservedInvocation, id: number, lane: number, entries: readonly TraceEntry[]): Invocation {
  const end = seen.end;
  const last = seen.followUps[seen.followUps.length - 1];
  return {
    id,
    lane,
    start: seen.atMs,
    end: end === null ? seen.atMs : end.atMs,
    outcome: outcomeOf(seen),
    errorType: end === null || end.ok ? null : end.errorType,
    then: last === undefined ? null : last.kind === 'retry' ? RETRIED[last.reason] : GIVEN_UP[last.reason],
    trigger: entries[seen.traceIndex]?.detail ?? '',
    request: seen.requestId.slice(0, 8),
    attempt: seen.attempt,
    result: end === null || end.traceIndex < 0 ? '' : (entries[end.traceIndex]?.detail ?? ''),
    logs: seen.logs,
    event: seen.event,
    returned: seen.returned,
    retryOf: null,
  };
}

/**
 * How an invocation ended, as the simulator said: a timeout whatever came of it; `retried` when
 * what it failed (all of it, or the items its partial batch response named) is tried again, and
 * `failure` once that is given up for good: the last word on it counts (a redelivered message
 * may later go to the dead-letter queue).
 */
function outcomeOf({ end, followUps }: ObservedInvocation): Outcome {
  if (end === null) return 'unknown';
  if (!end.ok && end.cause === 'timeout') return 'timeout';
  const last = followUps[followUps.length - 1];
  if (last?.kind === 'retry') return 'retried';
  if (!end.ok || last?.kind === 'given-up') return 'failure';
  return 'success';
}

const RETRIED: Record<RetryReason, string> = {
  'async-retry': 'tried again (asynchronous retry)',
  redelivery: 'back in its queue for a redelivery',
  'stream-retry': 'the batch is retried',
  bisect: 'the batch is split in two',
};

const GIVEN_UP: Record<GiveUpReason, string> = {
  'retries-exhausted': 'given up: retries exhausted',
  'max-age': 'given up: past its maximum age',
  'dead-letter': 'given up: moved to the dead-letter queue',
};

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

const SENDS: ReadonlySet<TraceEntry['action']> = new Set(['send', 'publish', 'put-event', 'put-record', 'write']);

/** Who sent what a `send`, `publish`, `put-event`, `put-record` or `write` line is about. */
function senderOf(action: TraceEntry['action'], detail: string): string | null {
  if (action === 'write') return /^(?:put|delete) .* from (\S+) · [^·]*$/.exec(detail)?.[1] ?? null;
  if (action === 'put-record') return /^\S+ seq \S+ key .*? from (\S+) · /.exec(detail)?.[1] ?? null;
  return /^(?:message|event) \S+ from (.+?)(?: · |$)/.exec(detail)?.[1] ?? null;
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
