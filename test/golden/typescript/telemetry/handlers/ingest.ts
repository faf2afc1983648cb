// The handler of `ingest` (telemetry.flow:18). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { ingest, type IngestHandler, type Reading } from '../generated/flow.js';

// `reading` is one decoded record; the records of a batch come one at a time, in shard order.
// Throw to fail a record: Lambda retries the batch from that record, holding up the shard.
// It sends with:
// - `ingest.sends.devices.put(…)` (table `devices`)
export const handler: IngestHandler = ingest.eachRecord(async (reading: Reading) => {
  throw new Error(`ingest is not implemented yet (handlers/ingest.ts): ${JSON.stringify(reading)}`);
});
