// The handler of `ingest` (intake.flow:32). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { ingest, type IngestHandler } from '../generated/flow.js';

// `objects` are the objects of one S3 event, keys decoded (`key`, `size`, `eventName`).
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
// It sends with:
// - `ingest.sends.imports.put(…)` (bucket `imports`)
// - `ingest.sends.orders.put(…)` (table `orders`)
// - `ingest.sends.placed.publish(…)` (topic `placed`)
export const handler: IngestHandler = ingest.onEvent(async (objects) => {
  throw new Error(`ingest is not implemented yet (handlers/ingest.ts): ${JSON.stringify(objects)}`);
});
