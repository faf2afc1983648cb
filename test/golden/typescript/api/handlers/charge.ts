// The handler of `charge` (api.flow:20). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { charge, type ChargeHandler, type Order } from '../generated/flow.js';

// `order` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail the whole batch: every message in it comes back after the visibility timeout.
// It sends with:
// - `charge.sends.orders.put(…)` (table `orders`)
export const handler: ChargeHandler = charge.eachMessage(async (order: Order) => {
  throw new Error(`charge is not implemented yet (handlers/charge.ts): ${JSON.stringify(order)}`);
});
