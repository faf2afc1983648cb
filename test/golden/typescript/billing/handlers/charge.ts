// The handler of `charge` (billing.flow:22). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { charge, type ChargeHandler, type Payment } from '../generated/flow.js';

// `payment` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail a message: it comes back after the visibility timeout; the others are done.
// It sends with:
// - `charge.sends.accounts.put(…)` (table `accounts`)
// Its idempotency records go to table `seen`: `const once = charge.idempotency({ key: […] })`,
// then `once.onceFor(payload, work, { context })` runs `work` once per key (docs/runtime.md).
export const handler: ChargeHandler = charge.eachMessage(async (payment: Payment) => {
  throw new Error(`charge is not implemented yet (handlers/charge.ts): ${JSON.stringify(payment)}`);
});
