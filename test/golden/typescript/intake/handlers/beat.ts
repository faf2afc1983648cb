// The handler of `beat` (intake.flow:39). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { beat, type BeatHandler, type Tick } from '../generated/flow.js';

// `tick` is the input of the schedule that invokes it.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
export const handler: BeatHandler = beat.onInvoke(async (tick: Tick) => {
  throw new Error(`beat is not implemented yet (handlers/beat.ts): ${JSON.stringify(tick)}`);
});
