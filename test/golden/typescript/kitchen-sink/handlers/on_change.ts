// The handler of `on_change` (kitchen-sink.flow:27). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { on_change, type Change, type OnChangeHandler } from '../generated/flow.js';

// `change` is the `detail` of one event.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
export const handler: OnChangeHandler = on_change.onEvent(async (change: Change) => {
  throw new Error(`on_change is not implemented yet (handlers/on_change.ts): ${JSON.stringify(change)}`);
});
