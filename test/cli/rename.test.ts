import { describe, expect, test } from 'vitest';
import { main } from '../../compiler/cli/main.js';
import { MemoryHost } from '../helpers/memory-host.js';

const FLOW = `app shop
type Order = { id: string, total: number }
queue orders: Order { dlq = orders_dead, max_receives = 5 }
queue orders_dead: Order
queue receipts: Order
fn charge(Order) { sends = [receipts] }
orders -> charge
`;

/** A handler with the user's own formatting, comments and a local name that merely looks like the flow's. */
const CHARGE = `// The handler of \`charge\` (shop.flow:6). flowc created this file once and never
import { charge, type ChargeHandler, type Order } from '../generated/flow.js';
import {   money } from './format.js' ;

// charge   stays in comments, and in strings: "charge"
const  local = { charge: 1, orders: 2 };
export const handler: ChargeHandler = charge.eachMessage(async (order: Order) => {
    await charge.sends.receipts.send(order);   // odd spacing kept
    console.log(money(order.total), local.charge, 'charge');
});
`;

function shop(): MemoryHost {
  return new MemoryHost('/work/shop').addFile('shop.flow', FLOW).addFile('handlers/charge.ts', CHARGE).addFile('handlers/format.ts', 'export const money = (n: number) => n.toFixed(2);\n');
}

describe('flowc rename', () => {
  test('fn: every use in the flow, the handler moved, its imported names renamed and nothing else changed', async () => {
    const host = shop();
    expect(await main(['rename', 'fn', 'charge', 'bill', 'shop.flow'], host), host.err).toBe(0);
    expect(host.text('shop.flow')).toBe(FLOW.replace('fn charge', 'fn bill').replace('-> charge', '-> bill'));
    expect(host.text('handlers/charge.ts')).toBeUndefined();
    const expected = CHARGE.replace('`charge`', '`bill`')
      .replace('import { charge, type ChargeHandler', 'import { bill, type BillHandler')
      .replace('handler: ChargeHandler = charge.eachMessage', 'handler: BillHandler = bill.eachMessage')
      .replace('await charge.sends', 'await bill.sends');
    expect(host.text('handlers/bill.ts')).toBe(expected);
    expect(host.text('handlers/format.ts')).toBe('export const money = (n: number) => n.toFixed(2);\n');
    expect(host.err).toBe('renamed `charge` to `bill` in shop.flow (2 places)\nmoved handlers/charge.ts to handlers/bill.ts\nrun `flowc build` to regenerate the module the handlers import\n');
  });

  test('queue: the `sends` client is renamed in the handler, which stays where it is', async () => {
    const host = shop();
    expect(await main(['rename', 'queue', 'receipts', 'invoices', 'shop.flow'], host), host.err).toBe(0);
    expect(host.text('shop.flow')).toBe(FLOW.replace('queue receipts', 'queue invoices').replace('[receipts]', '[invoices]'));
    expect(host.text('handlers/charge.ts')).toBe(CHARGE.replace('sends.receipts', 'sends.invoices'));
  });

  test('type: the imported type is renamed', async () => {
    const host = shop();
    expect(await main(['rename', 'type', 'Order', 'Purchase', 'shop.flow'], host), host.err).toBe(0);
    expect(host.text('handlers/charge.ts')).toBe(CHARGE.replace('type Order }', 'type Purchase }').replace('(order: Order)', '(order: Purchase)'));
  });

  test('refuses, changing nothing: a name taken, a handler path that exists, a name the flow does not declare, a wrong kind', async () => {
    const cases: [string[], string][] = [
      [['fn', 'charge', 'orders'], '`orders` is already declared'],
      [['fn', 'charge', 'format'], 'handlers/format.ts exists; move or remove it first'],
      [['fn', 'refund', 'bill'], 'declares no fn `refund`'],
      [['queue', 'charge', 'bill'], 'declares no queue `charge`'],
      [['thing', 'charge', 'bill'], 'unknown kind `thing`'],
    ];
    for (const [args, message] of cases) {
      const host = shop();
      expect(await main(['rename', ...args, 'shop.flow'], host)).toBe(2);
      expect(host.err).toContain(message);
      expect(host.text('shop.flow')).toBe(FLOW);
      expect(host.text('handlers/charge.ts')).toBe(CHARGE);
    }
  });
});
