/**
 * The typed client of a bucket a function `sends` to: put, get, delete and list objects with
 * the AWS SDK v3 (`@aws-sdk/client-s3`), exactly the commands the function's role is granted
 * (runtime/aws/iam.ts `executionRole.send.bucket`, `listBucket`).
 */
import { s3 } from '../aws/s3.js';
import { targetAddress } from './address.js';
import { s3Sdk } from './sdk.js';

export interface PutObjectOptions {
  /** `Content-Type` (default: `application/octet-stream`, S3's). */
  readonly contentType?: string;
  /** User metadata (`x-amz-meta-…`). */
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface PutObjectResult {
  readonly etag: string | undefined;
  /** Versioned buckets only. */
  readonly versionId: string | undefined;
}

export interface BucketObject {
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType: string | undefined;
  readonly etag: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  /** The body as UTF-8 text. */
  text(): string;
}

export interface ListedObject {
  readonly key: string;
  readonly size: number;
  readonly etag: string | undefined;
}

export interface ListPage {
  readonly objects: readonly ListedObject[];
  /** Pass as `after` to read the next page; absent on the last. */
  readonly next?: string;
}

export interface BucketClient {
  /** PutObject: a string is stored as UTF-8. Every put notifies the bucket's targets whose filters match the key. */
  put(key: string, body: string | Uint8Array, options?: PutObjectOptions): Promise<PutObjectResult>;
  /** GetObject; undefined when the bucket has no object with this key (NoSuchKey). */
  get(key: string): Promise<BucketObject | undefined>;
  /** DeleteObject (S3 answers the same whether the object existed or not). */
  delete(key: string): Promise<void>;
  /** ListObjectsV2: one page of at most `limit` (default and most 1,000) keys, in key order. */
  list(options?: { readonly prefix?: string; readonly after?: string; readonly limit?: number }): Promise<ListPage>;
}

function isNoSuchKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ((error as { name?: unknown }).name === 'NoSuchKey' || (error as { Code?: unknown }).Code === 'NoSuchKey');
}

export function bucketClient(target: { readonly name: string }): BucketClient {
  const bucket = (): string => targetAddress('bucket', target.name);
  return {
    put: async (key, body, options) => {
      const { client, module } = await s3Sdk();
      const output = await client.send(
        new module.PutObjectCommand({
          Bucket: bucket(),
          Key: key,
          Body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
          ...(options?.contentType === undefined ? {} : { ContentType: options.contentType }),
          ...(options?.metadata === undefined ? {} : { Metadata: { ...options.metadata } }),
        }),
      );
      return { etag: output.ETag, versionId: output.VersionId };
    },
    get: async (key) => {
      const { client, module } = await s3Sdk();
      try {
        const output = await client.send(new module.GetObjectCommand({ Bucket: bucket(), Key: key }));
        const bytes = output.Body === undefined ? new Uint8Array() : await output.Body.transformToByteArray();
        return { key, body: bytes, contentType: output.ContentType, etag: output.ETag, metadata: output.Metadata ?? {}, text: () => new TextDecoder().decode(bytes) };
      } catch (error) {
        if (isNoSuchKey(error)) return undefined;
        throw error;
      }
    },
    delete: async (key) => {
      const { client, module } = await s3Sdk();
      await client.send(new module.DeleteObjectCommand({ Bucket: bucket(), Key: key }));
    },
    list: async (options) => {
      const { client, module } = await s3Sdk();
      const output = await client.send(
        new module.ListObjectsV2Command({
          Bucket: bucket(),
          MaxKeys: Math.min(options?.limit ?? s3.listKeysMax, s3.listKeysMax),
          ...(options?.prefix === undefined ? {} : { Prefix: options.prefix }),
          ...(options?.after === undefined ? {} : { ContinuationToken: options.after }),
        }),
      );
      const objects = (output.Contents ?? []).map((o) => ({ key: o.Key ?? '', size: o.Size ?? 0, etag: o.ETag }));
      return output.IsTruncated === true && output.NextContinuationToken !== undefined ? { objects, next: output.NextContinuationToken } : { objects };
    },
  };
}
