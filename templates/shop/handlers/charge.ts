// The handler of `charge` (shop.flow:11).
// flowc created the first version of this file; it is yours now. Its types come from the
// generated module, which every `flowc build` rewrites, so after a change to the flow `tsc`
// points at the code here that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { charge, type ChargeHandler, type Order, type Receipt } from '../generated/flow.js';

/** Orders above this are declined by the (pretend) card processor. */
const CARD_LIMIT = 1000;

// One SNS notification: `order` is its decoded message. The receipt goes to `receipts`;
// a charge that throws is retried once, then its failure record goes to `audit`.
export const handler: ChargeHandler = charge.onMessage(async (order: Order): Promise<Receipt> => {
  if (order.total > CARD_LIMIT) throw new Error(`card declined for order ${order.id}: ${order.total} is over the limit of ${CARD_LIMIT}`);
  console.log(`charged ${order.customer} ${order.total} for order ${order.id}`);
  return { order: order.id, charged: order.total };
});
