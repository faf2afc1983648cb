import { HeadBucketCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { describeAwsError } from './aws.js';
import type { Clock } from './clock.js';
import { DeployError } from './errors.js';
import { retrying } from './retry.js';
import type { OnProgress } from './work-progress.js';

export interface UploadObject {
  readonly key: string;
  readonly body: Uint8Array | string;
  readonly contentType: string;
}

export interface UploadResult {
  readonly uploaded: readonly string[];
  readonly unchanged: readonly string[];
}

/** Where the objects go, and the account that must own the bucket. */
export interface UploadTarget {
  readonly bucket: string;
  /** Sent as `ExpectedBucketOwner`: S3 refuses the call (403) when another account owns the bucket. */
  readonly account: string;
}

function isNotFound(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404;
}

/** S3's 403; a HEAD response has no body, so the SDK may only know the status code. */
function isForbidden(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return $metadata?.httpStatusCode === 403 || name === 'AccessDenied' || name === 'Forbidden' || name === '403';
}

/**
 * Puts objects whose key is not in the bucket yet. Keys carry a hash of the content, so an
 * object that exists already has these exact bytes: a HeadObject is enough to skip it. Every
 * call names the account expected to own the bucket
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html), so a
 * mistyped or reused bucket name never sends code to, or takes it from, another account.
 */
export async function uploadMissing(
  s3: S3Client,
  target: UploadTarget,
  objects: readonly UploadObject[],
  clock: Clock,
  onProgress?: OnProgress,
): Promise<UploadResult> {
  const uploaded: string[] = [];
  const unchanged: string[] = [];
  const { bucket, account } = target;
  onProgress?.({ task: 'uploading', done: 0, total: objects.length, item: '' });
  const finished = (key: string) => onProgress?.({ task: 'uploading', done: uploaded.length + unchanged.length, total: objects.length, item: key });
  for (const object of objects) {
    if (await objectExists(s3, target, object.key, clock)) {
      unchanged.push(object.key);
      finished(object.key);
      continue;
    }
    const operation = `PutObject s3://${bucket}/${object.key}`;
    try {
      await retrying(clock, () =>
        s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: object.key, Body: object.body, ContentType: object.contentType, ExpectedBucketOwner: account }),
        ),
      );
    } catch (error) {
      throw await uploadError(s3, target, operation, error, clock);
    }
    uploaded.push(object.key);
    finished(object.key);
  }
  return { uploaded, unchanged };
}

async function objectExists(s3: S3Client, target: UploadTarget, key: string, clock: Clock): Promise<boolean> {
  try {
    await retrying(clock, () => s3.send(new HeadObjectCommand({ Bucket: target.bucket, Key: key, ExpectedBucketOwner: target.account })));
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw await uploadError(s3, target, `HeadObject s3://${target.bucket}/${key}`, error, clock);
  }
}

/**
 * The message for a failed upload call. S3 answers a bucket owned by another account with the
 * same 403 as a missing permission; asking for the bucket with and without the expected owner
 * tells the two apart.
 */
async function uploadError(s3: S3Client, target: UploadTarget, operation: string, error: unknown, clock: Clock): Promise<DeployError> {
  if (!isForbidden(error)) return new DeployError(describeAwsError(operation, error));
  const { bucket, account } = target;
  if (await ownedByAnotherAccount(s3, target, clock)) {
    return new DeployError(
      `bucket ${bucket} belongs to another AWS account than ${account}, the one these credentials deploy to: flowc uploads code only to a bucket ` +
        `of that account (ExpectedBucketOwner). Pass --bucket with a bucket of account ${account}, in the stack's region`,
    );
  }
  return new DeployError(
    `${operation} failed: access denied (403): either bucket ${bucket} belongs to another AWS account than ${account}, ` +
      'or the credentials lack s3:GetObject, s3:PutObject or s3:ListBucket on it',
  );
}

async function ownedByAnotherAccount(s3: S3Client, target: UploadTarget, clock: Clock): Promise<boolean> {
  const headBucket = (expectedOwner: string | undefined) =>
    retrying(clock, () => s3.send(new HeadBucketCommand({ Bucket: target.bucket, ...(expectedOwner !== undefined ? { ExpectedBucketOwner: expectedOwner } : {}) })));
  try {
    await headBucket(target.account);
    // The bucket is the account's: the 403 was about a permission.
    return false;
  } catch (error) {
    if (!isForbidden(error)) return false;
  }
  try {
    await headBucket(undefined);
    return true;
  } catch {
    return false;
  }
}
