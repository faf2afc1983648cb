// The handler of `show` (api.flow:19). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { httpError } from 'flowc/runtime';
import { show, type OrderQuery, type ShowHandler } from '../generated/flow.js';

// A GET has no body: `query` is the query string (`?customer=…`), checked against
// `OrderQuery`; the order's id is the path parameter `params.id`.
export const handler: ShowHandler = show.onRequest(async (query: OrderQuery, { params }) => {
  const order = await show.sends.orders.get({ id: params.id });
  if (order === undefined) return httpError(404, `no order ${params.id}`);
  // `?customer=…` narrows the read: an order of another customer is not found either.
  if (query.customer !== undefined && order.customer !== query.customer) return httpError(404, `no order ${params.id} of ${query.customer}`);
  return order;
});
