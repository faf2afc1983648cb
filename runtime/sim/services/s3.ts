import { s3 } from '../../aws/s3.js';
import type { BucketSpec, NotificationEdge, S3EventType } from '../../manifest/schema.js';
import { isoTime } from '../time.js';
import { AwsServiceError } from '../errors.js';
import { Priority } from '../event-queue.js';
import { md5Hex } from '../hashing.js';
import { preview } from '../trace.js';
import type { ObjectPutInput, ObjectPutResult, StoredObject, World } from '../world.js';

interface Bucket {
  readonly spec: BucketSpec;
  readonly physical: string;
  readonly arn: string;
  readonly objects: Map<string, StoredObject>;
  readonly notifications: NotificationEdge[];
  versions: number;
  sequence: number;
}

/**
 * Amazon S3, as far as a flow uses it: an object store per bucket (PutObject, GetObject,
 * DeleteObject, ListObjectsV2 in key order) and event notifications
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html). A write
 * notifies every edge of the bucket whose event types and key prefix and suffix match, at once:
 * a function is invoked asynchronously with an `S3Event` of one record, a queue or topic gets
 * its JSON as the message. S3 delivers at least once and in no guaranteed order; the simulator
 * delivers each event once, in write order. S3's `s3:TestEvent` is not sent. A handler that
 * writes to the bucket that notifies it loops until the run's event limit, as other loops do.
 */
export class S3Service {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly world: World) {
    for (const spec of world.manifest.buckets) {
      const physical = world.addresses.physicalName('bucket', spec.name);
      this.buckets.set(spec.name, { spec, physical, arn: world.addresses.arn('bucket', spec.name), objects: new Map(), notifications: [], versions: 0, sequence: 0 });
    }
    for (const edge of world.manifest.edges) {
      if (edge.kind === 'notification') this.buckets.get(edge.source)?.notifications.push(edge);
    }
  }

  private bucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (bucket === undefined) throw new AwsServiceError('NoSuchBucket', `The specified bucket does not exist: ${name}`);
    return bucket;
  }

  put(name: string, input: ObjectPutInput): ObjectPutResult {
    const bucket = this.bucket(name);
    if (input.key === '' || Buffer.byteLength(input.key) > s3.keyBytesMax) throw new AwsServiceError('KeyTooLongError', 'Your key is too long (1 to 1,024 bytes)');
    const etag = `"${md5Hex(Buffer.from(input.body).toString('latin1'))}"`;
    const versionId = bucket.spec.versioned ? `v${String(++bucket.versions).padStart(8, '0')}` : undefined;
    const object: StoredObject = { key: input.key, body: input.body, etag, contentType: input.contentType ?? 'binary/octet-stream', metadata: input.metadata ?? {}, versionId, lastModifiedMs: this.world.epochMs() };
    bucket.objects.set(input.key, object);
    this.world.trace.record(name, 'put-object', `object ${input.key} (${input.body.length} bytes) from ${input.from}${input.label === undefined ? '' : ` · ${input.label}`}`);
    this.notify(bucket, input.eventType ?? 's3:ObjectCreated:Put', object, input.from);
    return { etag, ...(versionId === undefined ? {} : { versionId }) };
  }

  get(name: string, key: string): StoredObject | undefined {
    return this.bucket(name).objects.get(key);
  }

  delete(name: string, key: string, from: string): void {
    const bucket = this.bucket(name);
    const object = bucket.objects.get(key);
    bucket.objects.delete(key);
    // A versioned bucket keeps the versions and adds a delete marker; an unversioned one notifies only when there was an object.
    if (bucket.spec.versioned) {
      this.world.trace.record(name, 'delete-object', `object ${key} from ${from} (a delete marker: the versions are kept)`);
      this.notify(bucket, 's3:ObjectRemoved:DeleteMarkerCreated', { key, versionId: `v${String(++bucket.versions).padStart(8, '0')}` }, from);
    } else if (object !== undefined) {
      this.world.trace.record(name, 'delete-object', `object ${key} from ${from}`);
      this.notify(bucket, 's3:ObjectRemoved:Delete', { key }, from);
    }
  }

  /** ListObjectsV2: keys in UTF-8 binary order after the continuation token (here: the last key listed). */
  list(name: string, options: { readonly prefix: string; readonly after: string | undefined; readonly max: number }): { readonly objects: StoredObject[]; readonly next: string | undefined } {
    const keys = [...this.bucket(name).objects.keys()].filter((k) => k.startsWith(options.prefix) && (options.after === undefined || k > options.after)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const max = Math.min(Math.max(options.max, 0), s3.listKeysMax);
    const page = keys.slice(0, max).map((k) => this.bucket(name).objects.get(k) as StoredObject);
    return { objects: page, next: keys.length > max ? page.at(-1)?.key : undefined };
  }

  private notify(bucket: Bucket, eventType: S3EventType, object: { readonly key: string; readonly body?: Uint8Array; readonly etag?: string; readonly versionId?: string | undefined }, from: string): void {
    const edges = bucket.notifications.filter((edge) => edge.events.some((e) => matches(e, eventType)) && object.key.startsWith(edge.prefix ?? '') && object.key.endsWith(edge.suffix ?? ''));
    if (edges.length === 0) return;
    const sequencer = (++bucket.sequence).toString(16).toUpperCase().padStart(16, '0');
    const world = this.world;
    world.schedule(world.clock.nowMs, Priority.Arrive, () => {
      for (const edge of edges) {
        const event = s3Event(bucket, edge, eventType, object, sequencer, world);
        const via = `bucket ${bucket.spec.name}`;
        const label = `${eventType.slice(3)} ${object.key}`;
        try {
          if (edge.targetKind === 'fn') world.router.invokeAsync(edge.target, event, via);
          else if (edge.targetKind === 'queue') world.router.sendMessage(edge.target, { body: JSON.stringify(event), from: via, label });
          else world.router.publish(edge.target, { message: JSON.stringify(event), subject: 'Amazon S3 Notification', from: via, label });
        } catch (error) {
          world.trace.record(bucket.spec.name, 'warning', `notification to ${edge.target} failed: ${(error as Error).message}; the event is dropped for it (${preview(label, 80)})`);
        }
      }
    });
    void from;
  }
}

