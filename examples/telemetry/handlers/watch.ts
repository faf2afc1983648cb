// The handler of `watch` (telemetry.flow:19). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { watch, type WatchHandler } from '../generated/flow.js';

// It may send with `watch.sends.alerts.publish(…)`.
// `change` is one item change (`newImage`, `oldImage`, decoded as the stream view allows), in order.
// Throw to fail the whole batch: Lambda retries it, holding up the shard.
export const handler: WatchHandler = watch.eachChange(async (change) => {
  const device = change.newImage;
  // Alert once, when a device goes into alarm (not on every reading while it stays there).
  if (device === undefined || device.status !== 'alarm' || change.oldImage?.status === 'alarm') return;
  await watch.sends.alerts.publish({ device: device.id, site: device.site, reason: 'temperature above 80 °C', at: device.last_seen });
  console.log(`alert raised for ${device.id} at ${device.site}`);
});
