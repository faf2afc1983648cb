// The handler of `notify` (intake.flow:37). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { notify, type NotifyHandler, type Order } from '../generated/flow.js';

// `order` is the decoded message of one notification.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
export const handler: NotifyHandler = notify.onMessage(async (order: Order) => {
  throw new Error(`notify is not implemented yet (handlers/notify.ts): ${JSON.stringify(order)}`);
});