/** Whether an edge's event type (`s3:ObjectCreated:*`) takes an event (`s3:ObjectCreated:Put`). */
function matches(edgeType: string, eventType: string): boolean {
  return edgeType === eventType || (edgeType.endsWith(':*') && eventType.startsWith(edgeType.slice(0, -1)));
}

/** S3's event message for one object (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html). */
function s3Event(bucket: Bucket, edge: NotificationEdge, eventType: S3EventType, object: { readonly key: string; readonly body?: Uint8Array; readonly etag?: string; readonly versionId?: string | undefined }, sequencer: string, world: World) {
  const created = eventType.startsWith('s3:ObjectCreated:');
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: world.options.region,
        eventTime: isoTime(world.epochMs()),
        eventName: eventType.slice(3),
        userIdentity: { principalId: 'SIMULATED' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': world.rng.uuid().slice(0, 16).toUpperCase(), 'x-amz-id-2': 'SIMULATED' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: edge.id,
          bucket: { name: bucket.physical, ownerIdentity: { principalId: 'SIMULATED' }, arn: bucket.arn },
          object: {
            // S3 sends the key URL-encoded, a space as `+` (s3Objects of flowc/runtime decodes it).
            key: encodeURIComponent(object.key).replace(/%20/g, '+').replace(/%2F/g, '/'),
            ...(created && object.body !== undefined ? { size: object.body.length, eTag: (object.etag ?? '').replace(/"/g, '') } : {}),
            ...(object.versionId === undefined ? {} : { versionId: object.versionId }),
            sequencer,
          },
        },
      },
    ],
  };
}
