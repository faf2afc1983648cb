import type { FlowManifest } from '../../manifest/schema.js';
import type { SimSummary } from '../summary.js';
import { formatOffset } from '../time.js';
import { renderTraceText, type TraceEntry } from '../trace.js';
import { REPORT_SCRIPT } from './client.js';
import { REPORT_STYLE } from './style.js';
import type { Timeline } from './timeline.js';

export interface ReportInput {
  readonly manifest: FlowManifest;
  readonly timeline: Timeline;
  readonly summary: SimSummary;
  readonly entries: readonly TraceEntry[];
  readonly traceDropped: number;
  /** `13 events from events.json · until +00:10:00.000`. */
  readonly run: string;
  /** The run's error, when it hit a limit. */
  readonly error?: string | undefined;
  /** The first line's comment: flowc's generated marker. */
  readonly header: string;
}

/** The trace is part of the page up to this many lines; the rest is in `flowc sim`'s own output. */
const TRACE_LINES_MAX = 5000;

/**
 * The report of a run as one self-contained HTML page: the summary and where failures ended
 * as HTML, the timeline drawn by the page's own script from the data in it. Nothing is
 * fetched (the content security policy allows no other source); the same run gives the same
 * bytes.
 */
export function renderReportHtml(input: ReportInput): string {
  const { manifest, timeline, summary } = input;
  const data = {
    lastMs: timeline.lastMs,
    endMs: summary.endMs,
    lanes: timeline.lanes,
    invocations: timeline.invocations,
    arrows: timeline.arrows,
    markers: timeline.markers,
    bins: timeline.bins,
    counts: timeline.counts,
  };
  const trace = input.entries.length > TRACE_LINES_MAX ? input.entries.slice(0, TRACE_LINES_MAX) : input.entries;
  const traceNote = input.entries.length > TRACE_LINES_MAX ? `the first ${TRACE_LINES_MAX.toLocaleString('en-US')} of ${input.entries.length.toLocaleString('en-US')} lines` : `${input.entries.length.toLocaleString('en-US')} lines`;
  return `<!DOCTYPE html>
<!-- ${input.header} -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(manifest.app)} · flowc sim report</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>flowc sim <b>${escape(manifest.app)}</b></h1>
<span>seed ${summary.seed}</span><span>${escape(input.run)}</span><span>ended at ${formatOffset(summary.endMs)}</span>
</header>
${input.error === undefined ? '' : `<p class="run-error" role="alert">${escape(input.error)}</p>\n`}${summaryHtml(summary, timeline)}
${endingsHtml(manifest, summary)}
<section id="timeline-section">
<div class="toolbar">
<h2>Timeline</h2>
<button type="button" id="zoom-out" title="zoom out">−</button><button type="button" id="zoom-fit">fit</button><button type="button" id="zoom-in" title="zoom in">+</button>
<label><input type="checkbox" id="show-messages" checked> messages between lanes</label>
<span id="timeline-note">${escape(timelineNote(timeline))}</span>
</div>
<ul class="legend">${LEGEND}</ul>
<div class="layout">
<div id="timeline"><div id="lane-labels"></div><div id="scroller"><svg id="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="the run on its virtual time axis"></svg></div></div>
<aside id="details" aria-live="polite"><p class="hint">Click an invocation for its event, its result and its trace.</p></aside>
</div>
${timeline.idle.length === 0 ? '' : `<p class="idle">Not touched in this run: ${timeline.idle.map((name) => `<code>${escape(name)}</code>`).join(', ')}</p>`}
</section>
<details id="trace"><summary>Trace (${traceNote}${input.traceDropped > 0 ? `; ${input.traceDropped.toLocaleString('en-US')} more not kept` : ''})</summary><pre>${escape(renderTraceText(trace))}</pre></details>
<script type="application/json" id="flowc-run">${scriptJson(data)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

function summaryHtml(summary: SimSummary, timeline: Timeline): string {
  const functions = Object.entries(summary.functions);
  const failed = functions.reduce((sum, [, fn]) => sum + fn.failed, 0);
  const cards: [string, string, string][] = [
    ['invocations', summary.invocations.toLocaleString('en-US'), `${(summary.invocations - failed).toLocaleString('en-US')} ok · ${failed.toLocaleString('en-US')} failed`],
    ['retries', String(summary.retries.async + summary.retries.queueRedeliveries + summary.retries.stream), `${summary.retries.async} async · ${summary.retries.queueRedeliveries} redelivered · ${summary.retries.stream} stream`],
    ['dead-lettered', String(sum(summary.deadLettered)), list(summary.deadLettered)],
    ['on-failure records', String(sum(summary.streamFailures)), `${list(summary.streamFailures)}${summary.streamRecordsDiscarded > 0 ? ` · ${plural(summary.streamRecordsDiscarded, 'record')} discarded` : ''}`],
    ['destinations', String(sum(summary.destinations)), list(summary.destinations)],
    ['duplicates dropped', String(sum(summary.duplicates)), list(summary.duplicates)],
    ['left in queues', String(sum(summary.remaining.queues)), `${list(summary.remaining.queues)}${summary.remaining.events > 0 ? ` · ${summary.remaining.events} events pending` : ''}`],
  ];
  // Only a flow with filters has the card: an SQS trigger deleted what its filter rejected.
  if (Object.keys(summary.filtered).length > 0) cards.push(['filtered out', String(sum(summary.filtered)), list(summary.filtered)]);
  const rows = functions
    .map(([name, fn]) => `<tr><th>${escape(name)}</th><td>${fn.invocations}</td><td>${fn.succeeded}</td><td class="${fn.failed > 0 ? 'bad' : ''}">${fn.failed}</td><td>${fn.throttled}</td></tr>`)
    .join('');
  return `<section id="summary">
<ul class="cards">${cards.map(([title, value, note]) => `<li data-card="${escape(title)}"><span class="value">${escape(value)}</span><span class="title">${escape(title)}</span><span class="note">${escape(note)}</span></li>`).join('')}</ul>
<table class="functions"><thead><tr><th>function</th><th>invocations</th><th>ok</th><th>failed</th><th>throttled</th></tr></thead><tbody>${rows}</tbody></table>
${summary.asyncDropped > 0 ? `<p class="bad">${summary.asyncDropped} asynchronous events dropped: no failure destination</p>` : ''}${summary.traceEntriesDropped > 0 ? `<p class="note">${summary.traceEntriesDropped.toLocaleString('en-US')} trace entries were not kept: the timeline ends at +${escape(formatOffset(timeline.lastMs).slice(1))}</p>` : ''}
</section>`;
}

/** Where failures ended: each dead-letter queue, on-failure target and failure destination, with what reached it and what was left in it. */
function endingsHtml(manifest: FlowManifest, summary: SimSummary): string {
  const items: string[] = [];
  for (const queue of manifest.queues) {
    if (queue.redrive === null) continue;
    const moved = summary.deadLettered[queue.name] ?? 0;
    const left = summary.remaining.queues[queue.redrive.deadLetterQueue] ?? 0;
    items.push(ending(queue.redrive.deadLetterQueue, `dead-letter queue of ${queue.name}`, `${plural(moved, 'message')} moved there`, left));
  }
  for (const edge of manifest.edges) {
    if ((edge.kind === 'stream-trigger' || edge.kind === 'table-trigger') && edge.onFailure !== null) {
      const records = summary.streamFailures[edge.id] ?? 0;
      items.push(ending(edge.onFailure.name, `on-failure target of ${edge.id}`, `${plural(records, 'on-failure record')}`, edge.onFailure.kind === 'queue' ? (summary.remaining.queues[edge.onFailure.name] ?? 0) : null));
    }
    if (edge.kind === 'destination' && edge.condition === 'failure') {
      const records = summary.destinations[edge.id] ?? 0;
      items.push(ending(edge.target, `failure destination of ${edge.source}`, `${plural(records, 'invocation record')} of failures`, edge.targetKind === 'queue' ? (summary.remaining.queues[edge.target] ?? 0) : null));
    }
  }
  if (items.length === 0) return '';
  return `<section id="endings"><h2>Where failures ended</h2><ul>${items.join('')}</ul></section>`;
}

function ending(name: string, role: string, reached: string, left: number | null): string {
  const nothing = reached.startsWith('0 ');
  return `<li class="${nothing ? 'none' : 'some'}" data-ending="${escape(name)}"><b>${escape(name)}</b> <span>${escape(role)}</span>: ${escape(reached)}${left === null ? '' : ` · ${plural(left, 'message')} left in it at the end`}</li>`;
}

const LEGEND = [
  ['bar success', 'succeeded'],
  ['bar retried', 'failed, tried again'],
  ['bar failure', 'failed for good'],
  ['bar timeout', 'timed out'],
  ['bar unknown', 'no end in the trace'],
  ['line retry', 'retry (dashed: from the failed attempt)'],
  ['line message', 'message'],
  ['line poll', 'polled batch'],
  ['line success', 'success record'],
  ['line failure', 'failure, dead-letter or on-failure record'],
  ['span', 'back in the queue, invisible'],
]
  .map(([kind, text]) => `<li><span class="swatch ${kind}"></span>${text}</li>`)
  .join('');

function timelineNote(timeline: Timeline): string {
  const notes: string[] = [];
  if (timeline.bins !== null) {
    notes.push(`${timeline.counts.invocations.toLocaleString('en-US')} invocations, shown per ${binText(timeline.bins.bucketMs)} and lane; failed ones one by one; messages and polls not drawn`);
  }
  const { arrowsLeftOut, markersLeftOut } = timeline.counts;
  if (arrowsLeftOut > 0 || markersLeftOut > 0) notes.push(`${plural(arrowsLeftOut, 'arrow')} and ${plural(markersLeftOut, 'mark')} more not drawn`);
  return notes.join(' · ');
}

function binText(ms: number): string {
  return ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${ms / 1000} s` : ms < 3_600_000 ? `${ms / 60_000} min` : `${ms / 3_600_000} h`;
}

function sum(record: Readonly<Record<string, number>>): number {
  return Object.values(record).reduce((total, n) => total + n, 0);
}

function list(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record).filter(([, n]) => n > 0);
  return entries.length === 0 ? 'none' : entries.map(([name, n]) => `${name} ${n}`).join(' · ');
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** JSON inside a `<script>` element: `<` escaped, so no `</script>` or `<!--` in the data ends it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}
