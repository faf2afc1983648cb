// The handler of `record` (telemetry.flow:22). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { record, type RecordHandler, type RecordInput } from '../generated/flow.js';

// `success` is the `detail` of one event.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
export const handler: RecordHandler = record.onEvent(async (success: RecordInput) => {
  throw new Error(`record is not implemented yet (handlers/record.ts): ${JSON.stringify(success)}`);
});
