import type { FlowManifest } from '../manifest/schema.js';
import { SimulationInputError } from './errors.js';
import type { Injection } from './inject.js';
import { httpRequestOf, type RequestOptions } from './http-request.js';
import { isObject } from './payload-check.js';
import { parseDuration } from './time.js';

/** An events.json file: what to inject, when, and optionally the run's seed and end. */
export interface EventsFile {
  readonly seed?: number;
  /** The end of the run, e.g. `2h`. */
  readonly untilMs?: number;
  readonly events: readonly { readonly atMs: number; readonly injection: Injection }[];
  /** `"parameters": { "/shop/prod/db": "postgres://…" }`: the values of the SSM parameters the flow reads. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** `"secrets": { "shop/api-key": "…" }`: the values of the secrets the flow reads. */
  readonly secrets?: Readonly<Record<string, string>>;
}

const COMMON_KEYS = ['at', 'to', 'note'];

/**
 * Reads events.json: `{ "seed"?, "until"?, "parameters"?, "secrets"?, "events": [ { "at": "1m", "to": NAME, … } ] }`.
 * The payload key says what the event is and must suit the kind of `to`: `message` for a topic
 * or queue, `detail` (with `detailType`) for a bus, `record` for a stream, `item` or `delete`
 * for a table, `put` (a key, with `body`, `contentType` and `how`) or `delete` (a key) for a
 * bucket, `event` for a function (an asynchronous invocation), `request` (`"POST /orders"`,
 * with `body`, `headers` and `query`, or `rawBody` for text that is not JSON) for an api. `note` is free text.
 */
export function parseEventsFile(text: string, manifest: FlowManifest, fileName = 'events.json'): EventsFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SimulationInputError(`${fileName}: not valid JSON: ${(error as Error).message}`);
  }
  const root = Array.isArray(json) ? { events: json } : json;
  if (!isObject(root)) throw new SimulationInputError(`${fileName}: expected an object with an "events" list`);
  const unknownRoot = Object.keys(root).filter((key) => !['seed', 'until', 'events', 'note', 'parameters', 'secrets'].includes(key));
  if (unknownRoot.length > 0) throw new SimulationInputError(`${fileName}: unknown key "${unknownRoot[0]}" (expected seed, until, events, parameters, secrets, note)`);
  const parameters = stringMap(root.parameters, `${fileName}: "parameters"`, 'an SSM parameter name');
  const secrets = stringMap(root.secrets, `${fileName}: "secrets"`, 'a secret name');
  const seed = root.seed;
  if (seed !== undefined && (!Number.isSafeInteger(seed) || (seed as number) < 0)) throw new SimulationInputError(`${fileName}: "seed" must be a non-negative integer`);
  let untilMs: number | undefined;
  if (root.until !== undefined) untilMs = duration(root.until, `${fileName}: "until"`);
  if (!Array.isArray(root.events)) throw new SimulationInputError(`${fileName}: "events" must be a list`);
  const kinds = resourceKinds(manifest);
  const events = root.events.map((raw, index) => {
    const where = `${fileName}: events[${index}]`;
    if (!isObject(raw)) throw new SimulationInputError(`${where}: expected an object`);
    const to = raw.to;
    if (typeof to !== 'string') throw new SimulationInputError(`${where}: "to" must name a topic, queue, bus, stream, table, function, bucket or api of the flow`);
    const kind = kinds.get(to);
    if (kind === undefined) throw new SimulationInputError(`${where}: the flow has nothing named \`${to}\``);
    const atMs = raw.at === undefined ? 0 : duration(raw.at, `${where}: "at"`);
    return { atMs, injection: injectionOf(raw, kind, to, where, manifest) };
  });
  return { ...(seed !== undefined ? { seed: seed as number } : {}), ...(untilMs !== undefined ? { untilMs } : {}), events, ...(parameters && { parameters }), ...(secrets && { secrets }) };
}

function stringMap(value: unknown, where: string, key: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new SimulationInputError(`${where} must be an object: ${key} → its value, a string`);
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw new SimulationInputError(`${where}: the value of "${name}" must be a string`);
  }
  return value as Record<string, string>;
}

type Kind = 'topic' | 'queue' | 'bus' | 'stream' | 'table' | 'bucket' | 'fn' | 'api';

