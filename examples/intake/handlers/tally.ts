// The handler of `tally` (intake.flow:29). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { tally, type Order, type TallyHandler } from '../generated/flow.js';

// Every placed order adds to its day's count and revenue: the day is the UTC date the
// notification was published on. The client's update changes only an item that exists, so
// the day's first order creates it; `tally` runs one at a time, so two first orders cannot race.
export const handler: TallyHandler = tally.onMessage(async (order: Order, { record }) => {
  const day = record.Sns.Timestamp.slice(0, 10);
  const updated = await tally.sends.days.update({ day }, { add: { orders: 1, revenue: order.total } });
  if (updated === undefined) await tally.sends.days.put({ day, orders: 1, revenue: order.total });
});
