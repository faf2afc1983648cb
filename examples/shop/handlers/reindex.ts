// The handler of `reindex` (shop.flow:31). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { reindex, type ReindexHandler } from '../generated/flow.js';

// `change` is one item change (`newImage`, `oldImage`, decoded as the stream view allows), in order.
// Throw to fail the whole batch: Lambda retries it, holding up the shard.
export const handler: ReindexHandler = reindex.eachChange(async (change) => {
  const before = change.oldImage?.count;
  const after = change.newImage?.count;
  const sku = change.newImage?.sku ?? change.oldImage?.sku ?? '?';
  console.log(`search index: ${sku} ${change.eventName.toLowerCase()} (stock ${before ?? '-'} → ${after ?? '-'})`);
});
