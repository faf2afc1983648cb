// The handler of `refund` (billing.flow:29). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { refund, type Payment, type RefundHandler } from '../generated/flow.js';

// `refund` keeps its records in the same table as `charge`, under its own prefix
// (`billing.refund#…`), so refunding payment p2 is not mistaken for having charged it.
const once = refund.idempotency({ key: ['id'] });

export const handler: RefundHandler = refund.onMessage(async (payment: Payment, { context }) => {
  const balance = await once.onceFor(
    payment,
    async () => {
      const account = await refund.sends.accounts.update({ customer: payment.customer }, { add: { balance: payment.amount, refunds: 1 } });
      if (account === undefined) throw new Error(`no account for ${payment.customer}`);
      return account.balance;
    },
    { context },
  );
  console.log(`refunded ${payment.id}: ${payment.customer} now has ${balance}`);
});
