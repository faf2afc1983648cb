// The handler of `ingest` (uploads.flow:13). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { ingest, type IngestHandler, type Summary } from '../generated/flow.js';

// `objects` are the objects of one S3 event, keys decoded (`key`, `size`, `eventName`); return the function's result.
// Throw to fail the invocation: Lambda retries it twice, then drops the event.
// Its result goes to `summaries` (success destination).
export const handler: IngestHandler = ingest.onEvent(async (objects): Promise<Summary> => {
  const [object] = objects;
  if (object === undefined) throw new Error('an S3 event without a record');
  const file = await ingest.sends.files.get(object.key);
  // The object can be gone by the time the event arrives (S3 notifies at least once, maybe late).
  if (file === undefined) return { key: object.key, rows: 0 };
  const lines = file.text().split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) throw new Error(`${object.key} is empty: not even a header`);
  const summary: Summary = { key: object.key, rows: lines.length - 1 };
  // Under `summaries/`, outside the edge's `incoming/` prefix: this write notifies nothing.
  const name = object.key.slice('incoming/'.length).replace(/\.csv$/, '.json');
  await ingest.sends.files.put(`summaries/${name}`, JSON.stringify(summary), { contentType: 'application/json' });
  console.log(`${object.key}: ${summary.rows} rows`);
  return summary;
});
