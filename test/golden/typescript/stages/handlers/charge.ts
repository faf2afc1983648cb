// The handler of `charge` (stages.flow:9). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { charge, type ChargeHandler, type Order, type Receipt } from '../generated/flow.js';

// `order` is the decoded message of one notification; return the function's result.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
// Its result goes to `receipts` (success destination).
export const handler: ChargeHandler = charge.onMessage(async (order: Order): Promise<Receipt> => {
  throw new Error(`charge is not implemented yet (handlers/charge.ts): ${JSON.stringify(order)}`);
});
