// The handler of `escalate` (telemetry.flow:21). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { escalate, type EscalateHandler, type EscalateInput } from '../generated/flow.js';

// `failure` is the `detail` of one event.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
export const handler: EscalateHandler = escalate.onEvent(async (failure: EscalateInput) => {
  throw new Error(`escalate is not implemented yet (handlers/escalate.ts): ${JSON.stringify(failure)}`);
});
