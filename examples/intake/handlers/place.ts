// The handler of `place` (intake.flow:25). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { place, type Order, type PlaceHandler } from '../generated/flow.js';

// `order` is the request's JSON body, checked against `Order`: a body that does not fit was
// answered 400 before this runs. The order is recorded, announced on `placed` and answered
// 202 Accepted with where to read it back.
export const handler: PlaceHandler = place.onRequest(async (order: Order) => {
  await place.sends.orders.put(order);
  await place.sends.placed.publish(order);
  return place.respond(202, { id: order.id, status: 'accepted' }, { headers: { location: `/orders/${order.id}` } });
});
