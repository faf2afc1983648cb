// The handler of `refund` (shop.flow:13).
// flowc created the first version of this file; it is yours now. Its types come from the
// generated module, which every `flowc build` rewrites, so after a change to the flow `tsc`
// points at the code here that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { decodeJson } from 'flowc/runtime';
import { refund, type RefundHandler, type RefundInput } from '../generated/flow.js';

// One EventBridge event: its detail is the failure record of `charge`.
export const handler: RefundHandler = refund.onEvent(async (failure: RefundInput) => {
  // `requestPayload` is the event `charge` was invoked with: the SNS notification of the order.
  // Through a bus, Lambda drops it from a record above 256 KB: then there is nothing to refund.
  const notification = failure.requestPayload?.Records[0];
  if (notification === undefined) throw new Error('the failure record carries no notification (dropped above 256 KB)');
  const order = decodeJson(notification.Sns.Message, 'the order of the failed charge');
  const reason = failure.responsePayload?.errorMessage ?? failure.requestContext.condition;
  console.log(`refunding order ${order.id} of ${order.customer}: ${reason}`);
});
