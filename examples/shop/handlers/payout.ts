// The handler of `payout` (shop.flow:29). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { payout, type PayoutHandler, type Receipt } from '../generated/flow.js';

// `receipt` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail the whole batch: every message in it comes back after the visibility timeout.
export const handler: PayoutHandler = payout.eachMessage(async (receipt: Receipt) => {
  // A FIFO queue grouped by order and deduplicated by content: the same receipt sent twice
  // within 5 minutes is paid out once.
  console.log(`paid out ${receipt.charged} for order ${receipt.order}`);
});
