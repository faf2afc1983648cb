import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { awsCall, describeAwsError } from './aws.js';
import { DeployError } from './errors.js';

export interface UploadObject {
  readonly key: string;
  readonly body: Uint8Array | string;
  readonly contentType: string;
}

export interface UploadResult {
  readonly uploaded: readonly string[];
  readonly unchanged: readonly string[];
}

function isNotFound(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404;
}

/**
 * Puts objects whose key is not in the bucket yet. Keys carry a hash of the content, so an
 * object that exists already has these exact bytes: a HeadObject is enough to skip it.
 */
export async function uploadMissing(s3: S3Client, bucket: string, objects: readonly UploadObject[]): Promise<UploadResult> {
  const uploaded: string[] = [];
  const unchanged: string[] = [];
  for (const object of objects) {
    if (await objectExists(s3, bucket, object.key)) {
      unchanged.push(object.key);
      continue;
    }
    await awsCall(`PutObject s3://${bucket}/${object.key}`, () =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: object.key, Body: object.body, ContentType: object.contentType })),
    );
    uploaded.push(object.key);
  }
  return { uploaded, unchanged };
}

async function objectExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw new DeployError(describeAwsError(`HeadObject s3://${bucket}/${key}`, error));
  }
}
