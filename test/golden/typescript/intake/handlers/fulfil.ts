// The handler of `fulfil` (intake.flow:33). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { fulfil, type FulfilHandler, type Order } from '../generated/flow.js';

// `order` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail the whole batch: every message in it comes back after the visibility timeout.
// It sends with:
// - `fulfil.sends.orders.put(…)` (table `orders`)
// - `fulfil.sends.placed.publish(…)` (topic `placed`)
export const handler: FulfilHandler = fulfil.eachMessage(async (order: Order) => {
  throw new Error(`fulfil is not implemented yet (handlers/fulfil.ts): ${JSON.stringify(order)}`);
});
