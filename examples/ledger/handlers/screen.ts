// The handler of `screen` (ledger.flow:36). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { screen, type ScreenHandler, type Transfer } from '../generated/flow.js';

// `transfer` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail the whole batch: every message in it comes back after the visibility timeout.
/** Transfers at or above this (in minor units) are flagged for a person to look at. */
const REVIEW_THRESHOLD = 1_000_000;

export const handler: ScreenHandler = screen.eachMessage(async (transfer: Transfer) => {
  // Screening needs no order, so it reads a standard queue in batches of up to 50.
  if (Math.abs(transfer.amount) >= REVIEW_THRESHOLD) console.log(`flagged ${transfer.id} for review: ${transfer.amount} ${transfer.currency}`);
});
