/** One record of a Kinesis stream or a DynamoDB stream. */
export interface StreamRecord {
  readonly shardIndex: number;
  readonly sequenceNumber: string;
  /** Kinesis partition key, or the item's partition key value: records with equal keys keep their order. */
  readonly partitionKey: string;
  /** Virtual time it was written. */
  readonly arrivalMs: number;
  readonly bytes: number;
  /** The record as a Lambda event carries it, as JSON: every invocation gets a fresh copy. */
  readonly json: string;
}

/**
 * The shards of a stream and their records, in order. Event source mappings subscribe; the log
 * never calls a handler, it only tells each mapping that a record arrived.
 */
export class StreamLog {
  private readonly consumers: ((record: StreamRecord) => void)[] = [];
  private readonly counters: number[];

  constructor(
    readonly kind: 'kinesis' | 'dynamodb',
    readonly name: string,
    /** The `eventSourceARN` of the records: the stream ARN, or the table's stream ARN. */
    readonly arn: string,
    readonly shardIds: readonly string[],
    readonly retentionMs: number,
    private readonly sequence: (shardIndex: number, counter: number) => string,
  ) {
    this.counters = shardIds.map(() => 0);
  }

  addConsumer(consumer: (record: StreamRecord) => void): void {
    this.consumers.push(consumer);
  }

  nextSequenceNumber(shardIndex: number): string {
    const counter = ++this.counters[shardIndex]!;
    return this.sequence(shardIndex, counter);
  }

  append(record: StreamRecord): void {
    for (const consumer of this.consumers) consumer(record);
  }
}

export function shardId(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}
