// The handler of `email` (stages.flow:10). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { email, type EmailHandler, type EmailInput } from '../generated/flow.js';

// `success` is one decoded message body: the success record of `charge`, whose result is the
// receipt. The messages of a batch come one at a time, in order.
export const handler: EmailHandler = email.eachMessage(async (success: EmailInput) => {
  const receipt = success.responsePayload;
  console.log(`emailed the receipt for order ${receipt.order}: charged ${receipt.charged}`);
});
