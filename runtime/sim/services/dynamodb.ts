import { marshall } from '@aws-sdk/util-dynamodb';
import { dynamodbStreams } from '../../aws/limits.js';
import type { TableSpec } from '../../manifest/schema.js';
import { AwsServiceError } from '../errors.js';
import { fnv1a } from '../hashing.js';
import { preview } from '../trace.js';
import type { TableWrite, TableWriteResult, World } from '../world.js';
import { shardId, StreamLog } from './stream-log.js';

type Item = Readonly<Record<string, unknown>>;

interface Table {
  readonly spec: TableSpec;
  readonly items: Map<string, Item>;
  readonly log: StreamLog | null;
}

/**
 * Amazon DynamoDB, as far as a flow needs it (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html): items by key, and the table's stream —
 * one record per write that changes the item (INSERT, MODIFY, REMOVE), with the images its
 * StreamViewType asks for, on the shard of the item's partition key so per-item order holds.
 */
export class DynamoDbService {
  private readonly tables = new Map<string, Table>();

  constructor(private readonly world: World) {
    for (const spec of world.manifest.tables) {
      const shards = world.options.dynamodbShards;
      const log =
        spec.streamView === null
          ? null
          : new StreamLog(
              'dynamodb',
              spec.name,
              world.addresses.tableStreamArn(spec.name),
              Array.from({ length: shards }, (_, index) => shardId(index)),
              dynamodbStreams.retentionHours * 3_600_000,
              (shard, counter) => `${shard + 1}${String(counter).padStart(20, '0')}`,
            );
      this.tables.set(spec.name, { spec, items: new Map(), log });
    }
  }

  log(name: string): StreamLog {
    const log = this.table(name).log;
    if (log === null) throw new AwsServiceError('ValidationException', `Table ${name} has no stream.`);
    return log;
  }

  get(name: string, key: Item): Item | undefined {
    const table = this.table(name);
    return table.items.get(this.keyOf(table, key));
  }

  /** Items in key order. */
  items(name: string): Item[] {
    const table = this.table(name);
    return [...table.items.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
  }

  write(name: string, write: TableWrite, from: string): TableWriteResult {
    const world = this.world;
    const table = this.table(name);
    const source = write.kind === 'put' ? write.item : write.key;
    const key = this.keyOf(table, source);
    const old = table.items.get(key);
    let next: Item | undefined;
    if (write.kind === 'put') {
      // structuredClone keeps what JSON would lose: sets (SS, NS) and binaries (B).
      next = structuredClone(write.item) as Item;
      table.items.set(key, next);
    } else {
      table.items.delete(key);
    }
    const eventName = old === undefined ? (next === undefined ? null : 'INSERT') : next === undefined ? 'REMOVE' : sameItem(old, next) ? null : 'MODIFY';
    if (world.trace.enabled) {
      const what = write.kind === 'put' ? `put ${preview(next, 100)}` : `delete ${preview(write.key, 100)}`;
      const change = table.log === null ? `${eventName ?? 'unchanged'} (the table has no stream)` : eventName ?? 'unchanged, no stream record';
      world.trace.record(name, 'write', `${what} from ${from} · ${change}`);
    }
    if (eventName !== null && table.log !== null) this.appendStreamRecord(table, table.log, eventName, old, next);
    return { old };
  }

  private appendStreamRecord(table: Table, log: StreamLog, eventName: 'INSERT' | 'MODIFY' | 'REMOVE', old: Item | undefined, next: Item | undefined): void {
    const world = this.world;
    const spec = table.spec;
    const view = spec.streamView!;
    const itemForKeys = (next ?? old)!;
    const keys: Record<string, unknown> = { [spec.partitionKey.attribute]: itemForKeys[spec.partitionKey.attribute] };
    if (spec.sortKey !== null) keys[spec.sortKey.attribute] = itemForKeys[spec.sortKey.attribute];
    const partitionValue = String(itemForKeys[spec.partitionKey.attribute]);
    const shardIndex = fnv1a(partitionValue) % log.shardIds.length;
    const sequenceNumber = log.nextSequenceNumber(shardIndex);
    const image: Record<string, unknown> = { ApproximateCreationDateTime: Math.floor(world.epochMs() / 1000), Keys: marshall(keys) };
    if (next !== undefined && (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES')) image.NewImage = marshall(next, { removeUndefinedValues: true });
    if (old !== undefined && (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES')) image.OldImage = marshall(old, { removeUndefinedValues: true });
    image.SequenceNumber = sequenceNumber;
    image.SizeBytes = Buffer.byteLength(JSON.stringify(image));
    image.StreamViewType = view;
    const record = {
      eventID: world.rng.hex(32),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: world.options.region,
      dynamodb: image,
      eventSourceARN: log.arn,
    };
    const json = JSON.stringify(record);
    log.append({ shardIndex, sequenceNumber, partitionKey: partitionValue, arrivalMs: world.clock.nowMs, bytes: json.length, json });
  }

  private table(name: string): Table {
    const table = this.tables.get(name);
    if (table === undefined) throw new AwsServiceError('ResourceNotFoundException', `Requested resource not found: Table: ${name} not found`);
    return table;
  }

  private keyOf(table: Table, item: Item): string {
    const { partitionKey, sortKey } = table.spec;
    const parts = [keyPart(item, partitionKey.attribute, partitionKey.type)];
    if (sortKey !== null) parts.push(keyPart(item, sortKey.attribute, sortKey.type));
    return JSON.stringify(parts);
  }
}

function keyPart(item: Item, attribute: string, type: 'S' | 'N'): string | number {
  const value = item[attribute];
  if (value === undefined) throw new AwsServiceError('ValidationException', `One or more parameter values were invalid: Missing the key ${attribute} in the item`);
  if (type === 'S' ? typeof value !== 'string' : typeof value !== 'number') {
    throw new AwsServiceError('ValidationException', `One or more parameter values were invalid: Type mismatch for key ${attribute} expected: ${type}`);
  }
  return value as string | number;
}

function sameItem(a: Item, b: Item): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Set) return `set(${[...(value as Set<unknown>)].map(canonical).sort().join(',')})`;
  if (value instanceof Uint8Array) return `bytes(${Buffer.from(value).toString('base64')})`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
