// The handler of `fulfil` (intake.flow:28). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { fulfil, type FulfilHandler, type Order } from '../generated/flow.js';

// `order` is one message of the warehouse team's queue. The mapping's filter passes only orders
// over 100; Lambda deletes the others from the queue without invoking this function.
export const handler: FulfilHandler = fulfil.eachMessage(async (order: Order) => {
  await fulfil.sends.orders.put(order);
  await fulfil.sends.placed.publish(order);
});
