import * as crypto from 'node:crypto';

// crypto.hash (Node 20.12+) is a one-shot digest, several times faster than createHash for short inputs.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function digest(algorithm: 'md5' | 'sha256', text: string): string {
  return oneShot !== undefined ? oneShot(algorithm, text, 'hex') : crypto.createHash(algorithm).update(text, 'utf8').digest('hex');
}

export function md5Hex(text: string): string {
  return digest('md5', text);
}

/** SHA-256 of the body: the deduplication id of content-based deduplication (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html). */
export function sha256Hex(text: string): string {
  return digest('sha256', text);
}

const HASH_KEY_SPACE = 1n << 128n;

/**
 * The shard of a Kinesis record (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html): MD5 of the partition key as an unsigned 128-bit
 * integer, or the explicit hash key, inside one of `shards` even, contiguous ranges.
 */
export function kinesisShardIndex(partitionKey: string, shards: number, explicitHashKey?: string): number {
  const hashKey = explicitHashKey !== undefined ? BigInt(explicitHashKey) : BigInt(`0x${md5Hex(partitionKey)}`);
  if (hashKey < 0n || hashKey >= HASH_KEY_SPACE) throw new RangeError(`hash key ${explicitHashKey} is outside 0 … 2^128 - 1`);
  for (let shard = 0; shard < shards; shard++) {
    if (hashKey <= shardRange(shard, shards).end) return shard;
  }
  return shards - 1;
}

/** The inclusive hash-key range of shard `index` of `shards` (the even split of https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html). */
export function shardRange(index: number, shards: number): { start: bigint; end: bigint } {
  const count = BigInt(shards);
  return {
    start: (BigInt(index) * HASH_KEY_SPACE) / count,
    end: (BigInt(index + 1) * HASH_KEY_SPACE) / count - 1n,
  };
}

/** A small stable hash of a string (FNV-1a), for lanes of a ParallelizationFactor. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
