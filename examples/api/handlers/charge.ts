// The handler of `charge` (api.flow:20). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { charge, type ChargeHandler, type Order } from '../generated/flow.js';

// `order` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail the whole batch: every message in it comes back after the visibility timeout.
export const handler: ChargeHandler = charge.eachMessage(async (order: Order) => {
  const units = order.items.reduce((sum, item) => sum + item.quantity, 0);
  console.log(`charging ${order.customer} for ${units} units of order ${order.id}`);
  await charge.sends.orders.put({ id: order.id, customer: order.customer, status: 'charged', items: order.items });
});
