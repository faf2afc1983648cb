import { formatOffset } from './time.js';

/** What happened; the second column of the text trace. */
export type TraceAction =
  | 'publish'
  | 'send'
  | 'duplicate'
  | 'put-event'
  | 'match'
  | 'put-record'
  | 'write'
  | 'put-object'
  | 'delete-object'
  | 'invoke'
  | 'ok'
  | 'error'
  | 'throttle'
  | 'retry'
  | 'expire'
  | 'destination'
  | 'return'
  | 'dead-letter'
  | 'bisect'
  | 'partial'
  | 'on-failure'
  /** A message or record that an edge's `filter` lets not through (SQS: deleted; streams: skipped; SNS: not delivered). */
  | 'filtered'
  | 'log'
  | 'warning'
  /** An HTTP request arrives at an api, and its response leaves. */
  | 'request'
  | 'respond'
  /** A schedule's time came: Scheduler invokes its target. */
  | 'fire';

export interface TraceEntry {
  /** Virtual milliseconds since the start of the run. */
  readonly atMs: number;
  /** The function, queue, topic, bus, stream or table it happened at. */
  readonly resource: string;
  readonly action: TraceAction;
  readonly detail: string;
}

/** Collects the trace, up to a limit (a runaway flow must not exhaust memory). */
export class TraceRecorder {
  readonly entries: TraceEntry[] = [];
  /** Entries not kept because the limit was reached. */
  dropped = 0;

  constructor(
    private readonly now: () => number,
    private readonly maxEntries: number,
    readonly enabled: boolean,
  ) {}

  /** Records an entry; returns its index, or -1 when it is not kept. */
  record(resource: string, action: TraceAction, detail: string): number {
    if (!this.enabled) return -1;
    if (this.entries.length >= this.maxEntries) {
      this.dropped++;
      return -1;
    }
    return this.entries.push({ atMs: this.now(), resource, action, detail }) - 1;
  }
}

/** One line per entry: `+00:01:00.000  charge   invoke   async attempt 2 of 2`. */
export function renderTraceText(entries: readonly TraceEntry[], dropped = 0): string {
  let resourceWidth = 0;
  let actionWidth = 0;
  for (const entry of entries) {
    resourceWidth = Math.max(resourceWidth, entry.resource.length);
    actionWidth = Math.max(actionWidth, entry.action.length);
  }
  const lines = entries.map(
    (entry) => `${formatOffset(entry.atMs)}  ${entry.resource.padEnd(resourceWidth)}  ${entry.action.padEnd(actionWidth)}  ${entry.detail}`.trimEnd(),
  );
  if (dropped > 0) lines.push(`… ${dropped} more trace entries not kept (raise limits.maxTraceEntries)`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Shortens an id for the text trace; the JSON trace and the APIs keep full ids. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

/** A payload for a trace line: compact JSON, cut at `max` characters. */
export function preview(value: unknown, max = 120): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
