import { describe, expect, test } from 'vitest';
import { renderSummaryText } from '../../runtime/sim/summary.js';
import { bodyOf, kinesisData, normalizedTrace, simulator } from './helpers.js';

/** `filter` on triggers and subscriptions: what AWS does with what does not match (runtime/pattern/filters.ts). */
describe('filters (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html)', () => {
  test('an SQS message that matches no filter is deleted unprocessed: not delivered, not retried, never dead-lettered', async () => {
    const flow = `app shop
type Order = { id: string, total: number }
queue legacy: Order { dlq = legacy_dead, max_receives = 2 }
queue legacy_dead: Order
fn fulfil(Order)
legacy -> fulfil { batch = 10, filter { total = numeric(> 100) } }
`;
    const seen: unknown[] = [];
    const sim = simulator(flow, {
      fulfil: async (event: { Records: { body: string }[] }) => {
        for (const record of event.Records) seen.push(bodyOf(record));
        throw new Error('always fails');
      },
    });
    sim.inject({ kind: 'send', queue: 'legacy', message: { id: 'small', total: 5 } });
    sim.inject({ kind: 'send', queue: 'legacy', message: { id: 'big', total: 500 } });
    await sim.run();
    // Only the matching message is delivered (twice: it fails, then it is dead-lettered); the other is gone.
    expect(seen).toEqual([
      { id: 'big', total: 500 },
      { id: 'big', total: 500 },
    ]);
    expect(sim.queueMessages('legacy_dead').map(bodyOf)).toEqual([{ id: 'big', total: 500 }]);
    expect(sim.queueMessages('legacy')).toEqual([]);
    const summary = sim.summary();
    expect(summary.filtered).toEqual({ 'legacy->fulfil': 1 });
    expect(summary.deadLettered).toEqual({ legacy: 1 });
    expect(renderSummaryText(summary)).toContain('\n  filtered out   legacy->fulfil 1\n');
    expect(normalizedTrace(sim)).toMatch(/legacy\s+filtered\s+message #\d+ deleted unprocessed: it matches no filter of legacy->fulfil/);
    sim.dispose();
  });

  test('a message body that is not JSON never matches a filter on its fields', async () => {
    const flow = `app shop
queue legacy
fn fulfil
legacy -> fulfil { filter { total = numeric(> 100) } }
`;
    const sim = simulator(flow, { fulfil: async () => undefined });
    sim.inject({ kind: 'send', queue: 'legacy', message: 'plain text' });
    await sim.run();
    expect(sim.summary().functions.fulfil?.invocations ?? 0).toBe(0);
    expect(sim.summary().filtered).toEqual({ 'legacy->fulfil': 1 });
    sim.dispose();
  });

  test('a Kinesis record that matches no filter is skipped and the iterator moves on; an any_of alternative lets records through', async () => {
    const flow = `app web
type Click = { session: string, page: string }
stream clicks: Click
fn sessionize(Click)
clicks -> sessionize { start = latest, retries = 1, max_age = 1h, filter { any_of({ page = "/cart" }, { page = prefix("/checkout") }) } }
`;
    const pages: unknown[] = [];
    const sim = simulator(flow, {
      sessionize: async (event: { Records: { kinesis: { data: string } }[] }) => {
        for (const record of event.Records) pages.push((kinesisData(record) as { page: string }).page);
      },
    });
    for (const page of ['/home', '/cart', '/about', '/checkout/pay']) sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: 's1', page }, partitionKey: 's1' });
    await sim.run();
    expect(pages).toEqual(['/cart', '/checkout/pay']);
    expect(sim.summary().filtered).toEqual({ 'clicks->sessionize': 2 });
    expect(sim.summary().remaining.streamRecords).toBe(0);
    sim.dispose();
  });

  test('a DynamoDB filter matches the new image in attribute-value form; a REMOVE has no new image and is skipped', async () => {
    const flow = `app shop
type Stock = { sku: string, count: int, zone: { name: string } }
table stock: Stock { key = sku, stream = new_and_old }
fn reindex(Stock)
stock -> reindex { start = latest, retries = 1, max_age = 1h, filter { count = 0, zone { name = ["eu", "us"] } } }
`;
    const events: string[] = [];
    const sim = simulator(flow, {
      reindex: async (event: { Records: { eventName: string; dynamodb: { Keys: { sku: { S: string } } } }[] }) => {
        for (const record of event.Records) events.push(`${record.eventName} ${record.dynamodb.Keys.sku.S}`);
      },
    });
    sim.inject({ kind: 'put-item', table: 'stock', item: { sku: 'a', count: 0, zone: { name: 'eu' } } });
    sim.inject({ kind: 'put-item', table: 'stock', item: { sku: 'b', count: 3, zone: { name: 'eu' } } });
    sim.inject({ kind: 'put-item', table: 'stock', item: { sku: 'c', count: 0, zone: { name: 'ap' } } });
    sim.inject({ kind: 'delete-item', table: 'stock', key: { sku: 'a' } });
    await sim.run();
    expect(events).toEqual(['INSERT a']);
    expect(sim.summary().filtered).toEqual({ 'stock->reindex': 3 });
    sim.dispose();
  });

  test('SNS delivers a message only to the subscriptions whose filter policy it matches', async () => {
    const flow = `app shop
type Order = { id: string, customer: string }
topic placed: Order
queue all_orders
fn notify(Order)
placed -> notify { filter { customer = prefix("vip-") } }
placed -> all_orders
`;
    const notified: string[] = [];
    const sim = simulator(flow, {
      notify: async (event: { Records: { Sns: { Message: string } }[] }) => {
        for (const record of event.Records) notified.push((JSON.parse(record.Sns.Message) as { id: string }).id);
      },
    });
    sim.inject({ kind: 'publish', topic: 'placed', message: { id: 'o1', customer: 'vip-ann' } });
    sim.inject({ kind: 'publish', topic: 'placed', message: { id: 'o2', customer: 'bob' } });
    await sim.run();
    expect(notified).toEqual(['o1']);
    expect(sim.queueMessages('all_orders')).toHaveLength(2);
    expect(sim.summary().filtered).toEqual({ 'placed->notify': 1 });
    expect(normalizedTrace(sim)).toMatch(/placed\s+filtered\s+message #\d+ not delivered to notify: it does not match the filter policy of placed->notify/);
    sim.dispose();
  });
});
