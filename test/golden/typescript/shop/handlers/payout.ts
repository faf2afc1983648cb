// The handler of `payout` (shop.flow:29). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { payout, type PayoutHandler, type Receipt } from '../generated/flow.js';

// `receipt` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail the whole batch: every message in it comes back after the visibility timeout.
export const handler: PayoutHandler = payout.eachMessage(async (receipt: Receipt) => {
  throw new Error(`payout is not implemented yet (handlers/payout.ts): ${JSON.stringify(receipt)}`);
});
