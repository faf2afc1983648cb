// The handler of `idle` (schedules.flow:43). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { idle, type IdleHandler, type Tick } from '../generated/flow.js';

// `tick` is the input of the schedule that invokes it.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
export const handler: IdleHandler = idle.onInvoke(async (tick: Tick) => {
  throw new Error(`idle is not implemented yet (handlers/idle.ts): ${JSON.stringify(tick)}`);
});
