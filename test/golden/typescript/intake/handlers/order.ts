// The handler of `order` (intake.flow:31). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { order, type OrderHandler, type OrderInput } from '../generated/flow.js';

// `payload` is the request's JSON body (the query string on GET, HEAD and OPTIONS), checked against its type; the second parameter has `params`, `query` and `headers`.
// Return the response body (200), `order.respond(status, body, { headers })`, or `httpError(status, message)` from flowc/runtime.
// Throw to answer 500 (API Gateway: "Internal Server Error"); a request whose input does not fit the type was answered 400 before this runs.
// It sends with:
// - `order.sends.orders.put(…)` (table `orders`)
export const handler: OrderHandler = order.onRequest(async (payload: OrderInput) => {
  throw new Error(`order is not implemented yet (handlers/order.ts): ${JSON.stringify(payload)}`);
});
