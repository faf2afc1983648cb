import type { ResourceKind } from '../syntax/ast.js';

/** What a name in a .flow file can refer to. */
export type DeclarationKind = 'fn' | ResourceKind;

/** The form a setting's value must have. Ranges and cross-setting rules are AWS rules (FL4xxx), checked later. */
export type ValueSpec =
  | { readonly type: 'int' }
  | { readonly type: 'number' }
  | { readonly type: 'bool' }
  | { readonly type: 'duration' }
  | { readonly type: 'string' }
  /** One of a fixed set of words (`start = latest`). */
  | { readonly type: 'word'; readonly words: readonly string[] }
  /** A declaration of one of these kinds (`dlq = payouts_dead`). */
  | { readonly type: 'ref'; readonly kinds: readonly DeclarationKind[] }
  /** A list of declarations (`sends = [a, b]`). */
  | { readonly type: 'refs'; readonly kinds: readonly DeclarationKind[] }
  /** A field path of the message type (`group = order`, `key = customer.id`). */
  | { readonly type: 'field' }
  /** `content`, or a field path. */
  | { readonly type: 'dedupe' }
  /** A Lambda runtime identifier, `nodejs24.x` or `"nodejs24.x"`. */
  | { readonly type: 'runtime' }
  /** A block of environment variables: `NAME = "value"` (strings, numbers or booleans). */
  | { readonly type: 'env' }
  /**
   * A content pattern (`match { source = "shop", detail { total = numeric(> 100) } }`):
   * `compiler/resolve/pattern.ts`. `aliases` rename top-level keys to the event's field names
   * (`detail_type` → `detail-type`).
   */
  | { readonly type: 'pattern'; readonly aliases?: Readonly<Record<string, string>> }
  /** An ISO-8601 timestamp string. */
  | { readonly type: 'timestamp' };

export interface SettingSpec {
  readonly value: ValueSpec;
  /** One line for hovers, `flowc explain` and the docs. */
  readonly doc: string;
}

/** Where a settings block can appear. */
export type SettingsContext = 'app' | DeclarationKind | 'edge';

const int = { type: 'int' } as const;
const bool = { type: 'bool' } as const;
const duration = { type: 'duration' } as const;
const str = { type: 'string' } as const;
const field = { type: 'field' } as const;
const word = (...words: string[]) => ({ type: 'word', words }) as const;

export const runtimeSetting: SettingSpec = { value: { type: 'runtime' }, doc: 'Lambda runtime, e.g. `nodejs24.x`' };

/**
 * Every setting of the language, by where it may appear. Edge settings are one table for all
 * edge kinds: which of them apply to which kind of edge is an AWS rule (FL4xxx), so that
 * `parallel` on a queue edge gets an explanation rather than "unknown setting".
 */
