import { s3 } from '../../runtime/aws/s3.js';
import type { KindSpec } from './kind.js';

/** `bucket uploads { versioned = true }`: an S3 bucket; its arrows are event notifications. */
export const bucketKind = {
  keyword: 'bucket',
  noun: 'bucket',
  manifestList: 'buckets',
  edges: { fn: 'notification', queue: 'notification', topic: 'notification' },
  edgeHelp:
    'S3 notifies functions, queues and topics: `bucket -> fn`, `bucket -> queue`, `bucket -> topic` (a bus, stream or table is not a notification destination; let a function write to it)',
  // The physical name is `<app>[-<stage>]-<name>-<account>-<region>` (names.ts), checked whole by FL4080.
  cloudformation: { type: 'AWS::S3::Bucket', nameLengthMax: s3.bucketNameLength.max, nameProperty: 'AWS::S3::Bucket BucketName', holds: 'objects' },
  simulator: 's3',
  describe: 'an S3 bucket',
} as const satisfies KindSpec<'bucket'>;
