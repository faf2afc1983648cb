// The message branches of rules, each on the smallest flow that reaches it, through the unit
// harness (test/helpers/expect-diagnostics.ts): one rule, its exact diagnostics and words. Each
// rule keeps one failing and one passing fixture under test/fixtures/ (test/codes.test.ts); the
// other branches live here.
import { describe, test } from 'vitest';
import { edgeSettingNotApplicable } from '../../compiler/check/rules/edge-setting-not-applicable.js';
import { reservedConcurrency } from '../../compiler/check/rules/reserved-concurrency.js';
import { startingPosition } from '../../compiler/check/rules/starting-position.js';
import { expectDiagnostics } from '../helpers/expect-diagnostics.js';

describe('FL4006: a setting this kind of edge does not take', () => {
  test('a destination takes no settings: async retries belong to the function', () => {
    const flow = `app shop
type Order = { id: string, total: number }
type Receipt = { order: string, charged: number }
topic placed: Order
queue receipts
fn charge(Order) -> Receipt { timeout = 30s }
placed -> charge
charge -> receipts { retries = 1 }
`;
    expectDiagnostics(edgeSettingNotApplicable, flow, [
      { at: '8:22', message: '`retries` does not apply to a Lambda destination', help: 'move it to the function: `fn charge(…) { retries = … }`' },
    ]);
  });

  test('SNS delivers to a function one message at a time; EventBridge one event at a time', () => {
    const flow = `app shop
type Order = { id: string, total: number }
topic placed: Order
bus audit
fn charge(Order) { timeout = 30s, sends = [audit] }
fn notify(Order)
fn log(Order)
placed -> charge { raw = true }
audit -> notify { batch = 10 }
placed -> log { concurrency = 5 }
`;
    expectDiagnostics(edgeSettingNotApplicable, flow, [
      { at: '8:20', message: '`raw` does not apply to an SNS subscription of a function', help: 'remove `raw`' },
      {
        at: '9:19',
        message: '`batch` does not apply to an EventBridge rule',
        why: /^An EventBridge rule target has no BatchSize: EventBridge delivers each event on its own\./,
        help: 'remove `batch`; to process events in batches, target a queue and trigger `notify` from it: `audit -> notify_queue -> notify { batch = … }`',
      },
      {
        at: '10:17',
        message: '`concurrency` does not apply to an SNS subscription of a function',
        help: 'remove `concurrency`; to cap how many instances of `log` run at once, set reserved concurrency on the function: `fn log(…) { concurrency = … }`',
      },
    ]);
  });
});

describe('FL4012: the starting position of a stream trigger', () => {
  test('DynamoDB streams have no AT_TIMESTAMP starting position', () => {
    const flow = `app shop
type Stock = { sku: string, count: int }
table stock: Stock { key = sku, stream = new_and_old }
queue stock_failed
fn reindex(Stock) { timeout = 30s }
stock -> reindex { start = at_timestamp, retries = 3, max_age = 1h, on_failure = stock_failed }
`;
    expectDiagnostics(startingPosition, flow, [
      {
        at: '6:28',
        message: 'a DynamoDB stream trigger cannot start `at_timestamp`',
        why: /^DynamoDB stream event source mappings take StartingPosition TRIM_HORIZON or LATEST only/,
        help: 'use `start = trim_horizon` (the oldest record, at most 24 hours old) or `start = latest`',
      },
    ]);
  });

  test('`at_timestamp` needs `start_at`, and `start_at` needs `at_timestamp`', () => {
    const flow = `app shop
type Click = { session: string, page: string, at: timestamp }
stream clicks: Click { shards = 2, partition = session, retention = 7d }
queue clicks_failed
fn sessionize(Click) { timeout = 30s }
fn replay(Click) { timeout = 30s }
clicks -> sessionize { start = at_timestamp, retries = 3, max_age = 1h, on_failure = clicks_failed }
clicks -> replay { retries = 3, max_age = 1h, on_failure = clicks_failed,
                   start = latest, start_at = "2026-01-01T00:00:00Z" }
`;
    expectDiagnostics(startingPosition, flow, [
      {
        at: '7:32',
        message: '`start = at_timestamp` needs `start_at`, the time to start reading from',
        help: 'add `start_at = "2026-01-01T00:00:00Z"` (an ISO-8601 time) to the edge, or use `start = latest` or `start = trim_horizon`',
      },
      { at: '9:36', message: '`start_at` is used only with `start = at_timestamp`', help: 'set `start = at_timestamp` to start at that time, or remove `start_at`' },
    ]);
  });
});

describe('FL4037: reserved concurrency', () => {
  test('reservations that add up past what the account can reserve', () => {
    const flow = `app shop
type Order = { id: string, total: number }
topic placed: Order
fn charge(Order) { concurrency = 400 }
fn pack(Order) { concurrency = 400 }
fn ship(Order) { concurrency = 100 }
fn email(Order) { concurrency = 1 }
placed -> charge
placed -> pack
placed -> ship
placed -> email
`;
    expectDiagnostics(reservedConcurrency, flow, [
      {
        at: '7:33',
        message: 'the functions of this app reserve 901 concurrent executions; an account with the default quota can reserve at most 900',
        why: /^AWS keeps 100 of the account's concurrency \(1,000 by default\) for functions without a reservation\./,
        help: 'lower the reservations so they add up to at most 900: the others already reserve 900',
      },
    ]);
  });

  test('`concurrency = 0` turns the function off (a warning)', () => {
    const flow = `app shop
type Order = { id: string, total: number }
topic placed: Order
fn charge(Order) { concurrency = 0 }
placed -> charge
`;
    expectDiagnostics(reservedConcurrency, flow, [
      {
        at: '4:34',
        message: '`concurrency = 0` stops `charge` from ever running',
        help: 'leave `concurrency` out, or reserve at least 1 (`concurrency = 1` runs one invocation at a time)',
      },
    ]);
  });
});
