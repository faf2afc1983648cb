import { describe, expect, test } from 'vitest';
import { bodyOf, lines, normalizedTrace, simulator } from './helpers.js';

describe('SNS fan-out (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html)', () => {
  const FLOW = `app news
type Story = { id: string, title: string }
topic stories: Story
queue raw_inbox
queue enveloped
fn notify(Story)
stories -> notify
stories -> raw_inbox
stories -> enveloped { raw = false }
`;

  test('a publish reaches a function (async, SNSEvent), a raw queue (the message) and a queue without raw delivery (the envelope)', async () => {
    const events: unknown[] = [];
    const sim = simulator(FLOW, { notify: async (event: unknown) => void events.push(event) });
    sim.inject({ kind: 'publish', topic: 'stories', message: { id: 's1', title: 'Hello' }, subject: 'news' });
    await sim.run();
    expect(normalizedTrace(sim)).toBe(
      lines(`
        +00:00:00.000  stories    publish  message #1 from test · {"id":"s1","title":"Hello"}
        +00:00:00.000  raw_inbox  send     message #2 from topic stories · {"id":"s1","title":"Hello"}
        +00:00:00.000  enveloped  send     message #3 from topic stories · SNS envelope of message #1
        +00:00:00.000  notify     invoke   async attempt 1 of 3 · request #4 · from topic stories
        +00:00:00.000  notify     ok       returned nothing
      `),
    );
    const messageId = (events[0] as { Records: { Sns: { MessageId: string } }[] }).Records[0]!.Sns.MessageId;
    expect(events[0]).toEqual({
      Records: [
        {
          EventVersion: '1.0',
          EventSubscriptionArn: 'arn:aws:sns:us-east-1:000000000000:news-stories:notify',
          EventSource: 'aws:sns',
          Sns: {
            SignatureVersion: '1',
            Timestamp: '2026-01-01T00:00:00.000Z',
            Signature: 'SIMULATED',
            SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-simulated.pem',
            MessageId: messageId,
            Message: '{"id":"s1","title":"Hello"}',
            MessageAttributes: {},
            Type: 'Notification',
            UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:000000000000:news-stories:notify',
            TopicArn: 'arn:aws:sns:us-east-1:000000000000:news-stories',
            Subject: 'news',
          },
        },
      ],
    });
    expect(bodyOf(sim.queueMessages('raw_inbox')[0]!)).toEqual({ id: 's1', title: 'Hello' });
    expect(bodyOf(sim.queueMessages('enveloped')[0]!)).toMatchObject({ Type: 'Notification', MessageId: messageId, Subject: 'news', Message: '{"id":"s1","title":"Hello"}' });
    sim.dispose();
  });

  test('a FIFO topic passes group and deduplication ids to its FIFO queue, and drops duplicates itself', async () => {
    const flow = `app ledger
type Transfer = { id: string, account: string }
topic transfers: Transfer { fifo = true, group = account, dedupe = id }
queue postings: Transfer { fifo = true, group = account, dedupe = id }
fn post(Transfer)
transfers -> postings
postings -> post
`;
    const attributes: Record<string, string>[] = [];
    const sim = simulator(flow, { post: async (event: { Records: { attributes: Record<string, string> }[] }) => void attributes.push(...event.Records.map((record) => record.attributes)) });
    sim.inject({ kind: 'publish', topic: 'transfers', message: { id: 't1', account: 'A' } });
    sim.inject({ kind: 'publish', topic: 'transfers', message: { id: 't1', account: 'A' } }, 1000);
    await sim.run();
    expect(attributes).toHaveLength(1);
    expect(attributes[0]).toMatchObject({ MessageGroupId: 'A', MessageDeduplicationId: 't1' });
    expect(normalizedTrace(sim)).toContain('transfers  duplicate  from test dropped: deduplication id t1 was published at +00:00:00.000, within 5m');
    sim.dispose();
  });
});

describe('EventBridge rules (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html)', () => {
  const FLOW = `app audit
type Change = { entity: string, id: string, action: "created" | "deleted" }
bus events: Change
queue deletions
fn purge(Change)
events -> purge { match { source = "audit", detail { action = "deleted" } } }
events -> deletions { match { detail { entity = "user" } } }
`;

  test('each rule whose pattern matches delivers: to a function asynchronously, to a queue as the event JSON', async () => {
    const purged: unknown[] = [];
    const sim = simulator(FLOW, { purge: async (event: unknown) => void purged.push(event) });
    sim.inject({ kind: 'put-event', bus: 'events', detailType: 'change', detail: { entity: 'user', id: 'u1', action: 'deleted' } });
    sim.inject({ kind: 'put-event', bus: 'events', detailType: 'change', detail: { entity: 'order', id: 'o1', action: 'deleted' } });
    sim.inject({ kind: 'put-event', bus: 'events', detailType: 'change', detail: { entity: 'user', id: 'u2', action: 'created' } });
    await sim.run();
    expect(normalizedTrace(sim)).toBe(
      lines(`
        +00:00:00.000  events     put-event  event #1 from test · change · source audit · {"entity":"user","id":"u1","action":"deleted"}
        +00:00:00.000  events     put-event  event #2 from test · change · source audit · {"entity":"order","id":"o1","action":"deleted"}
        +00:00:00.000  events     put-event  event #3 from test · change · source audit · {"entity":"user","id":"u2","action":"created"}
        +00:00:00.000  events     match      event #1 → rule events->purge → purge
        +00:00:00.000  events     match      event #1 → rule events->deletions → deletions
        +00:00:00.000  deletions  send       message #4 from bus events · event #1
        +00:00:00.000  events     match      event #2 → rule events->purge → purge
        +00:00:00.000  events     match      event #3 → rule events->deletions → deletions
        +00:00:00.000  deletions  send       message #5 from bus events · event #3
        +00:00:00.000  purge      invoke     async attempt 1 of 3 · request #6 · from bus events
        +00:00:00.000  purge      ok         returned nothing
        +00:00:00.000  purge      invoke     async attempt 1 of 3 · request #7 · from bus events
        +00:00:00.000  purge      ok         returned nothing
      `),
    );
    expect(purged[0]).toMatchObject({ version: '0', 'detail-type': 'change', source: 'audit', account: '000000000000', region: 'us-east-1', resources: [], detail: { id: 'u1' } });
    expect(bodyOf(sim.queueMessages('deletions')[0]!)).toMatchObject({ 'detail-type': 'change', detail: { id: 'u1' } });
    sim.dispose();
  });
});
