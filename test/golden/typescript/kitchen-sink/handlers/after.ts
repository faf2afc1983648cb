// The handler of `after` (kitchen-sink.flow:26). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { after, type AfterHandler, type AfterInput } from '../generated/flow.js';

// `success` is the record Lambda delivered.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
export const handler: AfterHandler = after.onInvoke(async (success: AfterInput) => {
  throw new Error(`after is not implemented yet (handlers/after.ts): ${JSON.stringify(success)}`);
});
