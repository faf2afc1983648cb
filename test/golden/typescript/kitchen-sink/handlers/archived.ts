// The handler of `archived` (kitchen-sink.flow:29). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { archived, type ArchivedHandler, type ArchivedInput } from '../generated/flow.js';

// `event` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail the whole batch: every message in it comes back after the visibility timeout.
export const handler: ArchivedHandler = archived.eachMessage(async (event: ArchivedInput) => {
  throw new Error(`archived is not implemented yet (handlers/archived.ts): ${JSON.stringify(event)}`);
});
