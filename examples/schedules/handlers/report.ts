// The handler of `report` (schedules.flow:39). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { report, type ReportHandler, type ReportInput } from '../generated/flow.js';

// `nightly` has no type: Scheduler fills in its context attributes (docs/language.md, "schedule").
// Throw to fail the invocation: Lambda retries it twice, then sends its failure record to `failed_reports`.
export const handler: ReportHandler = report.onInvoke(async (event: ReportInput) => {
  console.log(`nightly report for ${event.scheduledTime} (${event.schedule.split('/').pop() ?? event.schedule}, attempt ${event.attempt})`);
});
