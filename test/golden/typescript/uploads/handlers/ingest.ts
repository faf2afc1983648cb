// The handler of `ingest` (uploads.flow:13). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { ingest, type IngestHandler, type Summary } from '../generated/flow.js';

// `objects` are the objects of one S3 event, keys decoded (`key`, `size`, `eventName`); return the function's result.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
// Its result goes to `summaries` (success destination).
// It sends with:
// - `ingest.sends.files.put(…)` (bucket `files`)
export const handler: IngestHandler = ingest.onEvent(async (objects): Promise<Summary> => {
  throw new Error(`ingest is not implemented yet (handlers/ingest.ts): ${JSON.stringify(objects)}`);
});
