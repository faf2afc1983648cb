// The handler of `report` (intake.flow:31). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { report, type ReportHandler, type ReportInput } from '../generated/flow.js';

// `nightly` has no type: Scheduler fills in its context attributes. At 03:00 Berlin time the
// report covers the UTC day before, written under `reports/`, outside the `in/` prefix that
// notifies `ingest`.
export const handler: ReportHandler = report.onInvoke(async (event: ReportInput) => {
  const yesterday = new Date(Date.parse(event.scheduledTime) - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const totals = (await report.sends.days.get({ day: yesterday })) ?? { day: yesterday, orders: 0, revenue: 0 };
  await report.sends.imports.put(`reports/${yesterday}.json`, JSON.stringify(totals), { contentType: 'application/json' });
  console.log(`report for ${yesterday}: ${totals.orders} orders, ${totals.revenue.toFixed(2)}`);
});
