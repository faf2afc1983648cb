// The handler of `record` (telemetry.flow:22). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { record, type RecordHandler, type RecordInput } from '../generated/flow.js';

// `success` is the `detail` of one event; return the function's result.
// Throw to fail the invocation: Lambda retries it, then gives up (to the failure destination, if any).
export const handler: RecordHandler = record.onEvent(async (success: RecordInput) => {
  // Through a bus, Lambda drops the payloads of a record above 256 KB.
  const paged = success.responsePayload;
  if (paged === undefined) console.log('paged (the record was too large to say who)');
  else console.log(`paged ${paged.on_call} by ${paged.channel}: ${paged.alert}`);
});
