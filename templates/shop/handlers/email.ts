// The handler of `email` (shop.flow:12).
// flowc created the first version of this file; it is yours now. Its types come from the
// generated module, which every `flowc build` rewrites, so after a change to the flow `tsc`
// points at the code here that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { email, type EmailHandler, type EmailInput } from '../generated/flow.js';

// One message of an SQS batch: the success record of `charge`, whose result is the receipt.
export const handler: EmailHandler = email.eachMessage(async (success: EmailInput) => {
  const receipt = success.responsePayload;
  console.log(`emailed the receipt for order ${receipt.order}: charged ${receipt.charged}`);
});
