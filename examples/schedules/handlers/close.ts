// The handler of `close` (schedules.flow:41). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { close, type Close, type CloseHandler } from '../generated/flow.js';

// `closing` is the decoded message of one notification from `closings`.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
export const handler: CloseHandler = close.onMessage(async (closing: Close) => {
  console.log(`closing the ${closing.period} for ${closing.region}`);
});
