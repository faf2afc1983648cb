import type { FifoSettings, FlowManifest } from '../manifest/schema.js';
import type { PayloadType } from '../manifest/types.js';
import { s3 } from '../aws/s3.js';
import { SimulationInputError } from './errors.js';
import { httpRequestOf, type RequestOptions } from './http-request.js';
import { checkPayload, valueAt } from './payload-check.js';
import type { MessageAttributeValue, Router } from './world.js';

/** Something put into the flow from outside: by events.json, or by a test through the API. */
export type Injection =
  | { readonly kind: 'publish'; readonly topic: string; readonly message: unknown; readonly groupId?: string | undefined; readonly deduplicationId?: string | undefined; readonly subject?: string | undefined; readonly attributes?: Readonly<Record<string, MessageAttributeValue>> | undefined }
  | { readonly kind: 'send'; readonly queue: string; readonly message: unknown; readonly groupId?: string | undefined; readonly deduplicationId?: string | undefined; readonly delaySeconds?: number | undefined }
  | { readonly kind: 'put-event'; readonly bus: string; readonly detailType: string; readonly detail: unknown; readonly source?: string | undefined }
  | { readonly kind: 'put-record'; readonly stream: string; readonly record: unknown; readonly partitionKey?: string | undefined; readonly explicitHashKey?: string | undefined }
  | { readonly kind: 'put-item'; readonly table: string; readonly item: Readonly<Record<string, unknown>> }
  | { readonly kind: 'delete-item'; readonly table: string; readonly key: Readonly<Record<string, unknown>> }
  | { readonly kind: 'invoke'; readonly fn: string; readonly event: unknown }
  /** An HTTP request (`POST /orders`) to an api: its response is traced, nobody awaits it. */
  | { readonly kind: 'request'; readonly line: string; readonly options: RequestOptions }
  /** An object written to a bucket: `body` text as UTF-8, `how` the S3 event it notifies (default `put`). */
  | { readonly kind: 'put-object'; readonly bucket: string; readonly key: string; readonly body: string; readonly contentType?: string | undefined; readonly how?: 'put' | 'post' | 'copy' | 'multipart' | undefined }
  | { readonly kind: 'delete-object'; readonly bucket: string; readonly key: string };

/**
 * Checks an injection against the manifest — the resource exists, the payload has its declared
 * type, FIFO ids and partition keys can be found — so a mistake fails before the run, with the
 * path of the first mismatch.
 */
export function validateInjection(manifest: FlowManifest, injection: Injection): void {
  const check = (value: unknown, type: PayloadType | null, what: string): void => {
    if (type === null) return;
    const problem = checkPayload(value, type, manifest.types);
    if (problem !== null) throw new SimulationInputError(`${what} does not have the declared type: ${problem}`);
  };
  switch (injection.kind) {
    case 'publish': {
      const topic = find(manifest.topics, injection.topic, 'topic');
      check(injection.message, topic.message, `the message for topic ${topic.name}`);
      if (topic.fifo) fifoIds(topic.fifoSettings, injection.message, injection, `topic ${topic.name}`);
      return;
    }
    case 'send': {
      const queue = find(manifest.queues, injection.queue, 'queue');
      check(injection.message, queue.message, `the message for queue ${queue.name}`);
      if (queue.fifo) fifoIds(queue.fifoSettings, injection.message, injection, `queue ${queue.name}`);
      return;
    }
    case 'put-event': {
      const bus = find(manifest.buses, injection.bus, 'bus');
      check(injection.detail, bus.detail, `the detail for bus ${bus.name}`);
      return;
    }
    case 'put-record': {
      const stream = find(manifest.streams, injection.stream, 'stream');
      check(injection.record, stream.record, `the record for stream ${stream.name}`);
      partitionKeyOf(manifest, injection);
      return;
    }
    case 'put-item': {
      const table = find(manifest.tables, injection.table, 'table');
      check(injection.item, table.item, `the item for table ${table.name}`);
      return;
    }
    case 'delete-item':
      find(manifest.tables, injection.table, 'table');
      return;
    case 'invoke': {
      const fn = find(manifest.functions, injection.fn, 'function');
      check(injection.event, fn.input, `the event for function ${fn.name}`);
      return;
    }
    case 'request':
      // The body is checked by the route's handler, as on AWS: a body that does not fit is a 400, not a refused injection.
      httpRequestOf(manifest, injection.line, injection.options);
      return;
    case 'put-object':
    case 'delete-object':
      find(manifest.buckets, injection.bucket, 'bucket');
      if (injection.key === '' || Buffer.byteLength(injection.key) > s3.keyBytesMax) throw new SimulationInputError(`the key for bucket ${injection.bucket} must have 1 to 1,024 bytes`);
      return;
  }
}

