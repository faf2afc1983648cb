// The handler of `ingest` (intake.flow:27). flowc created this file once and never
// overwrites it: it is yours. Its types come from the generated module, which every
// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here
// that no longer fits.
/* eslint-disable no-console -- a Lambda function's log is its console; `flowc sim` shows it in the trace */
import { ingest, type IngestHandler, type Order } from '../generated/flow.js';

// A partner drops `in/<batch>.csv` with one line per order item: `order,customer,sku,quantity,price`.
// Each order is recorded and announced once; a line that does not parse fails the file, and
// Lambda retries the event twice before dropping it (S3 invokes asynchronously).
export const handler: IngestHandler = ingest.onEvent(async (objects) => {
  for (const object of objects) {
    const file = await ingest.sends.imports.get(object.key);
    // The object can be gone by the time the event arrives (S3 notifies at least once, maybe late).
    if (file === undefined) continue;
    const orders = parseOrders(object.key, file.text());
    for (const order of orders) {
      await ingest.sends.orders.put(order);
      await ingest.sends.placed.publish(order);
    }
    console.log(`${object.key}: ${orders.length} orders`);
  }
});

function parseOrders(key: string, text: string): Order[] {
  const byId = new Map<string, Order>();
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  for (const [index, line] of lines.slice(1).entries()) {
    const [id, customer, sku, quantity, price] = line.split(',').map((cell) => cell.trim());
    const count = Number(quantity);
    const each = Number(price);
    if (!id || !customer || !sku || !Number.isInteger(count) || !Number.isFinite(each)) throw new Error(`${key}:${index + 2}: not "order,customer,sku,quantity,price": ${line}`);
    const order = byId.get(id) ?? { id, customer, total: 0, items: [] };
    byId.set(id, { ...order, total: order.total + count * each, items: [...order.items, { sku, quantity: count, price: each }] });
  }
  return [...byId.values()];
}
