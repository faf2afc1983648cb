// The handler of `escalate` (telemetry.flow:21). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { escalate, type EscalateHandler, type EscalateInput } from '../generated/flow.js';

// `failure` is the `detail` of one event; return the function's result.
// Throw to fail the invocation: Lambda retries it, then gives up (to the failure destination, if any).
export const handler: EscalateHandler = escalate.onEvent(async (failure: EscalateInput) => {
  const reason = failure.responsePayload?.errorMessage ?? failure.requestContext.condition;
  console.log(`escalating to the duty manager after ${failure.requestContext.approximateInvokeCount} paging attempts: ${reason}`);
});
