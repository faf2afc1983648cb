// The handler of `order` (intake.flow:26). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { httpError } from 'flowc/runtime';
import { order, type OrderHandler } from '../generated/flow.js';

// A GET has no body; the order's id is the path parameter `params.id` of `GET /orders/{id}`.
export const handler: OrderHandler = order.onRequest(async (_query, { params }) => {
  const found = await order.sends.orders.get({ id: params.id });
  return found ?? httpError(404, `no order ${params.id}`);
});
