// The handler of `report` (schedules.flow:39). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { report, type ReportHandler, type ReportInput } from '../generated/flow.js';

// `payload` is the input of the schedule that invokes it.
// Throw to fail the invocation: Lambda retries it twice, then sends its failure record to `failed_reports`.
export const handler: ReportHandler = report.onInvoke(async (payload: ReportInput) => {
  throw new Error(`report is not implemented yet (handlers/report.ts): ${JSON.stringify(payload)}`);
});