const createdEvents = { put: 's3:ObjectCreated:Put', post: 's3:ObjectCreated:Post', copy: 's3:ObjectCreated:Copy', multipart: 's3:ObjectCreated:CompleteMultipartUpload' } as const;

/** Performs a (validated) injection now, through the AWS API of the simulated resources. */
export function performInjection(manifest: FlowManifest, router: Router, injection: Injection, from: string): void {
  switch (injection.kind) {
    case 'publish': {
      const topic = find(manifest.topics, injection.topic, 'topic');
      const ids = topic.fifo ? fifoIds(topic.fifoSettings, injection.message, injection, `topic ${topic.name}`) : {};
      router.publish(topic.name, {
        message: JSON.stringify(injection.message),
        subject: injection.subject,
        attributes: injection.attributes,
        ...ids,
        from,
      });
      return;
    }
    case 'send': {
      const queue = find(manifest.queues, injection.queue, 'queue');
      const ids = queue.fifo ? fifoIds(queue.fifoSettings, injection.message, injection, `queue ${queue.name}`) : {};
      router.sendMessage(queue.name, { body: JSON.stringify(injection.message), delaySeconds: injection.delaySeconds, ...ids, from });
      return;
    }
    case 'put-event':
      router.putEvent(injection.bus, { source: injection.source ?? manifest.app, detailType: injection.detailType, detail: injection.detail, from });
      return;
    case 'put-record':
      router.putRecord(injection.stream, {
        data: new TextEncoder().encode(JSON.stringify(injection.record)),
        partitionKey: partitionKeyOf(manifest, injection),
        explicitHashKey: injection.explicitHashKey,
        from,
      });
      return;
    case 'put-item':
      router.writeItem(injection.table, { kind: 'put', item: injection.item }, from);
      return;
    case 'delete-item':
      router.writeItem(injection.table, { kind: 'delete', key: injection.key }, from);
      return;
    case 'invoke':
      router.invokeAsync(injection.fn, injection.event, from);
      return;
    case 'request': {
      const { api, input } = httpRequestOf(manifest, injection.line, injection.options);
      router.request(api, input, from);
      return;
    }
    case 'put-object':
      router.putObject(injection.bucket, {
        key: injection.key,
        body: new TextEncoder().encode(injection.body),
        contentType: injection.contentType,
        eventType: createdEvents[injection.how ?? 'put'],
        from,
      });
      return;
    case 'delete-object':
      router.deleteObject(injection.bucket, injection.key, from);
      return;
  }
}

/** The group and deduplication ids of a FIFO send: given, or taken from the fields the flow names. */
function fifoIds(
  settings: FifoSettings | null,
  message: unknown,
  given: { readonly groupId?: string | undefined; readonly deduplicationId?: string | undefined },
  where: string,
): { groupId: string; deduplicationId?: string } {
  const groupId = given.groupId ?? (settings?.groupBy ? stringAt(message, settings.groupBy) : undefined);
  if (groupId === undefined) throw new SimulationInputError(`${where} is FIFO: give a groupId (the flow names no group field)`);
  let deduplicationId = given.deduplicationId;
  if (deduplicationId === undefined && settings?.deduplication?.kind === 'field') deduplicationId = stringAt(message, settings.deduplication.path);
  if (deduplicationId === undefined && settings?.deduplication?.kind !== 'content') {
    throw new SimulationInputError(`${where} is FIFO without content deduplication: give a deduplicationId`);
  }
  return deduplicationId === undefined ? { groupId } : { groupId, deduplicationId };
}

function partitionKeyOf(manifest: FlowManifest, injection: { readonly stream: string; readonly record: unknown; readonly partitionKey?: string | undefined }): string {
  if (injection.partitionKey !== undefined) return injection.partitionKey;
  const stream = find(manifest.streams, injection.stream, 'stream');
  const key = stream.partitionKey === null ? undefined : stringAt(injection.record, stream.partitionKey);
  if (key === undefined) throw new SimulationInputError(`stream ${stream.name} needs a partitionKey for this record (the flow names no partition field, or the record lacks it)`);
  return key;
}

function stringAt(value: unknown, path: readonly string[]): string | undefined {
  const found = valueAt(value, path);
  return typeof found === 'string' || typeof found === 'number' || typeof found === 'boolean' ? String(found) : undefined;
}

function find<T extends { readonly name: string }>(list: readonly T[], name: string, kind: string): T {
  const found = list.find((item) => item.name === name);
  if (found === undefined) {
    const names = list.map((item) => item.name);
    throw new SimulationInputError(`the flow has no ${kind} \`${name}\`${names.length > 0 ? ` (its ${kind === 'bus' ? 'buses' : `${kind}s`}: ${names.join(', ')})` : ''}`);
  }
  return found;
}
