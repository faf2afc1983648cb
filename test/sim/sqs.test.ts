import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { hasLines, lines, normalizedTrace, simulator, type TestHandler } from './helpers.js';

const JOBS = `app jobs
type Job = { id: string }
queue jobs: Job { visibility = 30s, dlq = jobs_dead, max_receives = 2 }
queue jobs_dead: Job
fn work(Job) { timeout = 10s }
jobs -> work { batch = 2, window = 5s }
`;

interface SqsRecord {
  messageId: string;
  body: string;
  attributes: Record<string, string>;
}

const failOnBad: TestHandler = async (event: { Records: SqsRecord[] }) => {
  for (const record of event.Records) if ((JSON.parse(record.body) as { id: string }).id === 'bad') throw new Error('bad job');
};

describe('SQS standard queue and its event source mapping (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html)', () => {
  test('a failed batch comes back after the visibility timeout; after max_receives the whole batch is dead-lettered', async () => {
    const sim = simulator(JOBS, { work: failOnBad });
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'a' } }, 0);
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'bad' } }, 1000);
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'c' } }, 2000);
    await sim.run();
    // `a` opens a 5 s window at 0 s; `bad` fills the batch of 2 at 1 s. `c` opens a new window at
    // 2 s, closed at 7 s. Each message's visibility timeout runs from when it was received.
    expect(normalizedTrace(sim)).toBe(
      lines(`
        +00:00:00.000  jobs  send         message #1 from test · {"id":"a"}
        +00:00:01.000  jobs  send         message #2 from test · {"id":"bad"}
        +00:00:01.000  work  invoke       batch of 2 from jobs (#1, #2) · request #3
        +00:00:01.000  work  error        Error: bad job
        +00:00:01.000  jobs  retry        the batch of 2 stays hidden until +00:00:30.000 (visibility timeout 30s)
        +00:00:02.000  jobs  send         message #4 from test · {"id":"c"}
        +00:00:07.000  work  invoke       batch of 1 from jobs (#4) · request #5
        +00:00:07.000  work  ok           returned nothing
        +00:00:30.000  jobs  return       message #1 visible again after the visibility timeout 30s · received 1 time of max_receives 2
        +00:00:31.000  jobs  return       message #2 visible again after the visibility timeout 30s · received 1 time of max_receives 2
        +00:00:31.000  work  invoke       batch of 2 from jobs (#1, #2) · receive 2 · request #6
        +00:00:31.000  work  error        Error: bad job
        +00:00:31.000  jobs  retry        the batch of 2 stays hidden until +00:01:00.000 (visibility timeout 30s)
        +00:01:00.000  jobs  return       message #1 visible again after the visibility timeout 30s · received 2 times of max_receives 2
        +00:01:00.000  jobs  dead-letter  message #1 → jobs_dead after 2 receives (max_receives 2)
        +00:01:01.000  jobs  return       message #2 visible again after the visibility timeout 30s · received 2 times of max_receives 2
        +00:01:01.000  jobs  dead-letter  message #2 → jobs_dead after 2 receives (max_receives 2)
      `),
    );
    const dead = sim.queueMessages('jobs_dead').map((message) => JSON.parse(message.body) as unknown);
    expect(dead).toEqual([{ id: 'a' }, { id: 'bad' }]);
    expect(sim.summary().deadLettered).toEqual({ jobs: 2 });
    // A dead-lettered message keeps its id and its original send time (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html).
    expect(sim.queueMessages('jobs_dead')[0]!.sentAtMs).toBe(0);
    sim.dispose();
  });

  test('with report_failures only the reported message comes back; the rest of the batch is deleted', async () => {
    const reportBad: TestHandler = async (event: { Records: SqsRecord[] }) => ({
      batchItemFailures: event.Records.filter((record) => (JSON.parse(record.body) as { id: string }).id === 'bad').map((record) => ({ itemIdentifier: record.messageId })),
    });
    const sim = simulator(JOBS.replace('window = 5s', 'window = 5s, report_failures = true'), { work: reportBad });
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'a' } }, 0);
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'bad' } }, 1000);
    await sim.run();
    expect(normalizedTrace(sim)).toBe(
      lines(`
        +00:00:00.000  jobs  send         message #1 from test · {"id":"a"}
        +00:00:01.000  jobs  send         message #2 from test · {"id":"bad"}
        +00:00:01.000  work  invoke       batch of 2 from jobs (#1, #2) · request #3
        +00:00:01.000  work  ok           returned {"batchItemFailures":[{"itemIdentifier":"#2"}]}
        +00:00:01.000  jobs  partial      1 of 2 messages (1 deleted) stays hidden until +00:00:31.000 (visibility timeout 30s)
        +00:00:31.000  jobs  return       message #2 visible again after the visibility timeout 30s · received 1 time of max_receives 2
        +00:00:36.000  work  invoke       batch of 1 from jobs (#2) · receive 2 · request #4
        +00:00:36.000  work  ok           returned {"batchItemFailures":[{"itemIdentifier":"#2"}]}
        +00:00:36.000  jobs  partial      the batch of 1 stays hidden until +00:01:01.000 (visibility timeout 30s)
        +00:01:01.000  jobs  return       message #2 visible again after the visibility timeout 30s · received 2 times of max_receives 2
        +00:01:01.000  jobs  dead-letter  message #2 → jobs_dead after 2 receives (max_receives 2)
      `),
    );
    expect(sim.queueMessages('jobs_dead').map((message) => message.body)).toEqual(['{"id":"bad"}']);
    sim.dispose();
  });

  test('an unknown itemIdentifier makes the whole batch a failure', async () => {
    const sim = simulator(JOBS.replace('window = 5s', 'window = 5s, report_failures = true'), { work: async () => ({ batchItemFailures: [{ itemIdentifier: 'nope' }] }) });
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'a' } });
    await sim.run({ untilMs: 10_000 });
    expect(hasLines(normalizedTrace(sim), '+00:00:05.000  work  warning  invalid partial batch response: `itemIdentifier` nope is not in the batch; the whole batch failed')).toBe(true);
    expect(sim.queueMessages('jobs')).toHaveLength(1);
    sim.dispose();
  });

  test('the SQS event: one record per message with the attributes Lambda sets', async () => {
    const events: { Records: SqsRecord[] }[] = [];
    const sim = simulator(JOBS, { work: async (event: { Records: SqsRecord[] }) => void events.push(event) });
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'a' } }, 1500);
    await sim.run();
    const record = events[0]!.Records[0]!;
    expect(Object.keys(record)).toEqual(['messageId', 'receiptHandle', 'body', 'attributes', 'messageAttributes', 'md5OfBody', 'eventSource', 'eventSourceARN', 'awsRegion']);
    expect(record).toMatchObject({
      body: '{"id":"a"}',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1767225601500', SenderId: expect.any(String), ApproximateFirstReceiveTimestamp: '1767225601500' },
      messageAttributes: {},
      md5OfBody: createHash('md5').update('{"id":"a"}').digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:jobs-jobs',
      awsRegion: 'us-east-1',
    });
    sim.dispose();
  });

  test('a per-message delay keeps a message invisible; window + timeout above the visibility timeout stretch it (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html)', async () => {
    const flow = `app slow
type Job = { id: string }
queue jobs: Job { visibility = 20s }
fn work(Job) { timeout = 15s }
jobs -> work { batch = 5, window = 10s }
`;
    const sim = simulator(flow, { work: async () => Promise.reject(new Error('no')) });
    sim.inject({ kind: 'send', queue: 'jobs', message: { id: 'a' }, delaySeconds: 3 });
    await sim.run({ untilMs: 60_000 });
    // 10 s window + 15 s timeout > 20 s: the mapping hides messages for 10 + 15 + 30 = 55 s.
    expect(
      hasLines(
        normalizedTrace(sim),
        `
        +00:00:00.000  jobs  send    message #1 from test · delayed 3s · {"id":"a"}
        +00:00:13.000  work  invoke  batch of 1 from jobs (#1) · request #2
        +00:00:13.000  work  error   Error: no
        +00:00:13.000  jobs  retry   the batch of 1 stays hidden until +00:00:58.000 (visibility timeout 55s)
      `,
      ),
    ).toBe(true);
    sim.dispose();
  });
});

