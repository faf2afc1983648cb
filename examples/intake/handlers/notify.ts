// The handler of `notify` (intake.flow:30). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { notify, type NotifyHandler, type Order } from '../generated/flow.js';

// The subscription's filter passes only customers whose id starts with `vip-`: SNS does not
// deliver the others to this function at all.
export const handler: NotifyHandler = notify.onMessage(async (order: Order) => {
  console.log(`VIP order ${order.id} of ${order.customer}: ${order.total.toFixed(2)}`);
});
