// The handler of `statement` (ledger.flow:37). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { statement, type StatementHandler } from '../generated/flow.js';

// `change` is one item change (`newImage`, `oldImage`, decoded as the stream view allows), in order.
// Throw to fail the whole batch: Lambda retries it, holding up the shard.
export const handler: StatementHandler = statement.eachChange(async (change) => {
  throw new Error(`statement is not implemented yet (handlers/statement.ts): ${JSON.stringify(change)}`);
});
