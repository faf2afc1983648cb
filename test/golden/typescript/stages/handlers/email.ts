// The handler of `email` (stages.flow:10). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { email, type EmailHandler, type EmailInput } from '../generated/flow.js';

// `success` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail the whole batch: every message in it comes back after the visibility timeout.
export const handler: EmailHandler = email.eachMessage(async (success: EmailInput) => {
  throw new Error(`email is not implemented yet (handlers/email.ts): ${JSON.stringify(success)}`);
});
