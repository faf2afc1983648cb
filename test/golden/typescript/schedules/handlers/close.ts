// The handler of `close` (schedules.flow:41). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { close, type Close, type CloseHandler } from '../generated/flow.js';

// `payload` is the decoded message of one notification.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
export const handler: CloseHandler = close.onMessage(async (payload: Close) => {
  throw new Error(`close is not implemented yet (handlers/close.ts): ${JSON.stringify(payload)}`);
});