export const settingSchema: Readonly<Record<SettingsContext, Readonly<Record<string, SettingSpec>>>> = {
  app: {
    runtime: { ...runtimeSetting, doc: 'default Lambda runtime of every function' },
    memory: { value: int, doc: 'default function memory in MB' },
    timeout: { value: duration, doc: 'default function timeout' },
    architecture: { value: word('arm64', 'x86_64'), doc: 'default instruction set' },
    handlers: { value: str, doc: 'folder of the handler sources, relative to the .flow file (default `handlers`)' },
    permissions_boundary: { value: str, doc: 'ARN of the IAM managed policy set as the permissions boundary of every role (PermissionsBoundary)' },
    role_path: { value: str, doc: 'IAM path of every role, `/` or `/…/` (Path)' },
  },
  fn: {
    memory: { value: int, doc: 'memory in MB (MemorySize)' },
    timeout: { value: duration, doc: 'timeout, whole seconds (Timeout)' },
    runtime: runtimeSetting,
    architecture: { value: word('arm64', 'x86_64'), doc: 'instruction set (Architectures)' },
    handler: { value: str, doc: 'handler source file, relative to the .flow file (default `handlers/<fn>.ts`)' },
    retries: { value: int, doc: 'retries after a failed asynchronous invocation, 0–2 (MaximumRetryAttempts)' },
    max_age: { value: duration, doc: 'how long an asynchronous event may wait, 1m–6h (MaximumEventAgeInSeconds)' },
    concurrency: { value: int, doc: 'reserved concurrency (ReservedConcurrentExecutions)' },
    env: { value: { type: 'env' }, doc: 'environment variables' },
    sends: { value: { type: 'refs', kinds: ['queue', 'topic', 'bus', 'stream', 'table'] }, doc: 'what the function writes to from its own code' },
    recursion: { value: word('terminate', 'allow'), doc: 'whether Lambda stops recursive loops (RecursiveLoop)' },
    idempotency: { value: { type: 'ref', kinds: ['table'] }, doc: 'the table of the function\'s idempotency records (`fn.idempotency(…)` of flowc/runtime)' },
    validate: { value: bool, doc: 'the generated helper checks each payload against its type before the handler sees it (default true; false for hot paths)' },
  },
  queue: {
    fifo: { value: bool, doc: 'a FIFO queue (`.fifo` name, ordered per message group)' },
    group: { value: field, doc: 'FIFO: the message field used as MessageGroupId' },
    dedupe: { value: { type: 'dedupe' }, doc: 'FIFO: `content` (SHA-256 of the body) or the field used as MessageDeduplicationId' },
    dedupe_scope: { value: word('queue', 'group'), doc: 'FIFO: deduplicate per queue or per message group (DeduplicationScope)' },
    throughput: { value: word('per_queue', 'per_group'), doc: 'FIFO: throughput limit scope (FifoThroughputLimit)' },
    visibility: { value: duration, doc: 'visibility timeout, 0s–12h' },
    retention: { value: duration, doc: 'message retention, 1m–14d' },
    delay: { value: duration, doc: 'delivery delay, 0s–15m' },
    max_size: { value: int, doc: 'maximum message size in bytes, 1024–1048576' },
    wait: { value: duration, doc: 'long-poll wait, 0s–20s (ReceiveMessageWaitTimeSeconds)' },
    dlq: { value: { type: 'ref', kinds: ['queue'] }, doc: 'dead-letter queue (RedrivePolicy)' },
    max_receives: { value: int, doc: 'receives before a message moves to the DLQ, 1–1000' },
    retain: { value: bool, doc: 'keep the queue when it leaves the stack (default true)' },
  },
  topic: {
    fifo: { value: bool, doc: 'a FIFO topic (`.fifo` name)' },
    group: { value: field, doc: 'FIFO: the message field used as MessageGroupId' },
    dedupe: { value: { type: 'dedupe' }, doc: 'FIFO: `content` or the field used as MessageDeduplicationId' },
  },
  bus: {},
  stream: {
    shards: { value: int, doc: 'shard count (provisioned mode)' },
    partition: { value: field, doc: 'the message field used as partition key' },
    retention: { value: duration, doc: 'retention, whole hours, 24h–365d' },
    mode: { value: word('provisioned', 'on_demand'), doc: 'capacity mode' },
    retain: { value: bool, doc: 'keep the stream when it leaves the stack (default true)' },
  },
  table: {
    key: { value: field, doc: 'partition key field' },
    sort: { value: field, doc: 'sort key field' },
    stream: { value: word('new_and_old', 'new', 'old', 'keys'), doc: 'enable the table stream with this view type' },
    retain: { value: bool, doc: 'keep the table when it leaves the stack (default true)' },
    ttl: { value: field, doc: 'the number field, in Unix seconds, by which DynamoDB deletes expired items (TimeToLiveSpecification)' },
  },
  edge: {
    batch: { value: int, doc: 'records per invocation (BatchSize)' },
    window: { value: duration, doc: 'batching window, 0s–5m (MaximumBatchingWindowInSeconds)' },
    parallel: { value: int, doc: 'streams: concurrent batches per shard, 1–10 (ParallelizationFactor)' },
    retries: { value: int, doc: 'streams: retries of a failed batch (MaximumRetryAttempts); rules: target retries' },
    max_age: { value: duration, doc: 'streams: maximum record age (MaximumRecordAgeInSeconds); rules: target event age' },
    bisect: { value: bool, doc: 'streams: split a failing batch in two (BisectBatchOnFunctionError)' },
    start: { value: word('latest', 'trim_horizon', 'at_timestamp'), doc: 'streams: where reading starts (StartingPosition)' },
    start_at: { value: { type: 'timestamp' }, doc: 'Kinesis: the timestamp for `start = at_timestamp`' },
    on_failure: { value: { type: 'ref', kinds: ['queue', 'topic'] }, doc: 'streams: where discarded batches are described' },
    report_failures: { value: bool, doc: 'the handler reports failed items (ReportBatchItemFailures)' },
    concurrency: { value: int, doc: 'SQS: maximum concurrent invocations, 2–1000 (ScalingConfig)' },
    raw: { value: bool, doc: 'topic → queue: raw message delivery (default true)' },
    match: { value: { type: 'pattern', aliases: { detail_type: 'detail-type' } }, doc: 'bus → target: the EventBridge pattern of the rule' },
  },
};
