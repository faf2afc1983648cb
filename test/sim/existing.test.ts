import { describe, expect, test } from 'vitest';
import { SDK_MODULES } from '../../runtime/sim/sdk/modules.js';
import { kinesisData, simulator, type TestHandler } from './helpers.js';

// The simulated SDK clients, as a handler bundled by the simulator imports them.
const sqs = SDK_MODULES['@aws-sdk/client-sqs'] as { SQSClient: new () => { send(command: unknown): Promise<Record<string, unknown>> }; SendMessageCommand: new (input: object) => unknown };
const events = SDK_MODULES['@aws-sdk/client-eventbridge'] as { EventBridgeClient: new () => { send(command: unknown): Promise<unknown> }; PutEventsCommand: new (input: object) => unknown };

const QUEUE = 'arn:aws:sqs:eu-west-1:123456789012:legacy-orders';
const BUS = 'arn:aws:events:eu-west-1:123456789012:event-bus/partner';
const STREAM = 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks';

describe('an existing resource in the simulator (docs/simulator.md)', () => {
  test('is simulated like a declared one, under the ARN, name and URL of its `arn`', async () => {
    const FLOW = `app shop
type Order = { id: string }
queue legacy: Order { arn = "${QUEUE}" }
bus partner: Order { arn = "${BUS}" }
stream clicks: Order { arn = "${STREAM}", partition = id }
fn take(Order) { sends = [legacy, partner] }
fn fulfil(Order)
fn audit(Order)
fn count(Order)
legacy -> fulfil { batch = 10 }
partner -> audit
clicks -> count { start = trim_horizon, retries = 3 }
`;
    const seen: Record<string, unknown> = {};
    const take: TestHandler = async (event: { id: string }) => {
      seen.url = process.env.FLOWC_QUEUE_LEGACY;
      seen.bus = process.env.FLOWC_BUS_PARTNER;
      await new sqs.SQSClient().send(new sqs.SendMessageCommand({ QueueUrl: process.env.FLOWC_QUEUE_LEGACY, MessageBody: JSON.stringify(event) }));
      await new events.EventBridgeClient().send(new events.PutEventsCommand({ Entries: [{ EventBusName: process.env.FLOWC_BUS_PARTNER, Source: 'shop', DetailType: 'take', Detail: JSON.stringify(event) }] }));
    };
    const fulfil: TestHandler = async (event: { Records: { eventSourceARN: string; body: string }[] }) => {
      seen.queueArn = event.Records[0]?.eventSourceARN;
      seen.body = JSON.parse(event.Records[0]?.body ?? 'null');
    };
    const audit: TestHandler = async (event: { detail: unknown }) => {
      seen.detail = event.detail;
    };
    const count: TestHandler = async (event: { Records: { eventSourceARN: string; kinesis: { data: string } }[] }) => {
      seen.streamArn = event.Records[0]?.eventSourceARN;
      seen.record = kinesisData(event.Records[0]!);
    };
    const sim = simulator(FLOW, { take, fulfil, audit, count });
    sim.inject({ kind: 'invoke', fn: 'take', event: { id: 'a' } }, 0);
    sim.inject({ kind: 'put-record', stream: 'clicks', record: { id: 'c' } }, 0);
    await sim.run();
    expect(seen).toEqual({
      url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/legacy-orders',
      bus: BUS,
      queueArn: QUEUE,
      body: { id: 'a' },
      detail: { id: 'a' },
      streamArn: STREAM,
      record: { id: 'c' },
    });
  });
});
