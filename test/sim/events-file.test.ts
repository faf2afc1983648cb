import { describe, expect, test } from 'vitest';
import { parseEventsFile } from '../../runtime/sim/events-file.js';
import { manifestOf } from './helpers.js';

const manifest = manifestOf(`app shop
type Order = { id: string, total: number }
type Click = { session: string }
topic placed: Order
queue jobs: Order
stream clicks: Click { partition = session }
table orders: Order { key = id, stream = new }
bus audit
fn charge(Order)
fn track(Click)
fn keep(Order)
placed -> charge
clicks -> track { start = latest }
orders -> keep { start = latest }
jobs -> keep
`);

describe('events.json', () => {
  test('reads every kind of event, with times, the seed and the end', () => {
    const file = parseEventsFile(
      JSON.stringify({
        seed: 7,
        until: '2h',
        events: [
          { to: 'placed', message: { id: 'o1', total: 1 }, note: 'a first order' },
          { at: '90s', to: 'jobs', message: { id: 'o2', total: 2 }, delay: '10s' },
          { at: '1m', to: 'clicks', record: { session: 's' } },
          { at: 5000, to: 'orders', item: { id: 'o3', total: 3 } },
          { at: '2m', to: 'orders', delete: { id: 'o3' } },
          { at: '3m', to: 'audit', detailType: 'note', detail: { text: 'x' } },
          { at: '4m', to: 'charge', event: { id: 'o4', total: 4 } },
        ],
      }),
      manifest,
    );
    expect(file.seed).toBe(7);
    expect(file.untilMs).toBe(7_200_000);
    expect(file.events.map((event) => [event.atMs, event.injection.kind])).toEqual([
      [0, 'publish'],
      [90_000, 'send'],
      [60_000, 'put-record'],
      [5000, 'put-item'],
      [120_000, 'delete-item'],
      [180_000, 'put-event'],
      [240_000, 'invoke'],
    ]);
    expect(file.events[1]!.injection).toEqual({ kind: 'send', queue: 'jobs', message: { id: 'o2', total: 2 }, delaySeconds: 10 });
  });

  test.each([
    ['{', /not valid JSON/],
    ['{"events": [{"to": "nowhere", "message": 1}]}', /events\[0\]: the flow has nothing named `nowhere`/],
    ['{"events": [{"to": "placed"}]}', /topic placed needs "message"/],
    ['{"events": [{"to": "placed", "message": {}, "record": {}}]}', /"record" does not apply to topic placed/],
    ['{"events": [{"at": "soon", "to": "placed", "message": {}}]}', /events\[0\]: "at": `soon` is not a duration/],
    ['{"events": [], "speed": 2}', /unknown key "speed"/],
    ['{"seed": -1, "events": []}', /"seed" must be a non-negative integer/],
  ])('%s is refused with a message that says where', (text, message) => {
    expect(() => parseEventsFile(text, manifest)).toThrow(message);
  });
});
