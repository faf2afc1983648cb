// The handler of `refund` (billing.flow:29). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { refund, type Payment, type RefundHandler } from '../generated/flow.js';

// `payment` is the decoded message of one notification.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
// It sends with:
// - `refund.sends.accounts.put(…)` (table `accounts`)
// Its idempotency records go to table `seen`: `const once = refund.idempotency({ key: […] })`,
// then `once.onceFor(payload, work, { context })` runs `work` once per key (docs/runtime.md).
export const handler: RefundHandler = refund.onMessage(async (payment: Payment) => {
  throw new Error(`refund is not implemented yet (handlers/refund.ts): ${JSON.stringify(payment)}`);
});
