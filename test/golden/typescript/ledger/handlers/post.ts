// The handler of `post` (ledger.flow:35). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { post, type PostHandler, type Transfer } from '../generated/flow.js';

// `transfer` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail a message: it and every later message of the batch come back after the visibility timeout, in order.
// It sends with:
// - `post.sends.balances.put(…)` (table `balances`)
export const handler: PostHandler = post.eachMessage(async (transfer: Transfer) => {
  throw new Error(`post is not implemented yet (handlers/post.ts): ${JSON.stringify(transfer)}`);
});
