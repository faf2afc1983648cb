// The handler of `both` (kitchen-sink.flow:24). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { both, type BothHandler, type Order } from '../generated/flow.js';

export const handler: BothHandler = both.route({
  // `order` is one decoded message body; the messages of a batch come one at a time, in order.
  // Throw to fail a message: it comes back after the visibility timeout; the others are done.
  sqs: both.sqs.eachMessage(async (order: Order) => {
    throw new Error(`both is not implemented yet (handlers/both.ts): ${JSON.stringify(order)}`);
  }),
  // `order` is the decoded message of one notification.
  // Throw to fail the invocation: Lambda retries it twice, then drops the event.
  sns: both.sns.onMessage(async (order: Order) => {
    throw new Error(`both is not implemented yet (handlers/both.ts): ${JSON.stringify(order)}`);
  }),
});
