// The handler of `sessionize` (shop.flow:30). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { sessionize, type Click, type SessionizeHandler } from '../generated/flow.js';

// `click` is one decoded record; the records of a batch come one at a time, in shard order.
// Throw to fail the whole batch: Lambda retries it, holding up the shard.
export const handler: SessionizeHandler = sessionize.eachRecord(async (click: Click) => {
  // A page the sessionizer cannot parse fails the batch: with `bisect`, Lambda halves the batch
  // until this one record is alone, retries it 3 times and sends its metadata to `clicks_dead`.
  if (click.page.includes('%')) throw new Error(`cannot parse page ${click.page} of session ${click.session}`);
  console.log(`session ${click.session}: ${click.page}`);
});
