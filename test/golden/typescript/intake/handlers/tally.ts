// The handler of `tally` (intake.flow:36). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { tally, type Order, type TallyHandler } from '../generated/flow.js';

// `order` is the decoded message of one notification.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
// It sends with:
// - `tally.sends.days.put(…)` (table `days`)
export const handler: TallyHandler = tally.onMessage(async (order: Order) => {
  throw new Error(`tally is not implemented yet (handlers/tally.ts): ${JSON.stringify(order)}`);
});
