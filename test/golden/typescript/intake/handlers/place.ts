// The handler of `place` (intake.flow:30). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { place, type Order, type PlaceHandler } from '../generated/flow.js';

// `order` is the request's JSON body (the query string on GET, HEAD and OPTIONS), checked against its type; the second parameter has `params`, `query` and `headers`.
// Return the response body (200), `place.respond(status, body, { headers })`, or `httpError(status, message)` from flowc/runtime.
// Throw to answer 500 (API Gateway: "Internal Server Error"); a request whose input does not fit the type was answered 400 before this runs.
// It sends with:
// - `place.sends.orders.put(…)` (table `orders`)
// - `place.sends.placed.publish(…)` (topic `placed`)
export const handler: PlaceHandler = place.onRequest(async (order: Order) => {
  throw new Error(`place is not implemented yet (handlers/place.ts): ${JSON.stringify(order)}`);
});
