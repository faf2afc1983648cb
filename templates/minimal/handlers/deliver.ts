// The handler of `deliver` (hello.flow:11).
// flowc created the first version of this file; it is yours now. Its types come from the
// generated module, which every `flowc build` rewrites, so after a change to the flow `tsc`
// points at the code here that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { deliver, type DeliverHandler, type DeliverInput } from '../generated/flow.js';

// One message of an SQS batch: the success record of `greet`, whose result is the reply.
export const handler: DeliverHandler = deliver.eachMessage(async (success: DeliverInput) => {
  const reply = success.responsePayload;
  console.log(`to ${reply.to}: ${reply.text}`);
});
