// The handler of `reindex` (shop.flow:31). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { reindex, type ReindexHandler } from '../generated/flow.js';

// `change` is one item change (`newImage`, `oldImage`, decoded as the stream view allows), in order.
// Throw to fail the whole batch: Lambda retries it, holding up the shard.
export const handler: ReindexHandler = reindex.eachChange(async (change) => {
  throw new Error(`reindex is not implemented yet (handlers/reindex.ts): ${JSON.stringify(change)}`);
});
