/**
 * The simulation report (`flowc sim --report FILE.html`): `recordCalls` keeps what handlers got
 * and returned, `buildTimeline` lays the trace out on the virtual time axis, and
 * `renderReportHtml` makes the page.
 */
export { type HandlerCall, recordCalls } from './calls.js';
export { renderReportHtml, type ReportInput } from './html.js';
export { buildTimeline, type Timeline } from './timeline.js';
