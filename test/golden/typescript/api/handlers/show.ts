// The handler of `show` (api.flow:19). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { show, type OrderQuery, type ShowHandler } from '../generated/flow.js';

// `orderQuery` is the request's JSON body (the query string on GET, HEAD and OPTIONS), checked against its type; the second parameter has `params`, `query` and `headers`.
// Return the response body (200), `show.respond(status, body, { headers })`, or `httpError(status, message)` from flowc/runtime.
// Throw to answer 500 (API Gateway: "Internal Server Error"); a request whose input does not fit the type was answered 400 before this runs.
// It sends with:
// - `show.sends.orders.put(…)` (table `orders`)
export const handler: ShowHandler = show.onRequest(async (orderQuery: OrderQuery) => {
  throw new Error(`show is not implemented yet (handlers/show.ts): ${JSON.stringify(orderQuery)}`);
});
