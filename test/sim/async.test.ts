import { describe, expect, test } from 'vitest';
import { bodyOf, hasLines, lines, normalizedTrace, simulator } from './helpers.js';

const ORDERS = `app orders
type Order = { id: string, total: number }
type Receipt = { order: string, charged: number }
topic placed: Order
queue receipts
bus audit
fn charge(Order) -> Receipt { timeout = 30s }
fn refund(failure<charge>)
placed -> charge
charge -> receipts
charge.failure -> audit -> refund
`;

const charge = async (event: { Records: { Sns: { Message: string } }[] }) => {
  const order = JSON.parse(event.Records[0]!.Sns.Message) as { id: string; total: number };
  if (order.total > 100) throw new Error(`card declined for ${order.id}`);
  return { order: order.id, charged: order.total };
};

describe('asynchronous invocation (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html)', () => {
  test('a failing event is retried about 1 and 2 minutes after each failure, then goes to the failure destination', async () => {
    const refunds: unknown[] = [];
    const sim = simulator(ORDERS, { charge, refund: async (event: unknown) => void refunds.push(event) });
    sim.inject({ kind: 'publish', topic: 'placed', message: { id: 'o-1', total: 42 } });
    sim.inject({ kind: 'publish', topic: 'placed', message: { id: 'o-2', total: 420 } });
    await sim.run();
    expect(normalizedTrace(sim)).toBe(
      lines(`
        +00:00:00.000  placed    publish      message #1 from test · {"id":"o-1","total":42}
        +00:00:00.000  placed    publish      message #2 from test · {"id":"o-2","total":420}
        +00:00:00.000  charge    invoke       async attempt 1 of 3 · request #3 · from topic placed
        +00:00:00.000  charge    ok           returned {"order":"o-1","charged":42}
        +00:00:00.000  charge    destination  success → receipts (queue) · Success after 1 attempt
        +00:00:00.000  receipts  send         message #4 from charge.success · invocation record (Success) of request #3
        +00:00:00.000  charge    invoke       async attempt 1 of 3 · request #5 · from topic placed
        +00:00:00.000  charge    error        Error: card declined for o-2 · attempt 2 at +00:01:00.000 (in 1m)
        +00:01:00.000  charge    invoke       async attempt 2 of 3 · request #5
        +00:01:00.000  charge    error        Error: card declined for o-2 · attempt 3 at +00:03:00.000 (in 2m)
        +00:03:00.000  charge    invoke       async attempt 3 of 3 · request #5
        +00:03:00.000  charge    error        Error: card declined for o-2 · retries exhausted after 3 attempts
        +00:03:00.000  charge    destination  failure → audit (bus) · RetriesExhausted after 3 attempts
        +00:03:00.000  audit     put-event    event #6 from charge.failure · Lambda Function Invocation Result - Failure · source lambda · invocation record (RetriesExhausted) of request #5
        +00:03:00.000  audit     match        event #6 → rule audit->refund → refund
        +00:03:00.000  refund    invoke       async attempt 1 of 3 · request #7 · from bus audit
        +00:03:00.000  refund    ok           returned nothing
      `),
    );
    expect(sim.summary().retries.async).toBe(2);
    expect(sim.summary().destinations).toEqual({ 'charge.failure->audit': 1, 'charge.success->receipts': 1 });
    sim.dispose();
  });

  test('the success record on a queue: condition, invoke count, the SNS event as request payload, the result as response', async () => {
    const sim = simulator(ORDERS, { charge, refund: async () => undefined });
    sim.inject({ kind: 'publish', topic: 'placed', message: { id: 'o-1', total: 42 } });
    await sim.run();
    const [message] = sim.queueMessages('receipts');
    const record = bodyOf(message!) as Record<string, unknown>;
    expect(Object.keys(record)).toEqual(['version', 'timestamp', 'requestContext', 'requestPayload', 'responseContext', 'responsePayload']);
    expect(record).toMatchObject({
      version: '1.0',
      timestamp: '2026-01-01T00:00:00.000Z',
      requestContext: { functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:orders-charge:$LATEST', condition: 'Success', approximateInvokeCount: 1 },
      requestPayload: { Records: [{ EventSource: 'aws:sns', Sns: { Type: 'Notification', Message: '{"id":"o-1","total":42}', TopicArn: 'arn:aws:sns:us-east-1:000000000000:orders-placed' } }] },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { order: 'o-1', charged: 42 },
    });
    expect(record.responseContext).not.toHaveProperty('functionError');
    sim.dispose();
  });

  test('the failure record on a bus: an EventBridge event with the Failure detail-type and the error as response', async () => {
    const events: Record<string, unknown>[] = [];
    const sim = simulator(ORDERS, { charge, refund: async (event: Record<string, unknown>) => void events.push(event) });
    sim.inject({ kind: 'publish', topic: 'placed', message: { id: 'o-9', total: 999 } });
    await sim.run();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      version: '0',
      'detail-type': 'Lambda Function Invocation Result - Failure',
      source: 'lambda',
      account: '000000000000',
      time: '2026-01-01T00:03:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:lambda:us-east-1:000000000000:function:orders-charge:$LATEST', 'arn:aws:events:us-east-1:000000000000:event-bus/orders-audit'],
      detail: {
        requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        responsePayload: { errorType: 'Error', errorMessage: 'card declined for o-9', trace: [] },
      },
    });
    sim.dispose();
  });

  test('retries = 1, max_age: the event expires when its next attempt would be older than max_age (EventAgeExceeded)', async () => {
    const flow = ORDERS.replace('fn charge(Order) -> Receipt { timeout = 30s }', 'fn charge(Order) -> Receipt { timeout = 30s, max_age = 2m }');
    const conditions: unknown[] = [];
    const sim = simulator(flow, { charge, refund: async (event: { detail: { requestContext: { condition: string; approximateInvokeCount: number } } }) => void conditions.push(event.detail.requestContext) });
    sim.inject({ kind: 'publish', topic: 'placed', message: { id: 'o-2', total: 420 } });
    await sim.run();
    expect(
      hasLines(
        normalizedTrace(sim),
        `
        +00:01:00.000  charge  invoke       async attempt 2 of 3 · request #2
        +00:01:00.000  charge  error        Error: card declined for o-2 · attempt 3 at +00:03:00.000 (in 2m)
        +00:03:00.000  charge  expire       request #2 discarded: older than max_age 2m
        +00:03:00.000  charge  destination  failure → audit (bus) · EventAgeExceeded after 2 attempts
      `,
      ),
    ).toBe(true);
    expect(conditions).toEqual([{ requestId: expect.any(String), functionArn: expect.any(String), condition: 'EventAgeExceeded', approximateInvokeCount: 2 }]);
    sim.dispose();
  });

  test('with ageLookahead (LocalStack), the event is given up as soon as the next retry would be too old', async () => {
    const flow = ORDERS.replace('fn charge(Order) -> Receipt { timeout = 30s }', 'fn charge(Order) -> Receipt { timeout = 30s, max_age = 2m }');
    const sim = simulator(flow, { charge, refund: async () => undefined }, { async: { ageLookahead: true } });
    sim.inject({ kind: 'publish', topic: 'placed', message: { id: 'o-2', total: 420 } });
    await sim.run();
    expect(
      hasLines(
        normalizedTrace(sim),
        `
        +00:01:00.000  charge  invoke  async attempt 2 of 3 · request #2
        +00:01:00.000  charge  error  Error: card declined for o-2 · the next retry would pass max_age
        +00:01:00.000  charge  destination  failure → audit (bus) · EventAgeExceeded after 2 attempts
      `,
      ),
    ).toBe(true);
    sim.dispose();
  });

  test('reserved concurrency 0: straight to the failure destination, no attempt, no response in the record', async () => {
    const flow = ORDERS.replace('fn charge(Order) -> Receipt { timeout = 30s }', 'fn charge(Order) -> Receipt { timeout = 30s, concurrency = 0 }');
    const details: Record<string, unknown>[] = [];
    const sim = simulator(flow, { charge, refund: async (event: { detail: Record<string, unknown> }) => void details.push(event.detail) });
    sim.inject({ kind: 'publish', topic: 'placed', message: { id: 'o-1', total: 42 } });
    await sim.run();
    expect(sim.summary().functions.charge?.invocations).toBe(0);
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({ requestContext: { condition: 'ZeroReservedConcurrency', approximateInvokeCount: 0 } });
    expect(details[0]).not.toHaveProperty('responseContext');
    expect(details[0]).not.toHaveProperty('responsePayload');
    sim.dispose();
  });

  test('a function destination gets the invocation record itself as its event, and is invoked asynchronously', async () => {
    const flow = `app notify
type Order = { id: string, total: number }
fn charge(Order) -> Order
fn notify(success<charge>)
charge -> notify
`;
    const received: unknown[] = [];
    let notifyAttempts = 0;
    const sim = simulator(flow, {
      charge: async (order: unknown) => order,
      notify: async (event: unknown) => {
        received.push(event);
        if (++notifyAttempts === 1) throw new Error('notify is flaky');
      },
    });
    sim.inject({ kind: 'invoke', fn: 'charge', event: { id: 'o-1', total: 5 } });
    await sim.run();
    expect(received).toHaveLength(2);
    expect(received[0]).toMatchObject({ requestContext: { condition: 'Success' }, requestPayload: { id: 'o-1', total: 5 }, responsePayload: { id: 'o-1', total: 5 } });
    expect(
      hasLines(
        normalizedTrace(sim),
        `
        +00:00:00.000  notify  invoke  async attempt 1 of 3 · request #2 · from charge.success
        +00:00:00.000  notify  error  Error: notify is flaky · attempt 2 at +00:01:00.000 (in 1m)
        +00:01:00.000  notify  invoke  async attempt 2 of 3 · request #2
        +00:01:00.000  notify  ok  returned nothing
      `,
      ),
    ).toBe(true);
    sim.dispose();
  });

  test('with destinationFunctionInvocation sync, the destination function gets one attempt and no retries', async () => {
    const flow = `app notify
type Order = { id: string, total: number }
fn charge(Order) -> Order
fn notify(success<charge>)
charge -> notify
`;
    const sim = simulator(flow, { charge: async (order: unknown) => order, notify: async () => Promise.reject(new Error('down')) }, { async: { destinationFunctionInvocation: 'sync' } });
    sim.inject({ kind: 'invoke', fn: 'charge', event: { id: 'o-1', total: 5 } });
    await sim.run();
    expect(sim.summary().functions.notify).toEqual({ invocations: 1, succeeded: 0, failed: 1, throttled: 0 });
    sim.dispose();
  });

  test('a failure record sent to a topic reaches a queue in the SNS envelope when raw delivery is off', async () => {
    const flow = `app alerts
type Order = { id: string, total: number }
topic failures
queue inbox
fn charge(Order) { retries = 0 }
charge.failure -> failures
failures -> inbox { raw = false }
`;
    const sim = simulator(flow, { charge: async () => Promise.reject(new TypeError('bad order')) });
    sim.inject({ kind: 'invoke', fn: 'charge', event: { id: 'o-1', total: 5 } });
    await sim.run();
    const [message] = sim.queueMessages('inbox');
    const envelope = bodyOf(message!) as Record<string, unknown>;
    expect(Object.keys(envelope)).toEqual(['Type', 'MessageId', 'TopicArn', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL']);
    expect(envelope.Type).toBe('Notification');
    expect(JSON.parse(envelope.Message as string)).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 1 },
      responsePayload: { errorType: 'TypeError', errorMessage: 'bad order' },
    });
    sim.dispose();
  });

  test('a duration past the timeout is a timeout: Unhandled, with the Lambda timeout message', async () => {
    const flow = `app slow
type Job = { id: string }
queue failed
fn work(Job) { timeout = 5s, retries = 0 }
work.failure -> failed
`;
    const sim = simulator(flow, { work: async () => 'done' }, { duration: { work: 8000 } });
    sim.inject({ kind: 'invoke', fn: 'work', event: { id: 'j' } });
    await sim.run();
    const record = bodyOf(sim.queueMessages('failed')[0]!) as { responseContext: unknown; responsePayload: { errorMessage: string } };
    expect(record.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
    expect(record.responsePayload.errorMessage).toMatch(/^2026-01-01T00:00:05\.000Z [0-9a-f-]{36} Task timed out after 5\.00 seconds$/);
    expect(hasLines(normalizedTrace(sim), '+00:00:05.000  work  error  Task timed out after 5.00 seconds · no retries')).toBe(true);
    sim.dispose();
  });

  test('reserved concurrency: attempts beyond it are throttled and retried with backoff, without using a retry', async () => {
    const flow = `app busy
type Job = { id: string }
fn work(Job) { concurrency = 1, timeout = 30s, retries = 0 }
`;
    const starts: number[] = [];
    const sim = simulator(flow, { work: async () => void starts.push(sim.nowMs) }, { duration: 10_000 });
    for (const id of ['a', 'b', 'c']) sim.inject({ kind: 'invoke', fn: 'work', event: { id } });
    await sim.run();
    // a runs 0–10 s; b and c back off 1 s, 2 s, 4 s, 8 s: at 15 s b gets in (4 throttles) and c,
    // throttled once more, backs off 16 s to 31 s (5 throttles).
    expect(starts).toEqual([0, 15_000, 31_000]);
    expect(sim.summary().functions.work).toEqual({ invocations: 3, succeeded: 3, failed: 0, throttled: 9 });
    expect(hasLines(normalizedTrace(sim), '+00:00:00.000  work  throttle  no concurrency left · retry at +00:00:01.000 (does not use a retry)')).toBe(true);
    sim.dispose();
  });
});
