// The handler of `beat` (schedules.flow:40). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { beat, type BeatHandler, type Tick } from '../generated/flow.js';

// `tick` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail the whole batch: every message in it comes back after the visibility timeout.
export const handler: BeatHandler = beat.eachMessage(async (tick: Tick) => {
  throw new Error(`beat is not implemented yet (handlers/beat.ts): ${JSON.stringify(tick)}`);
});