describe('queue mapping concurrency (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html)', () => {
  test('`concurrency` caps the batches in flight at once; the next batch starts when one ends', async () => {
    const flow = `app capped
type Job = { id: string }
queue jobs: Job { visibility = 1m }
fn work(Job) { timeout = 10s }
jobs -> work { batch = 1, concurrency = 2 }
`;
    const starts: number[] = [];
    const sim = simulator(flow, { work: async () => void starts.push(sim.nowMs) }, { duration: 5000 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) sim.inject({ kind: 'send', queue: 'jobs', message: { id } });
    await sim.run();
    expect(starts).toEqual([0, 0, 5000, 5000, 10_000]);
    sim.dispose();
  });
});

const LEDGER = `app ledger
type Transfer = { id: string, account: string, amount: int }
queue postings: Transfer { fifo = true, group = account, dedupe = id, visibility = 1m }
fn post(Transfer) { timeout = 10s }
postings -> post { batch = 1 }
`;

describe('SQS FIFO queue (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html, https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html)', () => {
  test('a group waits for its failed message; other groups go on; a duplicate id is dropped for 5 minutes', async () => {
    let failedOnce = false;
    const post: TestHandler = async (event: { Records: SqsRecord[] }) => {
      const transfer = JSON.parse(event.Records[0]!.body) as { id: string };
      if (transfer.id === 't1' && !failedOnce) {
        failedOnce = true;
        throw new Error('ledger locked');
      }
    };
    const sim = simulator(LEDGER, { post });
    sim.inject({ kind: 'send', queue: 'postings', message: { id: 't1', account: 'A', amount: 10 } }, 0);
    sim.inject({ kind: 'send', queue: 'postings', message: { id: 't2', account: 'B', amount: 20 } }, 0);
    sim.inject({ kind: 'send', queue: 'postings', message: { id: 't3', account: 'A', amount: 30 } }, 0);
    sim.inject({ kind: 'send', queue: 'postings', message: { id: 't1', account: 'A', amount: 10 } }, 10_000);
    sim.inject({ kind: 'send', queue: 'postings', message: { id: 't1', account: 'A', amount: 10 } }, 301_000);
    await sim.run();
    expect(normalizedTrace(sim)).toBe(
      lines(`
        +00:00:00.000  postings  send       message #1 from test · group A · {"id":"t1","account":"A","amount":10}
        +00:00:00.000  postings  send       message #2 from test · group B · {"id":"t2","account":"B","amount":20}
        +00:00:00.000  postings  send       message #3 from test · group A · {"id":"t3","account":"A","amount":30}
        +00:00:00.000  post      invoke     batch of 1 from postings (#1) · request #4
        +00:00:00.000  post      error      Error: ledger locked
        +00:00:00.000  postings  retry      the batch of 1 stays hidden until +00:01:00.000 (visibility timeout 1m)
        +00:00:00.000  post      invoke     batch of 1 from postings (#2) · request #5
        +00:00:00.000  post      ok         returned nothing
        +00:00:10.000  postings  duplicate  from test dropped: deduplication id t1 was sent at +00:00:00.000, within 5m
        +00:01:00.000  postings  return     message #1 visible again after the visibility timeout 1m · received 1 time
        +00:01:00.000  post      invoke     batch of 1 from postings (#1) · receive 2 · request #6
        +00:01:00.000  post      ok         returned nothing
        +00:01:00.000  post      invoke     batch of 1 from postings (#3) · request #7
        +00:01:00.000  post      ok         returned nothing
        +00:05:01.000  postings  send       message #8 from test · group A · {"id":"t1","account":"A","amount":10}
        +00:05:01.000  post      invoke     batch of 1 from postings (#8) · request #9
        +00:05:01.000  post      ok         returned nothing
      `),
    );
    sim.dispose();
  });

  test('a batch takes as many messages of one group as it can, in order, then the next group', async () => {
    const batches: string[][] = [];
    const sim = simulator(LEDGER.replace('batch = 1', 'batch = 4'), {
      post: async (event: { Records: SqsRecord[] }) => void batches.push(event.Records.map((record) => (JSON.parse(record.body) as { id: string }).id)),
    });
    for (const [id, account] of [['a1', 'A'], ['b1', 'B'], ['a2', 'A'], ['c1', 'C'], ['b2', 'B'], ['a3', 'A']] as const) {
      sim.inject({ kind: 'send', queue: 'postings', message: { id, account, amount: 1 } });
    }
    await sim.run();
    // After the first batch, C's next message (c1) is older than B's (b2): C goes first.
    expect(batches).toEqual([['a1', 'a2', 'a3', 'b1'], ['c1', 'b2']]);
    sim.dispose();
  });

  test('content-based deduplication uses the SHA-256 of the body; FIFO attributes are on the record', async () => {
    const flow = `app ledger
type Transfer = { id: string, account: string, amount: int }
queue postings: Transfer { fifo = true, group = account, dedupe = content }
fn post(Transfer)
postings -> post
`;
    const records: SqsRecord[] = [];
    const sim = simulator(flow, { post: async (event: { Records: SqsRecord[] }) => void records.push(...event.Records) });
    sim.inject({ kind: 'send', queue: 'postings', message: { id: 't1', account: 'A', amount: 1 } });
    sim.inject({ kind: 'send', queue: 'postings', message: { id: 't1', account: 'A', amount: 1 } }, 1000);
    sim.inject({ kind: 'send', queue: 'postings', message: { id: 't1', account: 'A', amount: 2 } }, 2000);
    await sim.run();
    expect(records.map((record) => record.body)).toEqual(['{"id":"t1","account":"A","amount":1}', '{"id":"t1","account":"A","amount":2}']);
    expect(records[0]!.attributes).toMatchObject({
      SequenceNumber: '00000000000000000001',
      MessageGroupId: 'A',
      MessageDeduplicationId: createHash('sha256').update('{"id":"t1","account":"A","amount":1}').digest('hex'),
    });
    expect(sim.summary().duplicates).toEqual({ postings: 1 });
    sim.dispose();
  });

  test('deduplication scoped to the message group: the same id in another group is not a duplicate', async () => {
    const flow = `app ledger
type Transfer = { id: string, account: string, amount: int }
queue postings: Transfer { fifo = true, group = account, dedupe = id, dedupe_scope = group }
fn post(Transfer)
postings -> post
`;
    const groups: string[] = [];
    const sim = simulator(flow, { post: async (event: { Records: SqsRecord[] }) => void groups.push(...event.Records.map((record) => record.attributes.MessageGroupId!)) });
    sim.inject({ kind: 'send', queue: 'postings', message: { id: 't1', account: 'A', amount: 1 } });
    sim.inject({ kind: 'send', queue: 'postings', message: { id: 't1', account: 'B', amount: 1 } });
    sim.inject({ kind: 'send', queue: 'postings', message: { id: 't1', account: 'B', amount: 1 } });
    await sim.run();
    expect(sim.summary().duplicates).toEqual({ postings: 1 });
    expect(groups).toEqual(['A', 'B']);
    sim.dispose();
  });

  test('a FIFO send without a group id, or with a per-message delay, fails as on AWS', () => {
    const sim = simulator(LEDGER, { post: async () => undefined });
    expect(() => sim.router.sendMessage('postings', { body: '{}', deduplicationId: 'x', from: 'test' })).toThrow('The request must contain the parameter MessageGroupId.');
    expect(() => sim.router.sendMessage('postings', { body: '{}', groupId: 'A', deduplicationId: 'x', delaySeconds: 5, from: 'test' })).toThrow(/DelaySeconds is invalid/);
    expect(() => sim.router.sendMessage('postings', { body: '{}', groupId: 'A', from: 'test' })).toThrow(/ContentBasedDeduplication/);
    sim.dispose();
  });

  test('to a FIFO dead-letter queue a message keeps its group; its deduplication id becomes its message id', async () => {
    const flow = `app ledger
type Transfer = { id: string, account: string, amount: int }
queue postings: Transfer { fifo = true, group = account, dedupe = id, visibility = 10s, dlq = postings_dead, max_receives = 1 }
queue postings_dead: Transfer { fifo = true }
fn post(Transfer) { timeout = 10s }
postings -> post
`;
    const sim = simulator(flow, { post: async () => Promise.reject(new Error('no')) });
    sim.inject({ kind: 'send', queue: 'postings', message: { id: 't1', account: 'A', amount: 1 } });
    await sim.run();
    const [dead] = sim.queueMessages('postings_dead');
    expect(dead).toMatchObject({ groupId: 'A', deduplicationId: dead!.id });
    sim.dispose();
  });
});