function injectionOf(raw: Record<string, unknown>, kind: Kind, to: string, where: string, manifest: FlowManifest): Injection {
  const allow = (keys: readonly string[]): void => {
    const extra = Object.keys(raw).find((key) => !COMMON_KEYS.includes(key) && !keys.includes(key));
    if (extra !== undefined) throw new SimulationInputError(`${where}: "${extra}" does not apply to ${kind === 'fn' ? 'function' : kind} ${to} (it takes ${keys.join(', ')})`);
  };
  const need = (key: string): unknown => {
    if (!(key in raw)) throw new SimulationInputError(`${where}: ${kind === 'fn' ? 'function' : kind} ${to} needs "${key}"`);
    return raw[key];
  };
  const text = (key: string): string | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new SimulationInputError(`${where}: "${key}" must be a string`);
    return value;
  };
  switch (kind) {
    case 'topic':
      allow(['message', 'groupId', 'deduplicationId', 'subject']);
      return { kind: 'publish', topic: to, message: need('message'), groupId: text('groupId'), deduplicationId: text('deduplicationId'), subject: text('subject')  };
    case 'queue': {
      allow(['message', 'groupId', 'deduplicationId', 'delay']);
      const delay = raw.delay === undefined ? undefined : duration(raw.delay, `${where}: "delay"`) / 1000;
      return { kind: 'send', queue: to, message: need('message'), groupId: text('groupId'), deduplicationId: text('deduplicationId'), delaySeconds: delay  };
    }
    case 'bus':
      allow(['detail', 'detailType', 'source']);
      return { kind: 'put-event', bus: to, detail: need('detail'), detailType: text('detailType') ?? (need('detailType') as string), source: text('source')  };
    case 'stream':
      allow(['record', 'partitionKey', 'explicitHashKey']);
      return { kind: 'put-record', stream: to, record: need('record'), partitionKey: text('partitionKey'), explicitHashKey: text('explicitHashKey')  };
    case 'table': {
      allow(['item', 'delete']);
      if ('delete' in raw) {
        if (!isObject(raw.delete)) throw new SimulationInputError(`${where}: "delete" must be the key of the item, an object`);
        return { kind: 'delete-item', table: to, key: raw.delete };
      }
      const item = need('item');
      if (!isObject(item)) throw new SimulationInputError(`${where}: "item" must be an object`);
      return { kind: 'put-item', table: to, item };
    }
    case 'bucket': {
      allow(['put', 'delete', 'body', 'contentType', 'how']);
      if ('delete' in raw) {
        if ('put' in raw || 'body' in raw) throw new SimulationInputError(`${where}: an event for bucket ${to} either puts an object ("put", "body") or deletes one ("delete")`);
        return { kind: 'delete-object', bucket: to, key: text('delete') ?? '' };
      }
      const key = need('put');
      if (typeof key !== 'string') throw new SimulationInputError(`${where}: "put" must be the key of the object, a string`);
      // A string body is the object's text; anything else is stored as its JSON.
      const body = raw.body === undefined ? '' : typeof raw.body === 'string' ? raw.body : JSON.stringify(raw.body);
      const how = text('how');
      if (how !== undefined && !['put', 'post', 'copy', 'multipart'].includes(how)) throw new SimulationInputError(`${where}: "how" must be put, post, copy or multipart (the s3:ObjectCreated event it notifies)`);
      return { kind: 'put-object', bucket: to, key, body, contentType: text('contentType'), how: how as 'put' | 'post' | 'copy' | 'multipart' | undefined };
    }
    case 'fn':
      allow(['event']);
      return { kind: 'invoke', fn: to, event: need('event') };
    case 'api': {
      allow(['request', 'body', 'rawBody', 'headers', 'query']);
      const line = need('request');
      if (typeof line !== 'string') throw new SimulationInputError(`${where}: "request" must be a request line such as "POST /orders"`);
      const options: RequestOptions = { api: to, body: raw.body, rawBody: text('rawBody'), headers: strings(raw.headers, `${where}: "headers"`), query: strings(raw.query, `${where}: "query"`) };
      if (options.body !== undefined && options.rawBody !== undefined) throw new SimulationInputError(`${where}: give "body" (JSON) or "rawBody" (text), not both`);
      httpRequestOf(manifest, line, options, where);
      return { kind: 'request', line, options };
    }
  }
}

function strings(value: unknown, where: string): Readonly<Record<string, string>> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || Object.values(value).some((v) => typeof v !== 'string')) throw new SimulationInputError(`${where} must be an object of strings`);
  return value as Readonly<Record<string, string>>;
}

function duration(value: unknown, where: string): number {
  if (typeof value !== 'string' && typeof value !== 'number') throw new SimulationInputError(`${where} must be a duration such as "90s" or "10m"`);
  try {
    return parseDuration(value);
  } catch (error) {
    throw new SimulationInputError(`${where}: ${(error as Error).message}`);
  }
}

function resourceKinds(manifest: FlowManifest): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  for (const topic of manifest.topics) kinds.set(topic.name, 'topic');
  for (const queue of manifest.queues) kinds.set(queue.name, 'queue');
  for (const bus of manifest.buses) kinds.set(bus.name, 'bus');
  for (const stream of manifest.streams) kinds.set(stream.name, 'stream');
  for (const table of manifest.tables) kinds.set(table.name, 'table');
  for (const bucket of manifest.buckets) kinds.set(bucket.name, 'bucket');
  for (const fn of manifest.functions) kinds.set(fn.name, 'fn');
  for (const api of manifest.apis) kinds.set(api.name, 'api');
  return kinds;
}
