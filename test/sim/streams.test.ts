import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { bodyOf, hasLines, kinesisData, lines, normalizedTrace, simulator, type TestHandler } from './helpers.js';

interface KinesisRecord {
  kinesis: { partitionKey: string; sequenceNumber: string; data: string; approximateArrivalTimestamp: number };
  eventID: string;
}

const failOnPoison: TestHandler = async (event: { Records: KinesisRecord[] }) => {
  for (const record of event.Records) if ((kinesisData(record) as { page: string }).page === 'poison') throw new Error('poison click');
};

const CLICKS = `app clicks
type Click = { session: string, page: string }
queue clicks_dead
stream clicks: Click { shards = 2, partition = session }
fn track(Click)
clicks -> track { batch = 4, window = 2s, retries = 1, bisect = true, start = latest, max_age = 1h, on_failure = clicks_dead }
`;

describe('Kinesis stream and its event source mapping (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html, https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html, https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html)', () => {
  test('per-shard batches with a window; bisect isolates the poison record, which is retried, then discarded to on_failure', async () => {
    // MD5 puts alpha and gamma on shard 0 of 2, beta on shard 1 (checked below with node:crypto).
    const sim = simulator(CLICKS, { track: failOnPoison });
    sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: 'alpha', page: 'p1' } }, 0);
    sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: 'beta', page: 'p1' } }, 0);
    sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: 'gamma', page: 'p1' } }, 500);
    sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: 'alpha', page: 'poison' } }, 500);
    sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: 'gamma', page: 'p2' } }, 1200);
    await sim.run();
    // Shards are polled each second; a 2 s window opened at 0 s closes at 2 s, when shard 0 has
    // its 4 records. Halves are retried on the next poll without using a retry; the poison
    // record alone uses its one retry at 5 s, then is discarded and its half-mate processed.
    expect(normalizedTrace(sim)).toBe(
      lines(`
        +00:00:00.000  clicks       put-record  shardId-000000000000 seq 49000000000000000001 key alpha from test · {"session":"alpha","page":"p1"}
        +00:00:00.000  clicks       put-record  shardId-000000000001 seq 49001000000000000001 key beta from test · {"session":"beta","page":"p1"}
        +00:00:00.500  clicks       put-record  shardId-000000000000 seq 49000000000000000002 key gamma from test · {"session":"gamma","page":"p1"}
        +00:00:00.500  clicks       put-record  shardId-000000000000 seq 49000000000000000003 key alpha from test · {"session":"alpha","page":"poison"}
        +00:00:01.200  clicks       put-record  shardId-000000000000 seq 49000000000000000004 key gamma from test · {"session":"gamma","page":"p2"}
        +00:00:02.000  track        invoke      batch of 4 from clicks shardId-000000000000 · request #1
        +00:00:02.000  track        error       Error: poison click
        +00:00:02.000  clicks       bisect      batch of 4 split into 2 + 2
        +00:00:02.000  track        invoke      batch of 1 from clicks shardId-000000000001 · request #2
        +00:00:02.000  track        ok          returned nothing
        +00:00:03.000  track        invoke      batch of 2 from clicks shardId-000000000000 · request #3
        +00:00:03.000  track        ok          returned nothing
        +00:00:03.000  track        invoke      batch of 2 from clicks shardId-000000000000 · request #4
        +00:00:03.000  track        error       Error: poison click
        +00:00:03.000  clicks       bisect      batch of 2 split into 1 + 1
        +00:00:04.000  track        invoke      batch of 1 from clicks shardId-000000000000 · request #5
        +00:00:04.000  track        error       Error: poison click
        +00:00:05.000  track        invoke      batch of 1 from clicks shardId-000000000000 · retry 1 · request #6
        +00:00:05.000  track        error       Error: poison click
        +00:00:05.000  clicks       on-failure  1 record of shardId-000000000000 discarded (49000000000000000003): RetryAttemptsExhausted, 2 attempts failed (retries 1) → clicks_dead
        +00:00:05.000  clicks_dead  send        message #7 from clicks->track on_failure · on-failure record (RetryAttemptsExhausted, 1 record of shardId-000000000000)
        +00:00:05.000  track        invoke      batch of 1 from clicks shardId-000000000000 · request #8
        +00:00:05.000  track        ok          returned nothing
      `),
    );
    const md5 = (key: string) => BigInt(`0x${createHash('md5').update(key).digest('hex')}`);
    expect([md5('alpha') < 1n << 127n, md5('gamma') < 1n << 127n, md5('beta') < 1n << 127n]).toEqual([true, true, false]);
    expect(bodyOf(sim.queueMessages('clicks_dead')[0]!)).toEqual({
      requestContext: { requestId: expect.any(String), functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:clicks-track', condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: '2026-01-01T00:00:05.000Z',
      KinesisBatchInfo: {
        shardId: 'shardId-000000000000',
        startSequenceNumber: '49000000000000000003',
        endSequenceNumber: '49000000000000000003',
        approximateArrivalOfFirstRecord: '2026-01-01T00:00:00.500Z',
        approximateArrivalOfLastRecord: '2026-01-01T00:00:00.500Z',
        batchSize: 1,
        streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks-clicks',
      },
    });
    sim.dispose();
  });

  test('the Kinesis event: base64 JSON data, the partition key, the arrival time in seconds', async () => {
    const records: KinesisRecord[] = [];
    const sim = simulator(CLICKS, { track: async (event: { Records: KinesisRecord[] }) => void records.push(...event.Records) });
    sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: 'beta', page: 'home' } }, 1500);
    await sim.run();
    expect(records).toEqual([
      {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: 'beta',
          sequenceNumber: '49001000000000000001',
          data: Buffer.from('{"session":"beta","page":"home"}').toString('base64'),
          approximateArrivalTimestamp: 1767225601.5,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: 'shardId-000000000001:49001000000000000001',
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: 'arn:aws:iam::000000000000:role/flowc-sim',
        awsRegion: 'us-east-1',
        eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/clicks-clicks',
      },
    ]);
    sim.dispose();
  });

  test('a partial batch response checkpoints before the lowest failed record and retries from it', async () => {
    const flow = `app clicks
type Click = { session: string, page: string }
stream clicks: Click { shards = 1, partition = session }
fn track(Click)
clicks -> track { batch = 10, retries = 2, start = trim_horizon, report_failures = true }
`;
    let calls = 0;
    const track: TestHandler = async (event: { Records: KinesisRecord[] }) => {
      calls++;
      const bad = event.Records.find((record) => (kinesisData(record) as { page: string }).page === 'poison');
      return bad !== undefined && calls < 3 ? { batchItemFailures: [{ itemIdentifier: bad.kinesis.sequenceNumber }] } : {};
    };
    const sim = simulator(flow, { track });
    for (const [i, page] of ['p1', 'p2', 'poison', 'p4'].entries()) sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: 'alpha', page } }, i * 100);
    await sim.run();
    expect(
      hasLines(
        normalizedTrace(sim),
        `
        +00:00:01.000  track   invoke      batch of 3 from clicks shardId-000000000000 · request #2
        +00:00:01.000  track   ok          returned {"batchItemFailures":[{"itemIdentifier":"49000000000000000003"}]}
        +00:00:01.000  clicks  partial     1 of 3 records checkpointed; retrying from 49000000000000000003
        +00:00:02.000  track   invoke      batch of 2 from clicks shardId-000000000000 · retry 1 · request #3
        +00:00:02.000  track   ok          returned {}
      `,
      ),
    ).toBe(true);
    sim.dispose();
  });

  test('without a retry limit a poison record blocks its shard until it is older than max_age (RecordAgeExceeded)', async () => {
    const flow = `app clicks
type Click = { session: string, page: string }
queue dead
stream clicks: Click { shards = 1, partition = session }
fn track(Click)
clicks -> track { batch = 10, max_age = 1m, start = trim_horizon, on_failure = dead }
`;
    const sim = simulator(flow, { track: failOnPoison }, { streams: { kinesisPollInterval: '10s' } });
    sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: 'alpha', page: 'poison' } }, 0);
    sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: 'alpha', page: 'p2' } }, 30_000);
    await sim.run();
    expect(
      hasLines(
        normalizedTrace(sim),
        `
        +00:01:00.000  track   invoke      batch of 1 from clicks shardId-000000000000 · retry 6 · request #7
        +00:01:00.000  track   error       Error: poison click
        +00:01:10.000  clicks  on-failure  1 record of shardId-000000000000 discarded (49000000000000000001): RecordAgeExceeded, older than max_age 1m → dead
        +00:01:10.000  dead    send        message #8 from clicks->track on_failure · on-failure record (RecordAgeExceeded, 1 record of shardId-000000000000)
        +00:01:10.000  track   invoke      batch of 1 from clicks shardId-000000000000 · request #9
        +00:01:10.000  track   ok          returned nothing
      `,
      ),
    ).toBe(true);
    expect(sim.summary().retries.stream).toBe(7);
    sim.dispose();
  });

  const LANES = `app clicks
type Click = { session: string, page: string }
stream clicks: Click { shards = 1, partition = session }
fn track(Click)
clicks -> track { batch = 10, parallel = 2, retries = 3, start = trim_horizon }
`;
  const laneRecords = [
    ['alpha', 'poison'],
    ['gamma', 'g1'],
    ['alpha', 'a2'],
    ['gamma', 'g2'],
  ] as const;

  test('parallel = 2: a failing batch blocks only its lane; the other partition keys go on', async () => {
    const sim = simulator(LANES, { track: failOnPoison });
    for (const [i, [session, page]] of laneRecords.entries()) sim.inject({ kind: 'put-record', stream: 'clicks', record: { session, page } }, i * 1000);
    await sim.run();
    // alpha hashes to lane 2 and gamma to lane 1; alpha's a2 waits behind its poison record.
    expect(normalizedTrace(sim)).toBe(
      lines(`
        +00:00:00.000  clicks  put-record  shardId-000000000000 seq 49000000000000000001 key alpha from test · {"session":"alpha","page":"poison"}
        +00:00:00.000  track   invoke      batch of 1 from clicks shardId-000000000000 lane 2 of 2 · request #1
        +00:00:00.000  track   error       Error: poison click
        +00:00:01.000  clicks  put-record  shardId-000000000000 seq 49000000000000000002 key gamma from test · {"session":"gamma","page":"g1"}
        +00:00:01.000  track   invoke      batch of 1 from clicks shardId-000000000000 lane 2 of 2 · retry 1 · request #2
        +00:00:01.000  track   error       Error: poison click
        +00:00:01.000  track   invoke      batch of 1 from clicks shardId-000000000000 lane 1 of 2 · request #3
        +00:00:01.000  track   ok          returned nothing
        +00:00:02.000  clicks  put-record  shardId-000000000000 seq 49000000000000000003 key alpha from test · {"session":"alpha","page":"a2"}
        +00:00:02.000  track   invoke      batch of 1 from clicks shardId-000000000000 lane 2 of 2 · retry 2 · request #4
        +00:00:02.000  track   error       Error: poison click
        +00:00:03.000  clicks  put-record  shardId-000000000000 seq 49000000000000000004 key gamma from test · {"session":"gamma","page":"g2"}
        +00:00:03.000  track   invoke      batch of 1 from clicks shardId-000000000000 lane 2 of 2 · retry 3 · request #5
        +00:00:03.000  track   error       Error: poison click
        +00:00:03.000  clicks  on-failure  1 record of shardId-000000000000 discarded (49000000000000000001): RetryAttemptsExhausted, 4 attempts failed (retries 3) · no on_failure destination
        +00:00:03.000  track   invoke      batch of 1 from clicks shardId-000000000000 lane 1 of 2 · request #6
        +00:00:03.000  track   ok          returned nothing
        +00:00:03.000  track   invoke      batch of 1 from clicks shardId-000000000000 lane 2 of 2 · request #7
        +00:00:03.000  track   ok          returned nothing
      `),
    );
    sim.dispose();
  });

  test('parallel = 2 with parallelFailureBlocking shard: the failing lane holds back every lane of its shard', async () => {
    const sim = simulator(LANES, { track: failOnPoison }, { streams: { parallelFailureBlocking: 'shard' } });
    for (const [i, [session, page]] of laneRecords.entries()) sim.inject({ kind: 'put-record', stream: 'clicks', record: { session, page } }, i * 1000);
    await sim.run();
    expect(
      hasLines(
        normalizedTrace(sim),
        `
        +00:00:03.000  clicks  on-failure  1 record of shardId-000000000000 discarded (49000000000000000001): RetryAttemptsExhausted, 4 attempts failed (retries 3) · no on_failure destination
        +00:00:03.000  track   invoke      batch of 2 from clicks shardId-000000000000 lane 1 of 2 · request #5
        +00:00:03.000  track   ok          returned nothing
        +00:00:03.000  track   invoke      batch of 1 from clicks shardId-000000000000 lane 2 of 2 · request #6
      `,
      ),
    ).toBe(true);
    sim.dispose();
  });

  test('a record needs a partition key: from the field the stream names, or given', () => {
    const flow = `app clicks
type Click = { session: string, page: string }
stream clicks: Click { shards = 1 }
fn track(Click)
clicks -> track { start = latest }
`;
    const sim = simulator(flow, { track: async () => undefined });
    expect(() => sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: 's', page: 'p' } })).toThrow('stream clicks needs a partitionKey');
    expect(() => sim.inject({ kind: 'put-record', stream: 'clicks', record: { session: 's', page: 'p' }, partitionKey: 'k' })).not.toThrow();
    sim.dispose();
  });
});

