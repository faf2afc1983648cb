// The handler of `charge` (stages.flow:9). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits. The same code runs on every stage: what differs between `dev` and
// `prod` (memory, concurrency, retries) is in the stage blocks of stages.flow.
import { charge, type ChargeHandler, type Order, type Receipt } from '../generated/flow.js';

// `order` is the decoded message of one notification; its result goes to `receipts`
// (success destination). Throwing fails the invocation: Lambda retries it as `retries` says.
export const handler: ChargeHandler = charge.onMessage(async (order: Order): Promise<Receipt> => {
  if (order.total <= 0) throw new Error(`order ${order.id}: nothing to charge`);
  return { order: order.id, charged: order.total };
});
