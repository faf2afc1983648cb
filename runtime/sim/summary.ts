import type { FunctionStats, Stats } from './stats.js';
import { formatOffset } from './time.js';

/** What a run did, for the end of `flowc sim` and for tests. Keys are sorted for stable output. */
export interface SimSummary {
  readonly seed: number;
  readonly endMs: number;
  readonly events: number;
  readonly functions: Readonly<Record<string, FunctionStats>>;
  readonly invocations: number;
  readonly retries: { readonly async: number; readonly queueRedeliveries: number; readonly stream: number };
  /** Messages moved to a dead-letter queue, by the queue they left. */
  readonly deadLettered: Readonly<Record<string, number>>;
  /** Deliveries per destination edge. */
  readonly destinations: Readonly<Record<string, number>>;
  /** On-failure records per stream edge. */
  readonly streamFailures: Readonly<Record<string, number>>;
  readonly streamRecordsDiscarded: number;
  /** Messages and records a `filter` let not through, per edge (an SQS trigger deletes them). */
  readonly filtered: Readonly<Record<string, number>>;
  /** FIFO sends dropped as duplicates, by queue. */
  readonly duplicates: Readonly<Record<string, number>>;
  readonly asyncDropped: number;
  /** Failed invocations by function and errorType (`timeout` for timeouts), as Lambda reports the errors. */
  readonly errors: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Errors from handler code that reached the process outside any invocation (trace `warning` lines). */
  readonly uncaughtErrors: number;
  /** What is still in the flow: messages per queue, unprocessed stream records, pending events. */
  readonly remaining: { readonly queues: Readonly<Record<string, number>>; readonly streamRecords: number; readonly events: number };
  readonly traceEntriesDropped: number;
}

export interface SummaryInputs {
  readonly seed: number;
  readonly endMs: number;
  readonly events: number;
  readonly pendingEvents: number;
  readonly queues: readonly { readonly name: string; readonly size: number }[];
  readonly streamRecordsPending: number;
  readonly traceDropped: number;
}

export function summarize(stats: Stats, inputs: SummaryInputs): SimSummary {
  const functions: Record<string, FunctionStats> = {};
  let invocations = 0;
  for (const name of [...stats.functions.keys()].sort()) {
    const fn = stats.functions.get(name)!;
    functions[name] = { ...fn };
    invocations += fn.invocations;
  }
  const deadLettered: Record<string, number> = {};
  const duplicates: Record<string, number> = {};
  let redeliveries = 0;
  for (const name of [...stats.queues.keys()].sort()) {
    const queue = stats.queues.get(name)!;
    if (queue.deadLettered > 0) deadLettered[name] = queue.deadLettered;
    if (queue.duplicates > 0) duplicates[name] = queue.duplicates;
    redeliveries += queue.redeliveries;
  }
  const queues: Record<string, number> = {};
  for (const queue of [...inputs.queues].sort((a, b) => (a.name < b.name ? -1 : 1))) queues[queue.name] = queue.size;
  return {
    seed: inputs.seed,
    endMs: inputs.endMs,
    events: inputs.events,
    functions,
    invocations,
    retries: { async: stats.asyncRetries, queueRedeliveries: redeliveries, stream: stats.streamRetries },
    deadLettered,
    destinations: sortedRecord(stats.destinations),
    streamFailures: sortedRecord(stats.streamFailures),
    streamRecordsDiscarded: stats.streamRecordsDiscarded,
    filtered: sortedRecord(stats.filtered),
    duplicates,
    asyncDropped: stats.asyncDropped,
    errors: Object.fromEntries([...stats.errors.keys()].sort().map((fn) => [fn, sortedRecord(stats.errors.get(fn)!)])),
    uncaughtErrors: stats.uncaughtErrors,
    remaining: { queues, streamRecords: inputs.streamRecordsPending, events: inputs.pendingEvents },
    traceEntriesDropped: inputs.traceDropped,
  };
}

/** The summary as the end of the text trace. */
export function renderSummaryText(summary: SimSummary): string {
  const list = (record: Readonly<Record<string, number>>): string => {
    const entries = Object.entries(record).filter(([, count]) => count > 0);
    return entries.length === 0 ? 'none' : entries.map(([name, count]) => `${name} ${count}`).join(' · ');
  };
  const functions = Object.entries(summary.functions)
    .map(([name, fn]) => `${name} ${fn.invocations} (${fn.succeeded} ok, ${fn.failed} failed${fn.throttled > 0 ? `, ${fn.throttled} throttled` : ''})`)
    .join(' · ');
  const retries = summary.retries;
  const errors = Object.entries(summary.errors).flatMap(([fn, byType]) => Object.entries(byType).map(([type, count]) => `${fn} ${type} ${count}`));
  const left = list(summary.remaining.queues);
  const lines = [
    `summary at ${formatOffset(summary.endMs)} · seed ${summary.seed} · ${summary.events} events`,
    `  invocations    ${summary.invocations === 0 ? 'none' : `${summary.invocations}: ${functions}`}`,
    `  errors         ${errors.length === 0 ? 'none' : errors.join(' · ')}`,
    `  retries        ${retries.async} async · ${retries.queueRedeliveries} queue redeliveries · ${retries.stream} stream`,
    `  dead-lettered  ${list(summary.deadLettered)}`,
    `  destinations   ${list(summary.destinations)}`,
    `  on-failure     ${list(summary.streamFailures)}${summary.streamRecordsDiscarded > 0 ? ` (${summary.streamRecordsDiscarded} record${summary.streamRecordsDiscarded === 1 ? '' : 's'} discarded)` : ''}`,
    `  duplicates     ${list(summary.duplicates)}`,
    `  left in queues ${left}${summary.remaining.streamRecords > 0 ? ` · ${summary.remaining.streamRecords} stream records unprocessed` : ''}${summary.remaining.events > 0 ? ` · ${summary.remaining.events} events pending` : ''}`,
  ];
  if (Object.keys(summary.filtered).length > 0) lines.push(`  filtered out   ${list(summary.filtered)}`);
  if (summary.uncaughtErrors > 0) lines.push(`  uncaught       ${summary.uncaughtErrors} error${summary.uncaughtErrors === 1 ? '' : 's'} from handler code outside any invocation`);
  if (summary.asyncDropped > 0) lines.push(`  dropped        ${summary.asyncDropped} asynchronous events with no failure destination`);
  return `${lines.join('\n')}\n`;
}

function sortedRecord(map: ReadonlyMap<string, number>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const key of [...map.keys()].sort()) result[key] = map.get(key)!;
  return result;
}
