// The handler of `enveloped` (kitchen-sink.flow:28). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { enveloped, type EnvelopedHandler, type EnvelopedInput } from '../generated/flow.js';

// `notification` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail the whole batch: every message in it comes back after the visibility timeout.
export const handler: EnvelopedHandler = enveloped.eachMessage(async (notification: EnvelopedInput) => {
  throw new Error(`enveloped is not implemented yet (handlers/enveloped.ts): ${JSON.stringify(notification)}`);
});
