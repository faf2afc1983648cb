// The handler of `post` (ledger.flow:35). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { type Balance, post, type PostHandler, type Transfer } from '../generated/flow.js';

// It may send with `post.sends.balances.put(…)`.
// `transfer` is one decoded message body; the messages of a batch come one at a time, in order.
// Throw to fail a message: it and every later message of the batch come back after the visibility timeout, in order.
/** The item that holds an account's newest balance, beside one item per posted transfer. */
const LATEST = 'latest';

export const handler: PostHandler = post.eachMessage(async (transfer: Transfer) => {
  const balances = post.sends.balances;
  const latest = await balances.get({ account: transfer.account, transfer: LATEST });
  const balance = (latest?.balance ?? 0) + transfer.amount;
  // Throwing reports this message and every later one of the batch as failed (FIFO order):
  // the account's later transfers wait behind it until it succeeds or reaches the DLQ.
  if (balance < 0) throw new Error(`insufficient funds: ${transfer.account} would go to ${balance} with ${transfer.id}`);
  const posted: Balance = { account: transfer.account, transfer: transfer.id, balance, currency: transfer.currency, at: transfer.at };
  await balances.put(posted);
  await balances.put({ ...posted, transfer: LATEST });
  console.log(`posted ${transfer.id}: ${transfer.account} ${transfer.amount > 0 ? '+' : ''}${transfer.amount} → ${balance} ${transfer.currency}`);
});
