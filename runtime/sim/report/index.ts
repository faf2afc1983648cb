/**
 * The simulation report (`flowc sim --report FILE.html`): `recordInvocations` keeps what the
 * simulator says of each invocation, `buildTimeline` lays them and the trace out on the virtual time axis, and
 * `renderReportHtml` makes the page.
 */
export { type ObservedInvocation, recordInvocations } from './calls.js';
export { renderReportHtml, type ReportInput } from './html.js';
export { buildTimeline, type Timeline } from './timeline.js';
