/**
 * What a bucket's notifications deliver (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html),
 * and the handler helper of a function S3 notifies. S3 invokes the function asynchronously with
 * an `S3Event`; what the handler returns goes to its success destination.
 */
import type { Context, S3Event, S3EventRecord } from 'aws-lambda';
import type { AsyncHandler } from './envelopes.js';

export type { S3Event, S3EventRecord } from 'aws-lambda';

/**
 * The message S3 sends to a queue or topic when a notification to it is configured
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html):
 * no `Records`, nothing happened to an object.
 */
export interface S3TestEvent {
  readonly Service: 'Amazon S3';
  readonly Event: 's3:TestEvent';
  readonly Time: string;
  readonly Bucket: string;
  readonly RequestId: string;
  readonly HostId: string;
}

/** What a queue or topic a bucket notifies holds: an `S3Event`, or S3's test message (`isS3TestEvent`). */
export type S3Notification = S3Event | S3TestEvent;

export function isS3TestEvent(message: S3Notification): message is S3TestEvent {
  return (message as Partial<S3TestEvent>).Event === 's3:TestEvent';
}

/** One object an event is about, with its key decoded. */
export interface S3ObjectNotice {
  /** `ObjectCreated:Put`, `ObjectRemoved:Delete`… (the record's `eventName`, without `s3:`). */
  readonly eventName: string;
  readonly bucket: string;
  /** The object's key as it was written: S3 sends it URL-encoded, spaces as `+`. */
  readonly key: string;
  /** Absent for removals. */
  readonly size: number | undefined;
  readonly versionId: string | undefined;
  readonly record: S3EventRecord;
}

/** The objects of an S3 event, keys decoded (S3 encodes them like an HTML form: `+` for a space). */
export function s3Objects(event: S3Event): S3ObjectNotice[] {
  return event.Records.map((record) => ({
    eventName: record.eventName,
    bucket: record.s3.bucket.name,
    key: decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')),
    size: record.s3.object.size as number | undefined,
    versionId: record.s3.object.versionId,
    record,
  }));
}

export interface S3Trigger<Result> {
  /** A handler that passes the event, and its objects with their keys decoded, to `handle`. */
  onEvent(handle: (objects: readonly S3ObjectNotice[], item: { readonly event: S3Event; readonly context: Context }) => Promise<Result>): AsyncHandler<S3Event, Result>;
}

export function s3Trigger<Result>(): S3Trigger<Result> {
  return { onEvent: (handle) => async (event, context) => handle(s3Objects(event), { event, context }) };
}
