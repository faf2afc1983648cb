// The handler of `beat` (intake.flow:32). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { beat, type BeatHandler, type Tick } from '../generated/flow.js';

// `tick` is the constant input of `heartbeat`, typed by the schedule's type.
export const handler: BeatHandler = beat.onInvoke(async (tick: Tick) => {
  console.log(`alive: ${tick.source}`);
});
