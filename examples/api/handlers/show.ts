// The handler of `show` (api.flow:19). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { respond } from 'flowc/runtime';
import { show, type OrderQuery, type OrderView, type ShowHandler } from '../generated/flow.js';

// A GET has no body: `query` is the query string (`?customer=…`), checked against
// `OrderQuery`; the order's id is the path parameter `params.id`.
export const handler: ShowHandler = show.onRequest(async (query: OrderQuery, { params }) => {
  const order = await show.sends.orders.get({ id: params.id });
  if (order === undefined) return respond<OrderView | { message: string }>(404, { message: `no order ${params.id}` });
  void query;
  return order;
});
