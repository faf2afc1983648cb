// The handler of `send_digest` (schedules.flow:42). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { send_digest, type Digest, type SendDigestHandler } from '../generated/flow.js';

// `digest` is the `detail` of one event `weekly` put on `digests`.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
export const handler: SendDigestHandler = send_digest.onEvent(async (digest: Digest) => {
  console.log(`sending the ${digest.kind} digest to ${digest.recipients.join(', ')}`);
});
