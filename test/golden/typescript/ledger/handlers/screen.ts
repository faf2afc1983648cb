// The handler of `screen` (ledger.flow:36). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { screen, type ScreenHandler, type Transfer } from '../generated/flow.js';

// `transfer` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail the whole batch: every message in it comes back after the visibility timeout.
export const handler: ScreenHandler = screen.eachMessage(async (transfer: Transfer) => {
  throw new Error(`screen is not implemented yet (handlers/screen.ts): ${JSON.stringify(transfer)}`);
});
