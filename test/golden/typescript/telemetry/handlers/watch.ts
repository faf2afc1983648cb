// The handler of `watch` (telemetry.flow:19). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { watch, type WatchHandler } from '../generated/flow.js';

// `change` is one item change (`newImage`, `oldImage`, decoded as the stream view allows), in order.
// Throw to fail the whole batch: Lambda retries it, holding up the shard.
// It sends with:
// - `watch.sends.alerts.publish(…)` (topic `alerts`)
export const handler: WatchHandler = watch.eachChange(async (change) => {
  throw new Error(`watch is not implemented yet (handlers/watch.ts): ${JSON.stringify(change)}`);
});
