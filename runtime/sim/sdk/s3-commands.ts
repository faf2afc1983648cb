import { s3 } from '../../aws/s3.js';
import { AwsServiceError } from '../errors.js';
import type { Router, StoredObject } from '../world.js';

type Input = Readonly<Record<string, unknown>>;

export interface BucketAccess {
  readonly router: Router;
  readonly from: () => string;
  /** The flow's bucket of a `Bucket` parameter (its physical name, as the send-target variable gives it). */
  readonly resolve: (address: unknown) => string;
}

/** What the SDK's GetObject returns as `Body`: a stream with the SDK's `transformTo…` methods. */
function body(bytes: Uint8Array) {
  return {
    transformToByteArray: async (): Promise<Uint8Array> => bytes,
    transformToString: async (encoding = 'utf-8'): Promise<string> => new TextDecoder(encoding).decode(bytes),
  };
}

function objectOf(access: BucketAccess, input: Input): { readonly bucket: string; readonly key: string; readonly object: StoredObject } {
  const bucket = access.resolve(input.Bucket);
  const key = requireKey(input.Key);
  const object = access.router.getObject(bucket, key);
  if (object === undefined) throw new AwsServiceError('NoSuchKey', 'The specified key does not exist.', { Key: key });
  return { bucket, key, object };
}

function requireKey(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new AwsServiceError('InvalidRequest', 'Key is required');
  return value;
}

function bytesOf(value: unknown): Uint8Array {
  if (value === undefined) return new Uint8Array();
  if (typeof value === 'string') return new TextEncoder().encode(value);
  if (value instanceof Uint8Array) return value;
  throw new AwsServiceError('InvalidRequest', 'the simulator takes a PutObject Body of a string or a Uint8Array (not a stream)');
}

/** The S3 commands of flowc/runtime's bucket client, and of handler code that uses the same ones. */
export function s3Command(access: BucketAccess, command: string, input: Input): unknown {
  switch (command) {
    case 'PutObject': {
      const bucket = access.resolve(input.Bucket);
      const result = access.router.putObject(bucket, {
        key: requireKey(input.Key),
        body: bytesOf(input.Body),
        contentType: typeof input.ContentType === 'string' ? input.ContentType : undefined,
        metadata: (input.Metadata ?? undefined) as Record<string, string> | undefined,
        from: access.from(),
      });
      return { ETag: result.etag, ...(result.versionId === undefined ? {} : { VersionId: result.versionId }), $metadata: {} };
    }
    case 'GetObject':
    case 'HeadObject': {
      const { object } = objectOf(access, input);
      const head = {
        ETag: object.etag,
        ContentLength: object.body.length,
        ContentType: object.contentType,
        Metadata: { ...object.metadata },
        // A Date of virtual time, as the SDK types it: no clock is read.
        // eslint-disable-next-line no-restricted-globals
        LastModified: new Date(object.lastModifiedMs),
        ...(object.versionId === undefined ? {} : { VersionId: object.versionId }),
        $metadata: {},
      };
      return command === 'GetObject' ? { ...head, Body: body(object.body) } : head;
    }
    case 'DeleteObject': {
      const bucket = access.resolve(input.Bucket);
      access.router.deleteObject(bucket, requireKey(input.Key), access.from());
      return { $metadata: {} };
    }
    case 'ListObjectsV2': {
      const bucket = access.resolve(input.Bucket);
      const max = typeof input.MaxKeys === 'number' ? input.MaxKeys : s3.listKeysMax;
      const prefix = typeof input.Prefix === 'string' ? input.Prefix : '';
      const after = typeof input.ContinuationToken === 'string' ? input.ContinuationToken : typeof input.StartAfter === 'string' ? input.StartAfter : undefined;
      const page = access.router.listObjects(bucket, { prefix, after, max });
      return {
        // eslint-disable-next-line no-restricted-globals -- a Date of virtual time, as the SDK types it: no clock is read
        Contents: page.objects.map((o) => ({ Key: o.key, Size: o.body.length, ETag: o.etag, LastModified: new Date(o.lastModifiedMs), StorageClass: 'STANDARD' })),
        KeyCount: page.objects.length,
        IsTruncated: page.next !== undefined,
        ...(page.next === undefined ? {} : { NextContinuationToken: page.next }),
        Prefix: prefix,
        MaxKeys: max,
        Name: typeof input.Bucket === 'string' ? input.Bucket : '',
        $metadata: {},
      };
    }
    default:
      throw new Error(`flowc sim: s3 ${command} is not modelled by the simulator (see docs/simulator.md, "Buckets")`);
  }
}
