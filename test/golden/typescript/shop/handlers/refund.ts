// The handler of `refund` (shop.flow:28). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { refund, type RefundHandler, type RefundInput } from '../generated/flow.js';

// `failure` is the `detail` of one event.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
export const handler: RefundHandler = refund.onEvent(async (failure: RefundInput) => {
  throw new Error(`refund is not implemented yet (handlers/refund.ts): ${JSON.stringify(failure)}`);
});
