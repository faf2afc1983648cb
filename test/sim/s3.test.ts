import { describe, expect, test } from 'vitest';
import { parseEventsFile } from '../../runtime/sim/events-file.js';
import { SDK_MODULES } from '../../runtime/sim/sdk/modules.js';
import { bodyOf, manifestOf, simulator } from './helpers.js';

// The simulated @aws-sdk/client-s3, as a handler bundled by the simulator imports it.
type Send = { send(command: unknown): Promise<Record<string, unknown>> };
type Command = new (input: object) => unknown;
const s3 = SDK_MODULES['@aws-sdk/client-s3'] as Record<'PutObjectCommand' | 'GetObjectCommand' | 'DeleteObjectCommand' | 'ListObjectsV2Command', Command> & { S3Client: new () => Send };
const BUCKET = 'files-uploads-000000000000-us-east-1';

const FLOW = `app files
bucket uploads
queue removals
fn ingest { sends = [uploads] }
fn audit
uploads -> ingest { events = [created], prefix = "in/", suffix = ".csv" }
uploads -> removals { events = [removed] }
removals -> audit
`;

describe('S3 buckets in the simulator', () => {
  test('a write notifies the edges whose events, prefix and suffix match; handlers read and write objects', async () => {
    const notified: string[] = [];
    const removed: unknown[] = [];
    const client = new s3.S3Client();
    const sim = simulator(FLOW, {
      ingest: async (event: { Records: { eventName: string; s3: { bucket: { name: string }; object: { key: string; size: number } } }[] }) => {
        const [record] = event.Records;
        notified.push(`${record!.eventName} ${record!.s3.object.key} ${record!.s3.object.size}`);
        expect(record!.s3.bucket.name).toBe(BUCKET);
        const key = decodeURIComponent(record!.s3.object.key.replace(/\+/g, ' '));
        const object = await client.send(new s3.GetObjectCommand({ Bucket: process.env.FLOWC_BUCKET_UPLOADS, Key: key }));
        const text = await (object.Body as { transformToString(): Promise<string> }).transformToString();
        // Outside the edge's prefix: notifies nothing, so no loop.
        await client.send(new s3.PutObjectCommand({ Bucket: process.env.FLOWC_BUCKET_UPLOADS, Key: `out/${key.slice(3)}.len`, Body: String(text.length) }));
      },
      audit: async (event: { Records: { body: string }[] }) => void removed.push(...event.Records.map(bodyOf)),
    });
    sim.inject({ kind: 'put-object', bucket: 'uploads', key: 'in/a b.csv', body: 'id\n1\n' });
    sim.inject({ kind: 'put-object', bucket: 'uploads', key: 'in/b.txt', body: 'not csv' });
    sim.inject({ kind: 'put-object', bucket: 'uploads', key: 'other/c.csv', body: 'x' });
    sim.inject({ kind: 'delete-object', bucket: 'uploads', key: 'in/b.txt' }, 1000);
    sim.inject({ kind: 'delete-object', bucket: 'uploads', key: 'never-written' }, 1000);
    await sim.run({ untilMs: 60_000 });
    expect(notified).toEqual(['ObjectCreated:Put in/a+b.csv 5']);
    expect(sim.router.getObject('uploads', 'out/a b.csv.len')?.body).toEqual(new TextEncoder().encode('5'));
    // An unversioned bucket notifies a delete only of an object that was there.
    expect(removed).toHaveLength(1);
    expect((removed[0] as { Records: { eventName: string; s3: { object: { key: string } } }[] }).Records.map((r) => `${r.eventName} ${r.s3.object.key}`)).toEqual(['ObjectRemoved:Delete in/b.txt']);
    sim.dispose();
  });

  test('one function notified on two edges, one per suffix: each object once, by the edge whose filter it matches', async () => {
    const seen: string[] = [];
    const flow = 'app files\nbucket photos\nfn thumb\nphotos -> thumb { suffix = ".png" }\nphotos -> thumb { suffix = ".jpg" }\n';
    const sim = simulator(flow, {
      thumb: async (event: { Records: { s3: { configurationId: string; object: { key: string } } }[] }) => {
        for (const record of event.Records) seen.push(`${record.s3.object.key} ${record.s3.configurationId}`);
      },
    });
    for (const key of ['a.png', 'b.jpg', 'c.gif']) sim.inject({ kind: 'put-object', bucket: 'photos', key, body: 'x' });
    await sim.run({ untilMs: 60_000 });
    expect(seen.sort()).toEqual(['a.png photos->thumb', 'b.jpg photos->thumb#2']);
    sim.dispose();
  });

  test('GetObject of a missing key is NoSuchKey; ListObjectsV2 pages in key order', async () => {
    const outcome: { error?: string; pages?: string[][] } = {};
    const client = new s3.S3Client();
    const sim = simulator('app files\nbucket uploads\nfn work { sends = [uploads] }\n', {
      work: async () => {
        const Bucket = process.env.FLOWC_BUCKET_UPLOADS;
        try {
          await client.send(new s3.GetObjectCommand({ Bucket, Key: 'missing' }));
        } catch (error) {
          outcome.error = (error as Error).name;
        }
        for (const key of ['b', 'a', 'c/1', 'c/2']) await client.send(new s3.PutObjectCommand({ Bucket, Key: key, Body: key }));
        const pages: string[][] = [];
        let token: string | undefined;
        do {
          const page = await client.send(new s3.ListObjectsV2Command({ Bucket, MaxKeys: 3, ...(token === undefined ? {} : { ContinuationToken: token }) }));
          pages.push((page.Contents as { Key: string }[]).map((o) => o.Key));
          token = page.NextContinuationToken as string | undefined;
        } while (token !== undefined);
        outcome.pages = pages;
      },
    });
    sim.inject({ kind: 'invoke', fn: 'work', event: {} });
    await sim.run({ untilMs: 1000 });
    expect(outcome).toEqual({ error: 'NoSuchKey', pages: [['a', 'b', 'c/1'], ['c/2']] });
    sim.dispose();
  });

  test('a handler that writes into the keys that notify it loops until the event limit', async () => {
    let runs = 0;
    const client = new s3.S3Client();
    const sim = simulator(
      'app files\nbucket uploads\nfn copy { sends = [uploads] }\nuploads -> copy\n',
      {
        copy: async () => {
          runs++;
          await client.send(new s3.PutObjectCommand({ Bucket: process.env.FLOWC_BUCKET_UPLOADS, Key: `copy-${runs}`, Body: 'x' }));
        },
      },
      { limits: { maxEvents: 200 } },
    );
    sim.inject({ kind: 'put-object', bucket: 'uploads', key: 'first', body: '' });
    await expect(sim.run({ untilMs: 60_000 })).rejects.toThrow(/seed/);
    expect(runs).toBeGreaterThan(10);
    sim.dispose();
  });

  test('events.json: `put` with a body (text, or JSON of anything else) and `how`, `delete`; mistakes are named', () => {
    const manifest = manifestOf(FLOW);
    const file = parseEventsFile(
      JSON.stringify({ events: [{ to: 'uploads', put: 'in/a.csv', body: 'id\n' }, { at: '1s', to: 'uploads', put: 'in/b.json', body: { n: 1 }, how: 'copy' }, { to: 'uploads', delete: 'in/a.csv' }] }),
      manifest,
    );
    expect(file.events.map((e) => e.injection)).toEqual([
      { kind: 'put-object', bucket: 'uploads', key: 'in/a.csv', body: 'id\n', contentType: undefined, how: undefined },
      { kind: 'put-object', bucket: 'uploads', key: 'in/b.json', body: '{"n":1}', contentType: undefined, how: 'copy' },
      { kind: 'delete-object', bucket: 'uploads', key: 'in/a.csv' },
    ]);
    expect(() => parseEventsFile(JSON.stringify({ events: [{ to: 'uploads', message: {} }] }), manifest)).toThrow('"message" does not apply to bucket uploads (it takes put, delete, body, contentType, how)');
    expect(() => parseEventsFile(JSON.stringify({ events: [{ to: 'uploads', put: 3 }] }), manifest)).toThrow('"put" must be the key of the object, a string');
    expect(() => parseEventsFile(JSON.stringify({ events: [{ to: 'uploads', put: 'k', how: 'upload' }] }), manifest)).toThrow('"how" must be put, post, copy or multipart');
  });
});
