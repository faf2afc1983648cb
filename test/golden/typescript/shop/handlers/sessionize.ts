// The handler of `sessionize` (shop.flow:30). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { sessionize, type Click, type SessionizeHandler } from '../generated/flow.js';

// `click` is one decoded record; the records of a batch come one at a time, in shard order.
// Throw to fail the whole batch: Lambda retries it, holding up the shard.
export const handler: SessionizeHandler = sessionize.eachRecord(async (click: Click) => {
  throw new Error(`sessionize is not implemented yet (handlers/sessionize.ts): ${JSON.stringify(click)}`);
});
