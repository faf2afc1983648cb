// The handler of `place` (api.flow:17). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { place, type Order, type PlaceHandler } from '../generated/flow.js';

// `order` is the request's JSON body, checked against `Order`: a body that does not fit was
// answered 400 before this runs. The order is recorded, queued for charging, and answered
// 202 Accepted with where to read it.
export const handler: PlaceHandler = place.onRequest(async (order: Order) => {
  await place.sends.orders.put({ id: order.id, customer: order.customer, status: 'accepted', items: order.items });
  await place.sends.to_charge.send(order);
  return place.respond(202, { id: order.id, status: 'accepted' }, { headers: { location: `/orders/${order.id}` } });
});
