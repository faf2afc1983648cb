// The handler of `count` (clicks.flow:11).
// flowc created the first version of this file; it is yours now. Its types come from the
// generated module, which every `flowc build` rewrites, so after a change to the flow `tsc`
// points at the code here that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { count, type Click, type CountHandler } from '../generated/flow.js';

// One Kinesis record of a batch, in shard order. Throwing fails the batch: Lambda splits it
// (bisect) and retries it 3 times, then describes it in `clicks_failed` and moves on.
export const handler: CountHandler = count.eachRecord(async (click: Click) => {
  if (!click.page.startsWith('/')) throw new Error(`not a page path: ${click.page}`);
  // `update` adds to an existing item and returns it; the first view of a page creates it.
  const views = await count.sends.pages.update({ page: click.page }, { add: { views: 1 } });
  if (views === undefined) await count.sends.pages.put({ page: click.page, views: 1 });
  console.log(`${click.page}: ${views?.views ?? 1} views`);
});
