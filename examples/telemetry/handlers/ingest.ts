// The handler of `ingest` (telemetry.flow:18). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { ingest, type IngestHandler, type Reading } from '../generated/flow.js';

// It may send with `ingest.sends.devices.put(…)`.
// `reading` is one decoded record; the records of a batch come one at a time, in shard order.
// Throw to fail a record: Lambda retries the batch from that record, holding up the shard.
/** Above this temperature a device is in alarm. */
const ALARM_CELSIUS = 80;
/** What a broken sensor reports. */
const SENSOR_FAULT = -999;

export const handler: IngestHandler = ingest.eachRecord(async (reading: Reading) => {
  // A failing record is reported (report_failures): Lambda checkpoints before it and retries
  // from it, 5 times, then describes it in `readings_failed` and moves on.
  if (reading.value === SENSOR_FAULT) throw new Error(`sensor fault on ${reading.device} (${reading.sensor})`);
  const site = reading.device.split('.')[0] ?? reading.device;
  const status = reading.sensor === 'temperature' && reading.value > ALARM_CELSIUS ? 'alarm' : 'ok';
  await ingest.sends.devices.put({ id: reading.device, site, status, last_seen: reading.at });
});
