// The handler of `direct` (kitchen-sink.flow:25). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { direct, type Audit, type DirectHandler, type Order } from '../generated/flow.js';

// `order` is the input it is invoked with; return the function's result.
// Throw to fail the invocation.
// It sends with:
// - `direct.sends.placed.publish(…)` (topic `placed`)
// - `direct.sends.placed_fifo.publish(…)` (topic `placed_fifo`)
export const handler: DirectHandler = direct.onInvoke(async (order: Order): Promise<Audit> => {
  throw new Error(`direct is not implemented yet (handlers/direct.ts): ${JSON.stringify(order)}`);
});
