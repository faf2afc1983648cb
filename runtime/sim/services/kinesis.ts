import type { StreamSpec } from '../../manifest/schema.js';
import { AwsServiceError } from '../errors.js';
import { kinesisShardIndex } from '../hashing.js';
import { preview } from '../trace.js';
import type { RecordPutInput, RecordPutResult, World } from '../world.js';
import { shardId, StreamLog } from './stream-log.js';

const RECORD_BYTES_MAX = 10 * 1_048_576;

/**
 * Amazon Kinesis Data Streams (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html): `PutRecord` picks the shard by the MD5 of the partition key
 * over even hash-key ranges (or by the explicit hash key), and numbers records per shard.
 */
export class KinesisService {
  private readonly streams = new Map<string, { spec: StreamSpec; log: StreamLog }>();

  constructor(private readonly world: World) {
    for (const spec of world.manifest.streams) {
      const shards = spec.shardCount ?? world.options.onDemandShards;
      const log = new StreamLog(
        'kinesis',
        spec.name,
        world.addresses.arn('stream', spec.name),
        Array.from({ length: shards }, (_, index) => shardId(index)),
        spec.retentionHours * 3_600_000,
        (shard, counter) => `49${String(shard).padStart(3, '0')}${String(counter).padStart(15, '0')}`,
      );
      this.streams.set(spec.name, { spec, log });
    }
  }

  log(name: string): StreamLog {
    const stream = this.streams.get(name);
    if (stream === undefined) throw new AwsServiceError('ResourceNotFoundException', `Stream ${name} not found.`);
    return stream.log;
  }

  putRecord(name: string, input: RecordPutInput): RecordPutResult {
    const world = this.world;
    const log = this.log(name);
    if (input.partitionKey.length < 1 || input.partitionKey.length > 256) {
      throw new AwsServiceError('ValidationException', 'The partition key must be 1 to 256 characters long.');
    }
    const bytes = input.data.byteLength + Buffer.byteLength(input.partitionKey);
    if (bytes > RECORD_BYTES_MAX) throw new AwsServiceError('ValidationException', `A record must be at most ${RECORD_BYTES_MAX} bytes (data and partition key).`);
    const shardIndex = kinesisShardIndex(input.partitionKey, log.shardIds.length, input.explicitHashKey);
    const sequenceNumber = log.nextSequenceNumber(shardIndex);
    const id = log.shardIds[shardIndex]!;
    const data = Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength).toString('base64');
    const record = {
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: input.partitionKey,
        sequenceNumber,
        data,
        approximateArrivalTimestamp: world.epochMs() / 1000,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${id}:${sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: `arn:aws:iam::${world.options.account}:role/flowc-sim`,
      awsRegion: world.options.region,
      eventSourceARN: log.arn,
    };
    if (world.trace.enabled) {
      world.trace.record(name, 'put-record', `${id} seq ${sequenceNumber} key ${input.partitionKey} from ${input.from} · ${preview(Buffer.from(input.data).toString('utf8'), 80)}`);
    }
    log.append({ shardIndex, sequenceNumber, partitionKey: input.partitionKey, arrivalMs: world.clock.nowMs, bytes, json: JSON.stringify(record) });
    return { shardId: id, sequenceNumber };
  }
}
