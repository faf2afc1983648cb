// The handler of `charge` (shop.flow:26). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { charge, type ChargeHandler, type Order, type Receipt } from '../generated/flow.js';

// Its result goes to `receipts` (success destination).
// A failed invocation goes to `audit` after its retries (failure destination).
// `order` is the decoded message of one notification; return the function's result.
// Throw to fail the invocation: Lambda retries it, then gives up (to the failure destination, if any).
/** Orders above this are declined by the (pretend) card processor. */
const CARD_LIMIT = 1000;

export const handler: ChargeHandler = charge.onMessage(async (order: Order): Promise<Receipt> => {
  // The discount of the TENOFF coupon; other coupons are ignored.
  const discount = order.coupon === 'TENOFF' ? Math.round(order.total * 10) / 100 : 0;
  const amount = Math.round((order.total - discount) * 100) / 100;
  if (amount > CARD_LIMIT) throw new Error(`card declined for order ${order.id}: ${amount} is over the limit of ${CARD_LIMIT}`);
  console.log(`charged ${order.customer} ${amount} for order ${order.id}`);
  return { order: order.id, charged: amount };
});
