// The handler of `refund` (shop.flow:28). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { type Order, refund, type RefundHandler, type RefundInput } from '../generated/flow.js';

// `failure` is the `detail` of one event; return the function's result.
// Throw to fail the invocation: Lambda retries it, then gives up (to the failure destination, if any).
export const handler: RefundHandler = refund.onEvent(async (failure: RefundInput) => {
  const order = orderOf(failure.requestPayload);
  const reason = failure.responsePayload?.errorMessage ?? failure.requestContext.condition;
  console.log(`refunding order ${order.id} of ${order.customer} after ${failure.requestContext.approximateInvokeCount} attempts: ${reason}`);
});

/**
 * The order `charge` was invoked with. Lambda's `requestPayload` is the event `charge`
 * received: `placed` is a topic, so on AWS that is the SNS notification around the order. The
 * generated type calls it the order itself, so both forms are read here.
 */
function orderOf(payload: unknown): Order {
  const records = (payload as { Records?: { Sns?: { Message?: string } }[] }).Records;
  const message = records?.[0]?.Sns?.Message;
  return (message === undefined ? payload : JSON.parse(message)) as Order;
}
