// The handler of `report` (intake.flow:38). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { report, type ReportHandler, type ReportInput } from '../generated/flow.js';

// `payload` is the input of the schedule that invokes it.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
// It sends with:
// - `report.sends.days.put(…)` (table `days`)
// - `report.sends.imports.put(…)` (bucket `imports`)
export const handler: ReportHandler = report.onInvoke(async (payload: ReportInput) => {
  throw new Error(`report is not implemented yet (handlers/report.ts): ${JSON.stringify(payload)}`);
});
