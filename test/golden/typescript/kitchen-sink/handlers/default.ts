// The handler of `default` (kitchen-sink.flow:30). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { default_, type Change, type DefaultHandler } from '../generated/flow.js';

// `change` is the `detail` of one event.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
export const handler: DefaultHandler = default_.onEvent(async (change: Change) => {
  throw new Error(`default is not implemented yet (handlers/default.ts): ${JSON.stringify(change)}`);
});