const STOCK = `app stock
type Stock = { sku: string, count: int }
queue failed
table stock: Stock { key = sku, stream = new_and_old }
fn reindex(Stock)
stock -> reindex { start = trim_horizon, retries = 1, on_failure = failed }
`;

interface DynamoRecord {
  eventName: string;
  dynamodb: { Keys: unknown; NewImage?: { count?: { N: string } }; OldImage?: unknown; SequenceNumber: string };
}

describe('DynamoDB stream and its event source mapping (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html, https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html, https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html)', () => {
  test('one record per change (INSERT, MODIFY, REMOVE), none for a write that changes nothing; on_failure gets DDBStreamBatchInfo', async () => {
    const events: { Records: DynamoRecord[] }[] = [];
    const sim = simulator(STOCK, {
      reindex: async (event: { Records: DynamoRecord[] }) => {
        events.push(event);
        if (event.Records.some((record) => record.dynamodb.NewImage?.count?.N === '13')) throw new Error('unlucky');
      },
    });
    sim.inject({ kind: 'put-item', table: 'stock', item: { sku: 'a', count: 1 } }, 0);
    sim.inject({ kind: 'put-item', table: 'stock', item: { sku: 'a', count: 1 } }, 100);
    sim.inject({ kind: 'put-item', table: 'stock', item: { sku: 'a', count: 2 } }, 200);
    sim.inject({ kind: 'delete-item', table: 'stock', key: { sku: 'a' } }, 300);
    sim.inject({ kind: 'put-item', table: 'stock', item: { sku: 'b', count: 13 } }, 1000);
    await sim.run();
    // DynamoDB streams are polled 4 times a second.
    expect(normalizedTrace(sim)).toBe(
      lines(`
        +00:00:00.000  stock    write       put {"sku":"a","count":1} from test · INSERT
        +00:00:00.000  reindex  invoke      batch of 1 from stock shardId-000000000000 · request #1
        +00:00:00.000  reindex  ok          returned nothing
        +00:00:00.100  stock    write       put {"sku":"a","count":1} from test · unchanged, no stream record
        +00:00:00.200  stock    write       put {"sku":"a","count":2} from test · MODIFY
        +00:00:00.250  reindex  invoke      batch of 1 from stock shardId-000000000000 · request #2
        +00:00:00.250  reindex  ok          returned nothing
        +00:00:00.300  stock    write       delete {"sku":"a"} from test · REMOVE
        +00:00:00.500  reindex  invoke      batch of 1 from stock shardId-000000000000 · request #3
        +00:00:00.500  reindex  ok          returned nothing
        +00:00:01.000  stock    write       put {"sku":"b","count":13} from test · INSERT
        +00:00:01.000  reindex  invoke      batch of 1 from stock shardId-000000000000 · request #4
        +00:00:01.000  reindex  error       Error: unlucky
        +00:00:01.250  reindex  invoke      batch of 1 from stock shardId-000000000000 · retry 1 · request #5
        +00:00:01.250  reindex  error       Error: unlucky
        +00:00:01.250  stock    on-failure  1 record of shardId-000000000000 discarded (100000000000000000004): RetryAttemptsExhausted, 2 attempts failed (retries 1) → failed
        +00:00:01.250  failed   send        message #6 from stock->reindex on_failure · on-failure record (RetryAttemptsExhausted, 1 record of shardId-000000000000)
      `),
    );
    const [insert, modify, remove] = events.map((event) => event.Records[0]!);
    expect(insert).toMatchObject({
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: { ApproximateCreationDateTime: 1767225600, Keys: { sku: { S: 'a' } }, NewImage: { sku: { S: 'a' }, count: { N: '1' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/stock-stock/stream/2026-01-01T00:00:00.000',
    });
    expect(insert!.dynamodb).not.toHaveProperty('OldImage');
    expect(modify!.dynamodb).toMatchObject({ NewImage: { count: { N: '2' } }, OldImage: { count: { N: '1' } } });
    expect(remove).toMatchObject({ eventName: 'REMOVE', dynamodb: { OldImage: { sku: { S: 'a' }, count: { N: '2' } } } });
    expect(remove!.dynamodb).not.toHaveProperty('NewImage');
    expect(bodyOf(sim.queueMessages('failed')[0]!)).toMatchObject({
      DDBStreamBatchInfo: {
        shardId: 'shardId-000000000000',
        startSequenceNumber: '100000000000000000004',
        endSequenceNumber: '100000000000000000004',
        approximateArrivalOfFirstRecord: '2026-01-01T00:00:01Z',
        approximateArrivalOfLastRecord: '2026-01-01T00:00:01Z',
        batchSize: 1,
        streamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/stock-stock/stream/2026-01-01T00:00:00.000',
      },
    });
    expect(sim.tableItems('stock')).toEqual([{ sku: 'b', count: 13 }]);
    sim.dispose();
  });

  test('the stream view type decides which images a record carries', async () => {
    const images: string[][] = [];
    for (const view of ['keys', 'new', 'old']) {
      const flow = STOCK.replace('stream = new_and_old', `stream = ${view}`);
      const sim = simulator(flow, { reindex: async (event: { Records: DynamoRecord[] }) => void images.push(Object.keys(event.Records[0]!.dynamodb)) });
      sim.inject({ kind: 'put-item', table: 'stock', item: { sku: 'a', count: 1 } });
      sim.inject({ kind: 'put-item', table: 'stock', item: { sku: 'a', count: 2 } }, 1000);
      await sim.run();
      sim.dispose();
    }
    const base = ['ApproximateCreationDateTime', 'Keys'];
    const tail = ['SequenceNumber', 'SizeBytes', 'StreamViewType'];
    expect(images).toEqual([
      [...base, ...tail],
      [...base, ...tail],
      [...base, 'NewImage', ...tail],
      [...base, 'NewImage', ...tail],
      [...base, ...tail],
      [...base, 'OldImage', ...tail],
    ]);
  });
});
