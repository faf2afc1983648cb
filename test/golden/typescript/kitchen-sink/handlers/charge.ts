// The handler of `charge` (kitchen-sink.flow:23). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
import { charge, type Audit, type Charge_Handler, type Order } from '../generated/flow.js';

// `order` is the decoded message of one notification; return the function's result.
// Throw to fail the invocation: Lambda does not retry it and sends its failure record to `ops`.
// Its result goes to `after` (success destination).
// It sends with:
// - `charge.sends.changes.put(…)` (stream `changes`)
// - `charge.sends.events.put(…)` (bus `events`)
// - `charge.sends.keyed.put(…)` (stream `keyed`)
// - `charge.sends.ledger.put(…)` (table `ledger`)
// - `charge.sends.retry_fifo.send(…)` (queue `retry_fifo`)
export const handler: Charge_Handler = charge.onMessage(async (order: Order): Promise<Audit> => {
  throw new Error(`charge is not implemented yet (handlers/charge.ts): ${JSON.stringify(order)}`);
});
