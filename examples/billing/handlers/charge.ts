// The handler of `charge` (billing.flow:22). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { charge, type ChargeHandler, type Payment } from '../generated/flow.js';

/** What a charge did: the first run's answer, which a redelivery gets back instead of charging again. */
interface Charged {
  payment: string;
  customer: string;
  balance: number;
}

// A payment is known by its id. A request that reuses an id with another amount is refused
// (IdempotencyValidationError) rather than answered with the first charge; it ends up in
// `payments_dead` after its receives. Records are kept a day (the table's TTL deletes them).
const once = charge.idempotency({ key: ['id'], ttlSeconds: 24 * 3600 });

export const handler: ChargeHandler = charge.eachMessage(
  async (payment: Payment, { context }) => {
    const charged = await once.onceFor(payment, () => debit(payment), { context });
    console.log(`charged ${charged.payment}: ${charged.customer} now has ${charged.balance}`);
  },
  // A standard queue: the messages of a batch may run side by side. Two deliveries of one
  // payment in one batch then meet at the key: the second fails as in progress and comes back
  // after the visibility timeout, when it gets the first one's answer.
  { concurrency: 4 },
);

/** The side effect that must not repeat: one conditional update, so it happens whole or not at all. */
async function debit(payment: Payment): Promise<Charged> {
  // The (pretend) payment provider, at the URL of an SSM parameter, with the key of a secret.
  if (charge.env.PSP_KEY === '') throw new Error(`no API key for ${charge.env.PSP_URL}`);
  const account = await charge.sends.accounts.update({ customer: payment.customer }, { add: { balance: -payment.amount, charges: 1 } });
  if (account === undefined) throw new Error(`no account for ${payment.customer}`);
  return { payment: payment.id, customer: payment.customer, balance: account.balance };
}
