// The handler of `send_digest` (schedules.flow:42). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { send_digest, type Digest, type SendDigestHandler } from '../generated/flow.js';

// `digest` is the `detail` of one event.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
export const handler: SendDigestHandler = send_digest.onEvent(async (digest: Digest) => {
  throw new Error(`send_digest is not implemented yet (handlers/send_digest.ts): ${JSON.stringify(digest)}`);
});
