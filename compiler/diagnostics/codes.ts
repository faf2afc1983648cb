import type { Severity } from './diagnostic.js';

/**
 * The catalogue of diagnostic codes. Append only: a code is never renumbered or reused; a code
 * that is no longer raised stays here with `retired: true`.
 *
 * Ranges by phase:
 * - FL1xxx syntax (lexer, parser, file-level structure)
 * - FL2xxx names and settings (resolution)
 * - FL3xxx payload types along edges
 * - FL4xxx AWS service rules and limits
 * - FL5xxx graph shape (cycles, destinations that never fire, unused declarations)
 * - FL6xxx handler code (the TypeScript of each function's handler, read with ts-morph)
 * - FL9xxx command line and internal errors
 */
export type Phase = 'syntax' | 'names' | 'types' | 'aws' | 'graph' | 'handlers' | 'cli';

export interface CodeInfo {
  readonly slug: string;
  readonly severity: Severity;
  readonly phase: Phase;
  /** One line: what the code means, used by `flowc explain --list` and the docs index. */
  readonly title: string;
  readonly retired?: true;
}

export const codes = {
  // Syntax
  FL1001: { slug: 'syntax-error', severity: 'error', phase: 'syntax', title: 'The text does not follow the grammar' },
  FL1002: { slug: 'unterminated-string', severity: 'error', phase: 'syntax', title: 'A string is missing its closing quote' },
  FL1003: { slug: 'invalid-character', severity: 'error', phase: 'syntax', title: 'A character that the language does not use' },
  FL1004: { slug: 'malformed-number', severity: 'error', phase: 'syntax', title: 'A number or duration is malformed' },
  FL1005: { slug: 'invalid-escape', severity: 'error', phase: 'syntax', title: 'A string contains an unknown escape sequence' },
  FL1006: { slug: 'not-text', severity: 'error', phase: 'syntax', title: 'The file is not UTF-8 text' },
  FL1007: { slug: 'too-deeply-nested', severity: 'error', phase: 'syntax', title: 'Brackets are nested too deeply' },
  FL1008: { slug: 'file-too-large', severity: 'error', phase: 'syntax', title: 'The file is larger than flowc reads' },
  FL1009: { slug: 'unknown-type-constructor', severity: 'error', phase: 'syntax', title: 'Only `success<f>` and `failure<f>` take an argument' },
  FL1010: { slug: 'missing-app', severity: 'error', phase: 'syntax', title: 'The file has no `app` declaration' },
  FL1011: { slug: 'duplicate-app', severity: 'error', phase: 'syntax', title: 'The file declares `app` more than once' },
  FL1012: { slug: 'app-not-first', severity: 'error', phase: 'syntax', title: 'The `app` declaration is not the first declaration' },
  FL1013: { slug: 'too-many-tokens', severity: 'error', phase: 'syntax', title: 'The file has more tokens than flowc reads' },
  FL1014: { slug: 'too-many-declarations', severity: 'error', phase: 'syntax', title: 'The file has more declarations than flowc reads' },

  // Names and settings
  FL2001: { slug: 'unknown-name', severity: 'error', phase: 'names', title: 'A name that nothing declares' },
  FL2002: { slug: 'unknown-type', severity: 'error', phase: 'names', title: 'A type name that nothing declares' },
  FL2003: { slug: 'duplicate-declaration', severity: 'error', phase: 'names', title: 'Two declarations share a name' },
  FL2004: { slug: 'builtin-type-redeclared', severity: 'error', phase: 'names', title: 'A type declaration reuses a built-in type name' },
  FL2005: { slug: 'wrong-kind', severity: 'error', phase: 'names', title: 'A name refers to a declaration of the wrong kind' },
  FL2006: { slug: 'unknown-port', severity: 'error', phase: 'names', title: 'A function port other than `success` or `failure`' },
  FL2007: { slug: 'port-on-non-function', severity: 'error', phase: 'names', title: 'A port on something that is not a function' },
  FL2008: { slug: 'unknown-setting', severity: 'error', phase: 'names', title: 'A setting that does not exist here' },
  FL2009: { slug: 'duplicate-setting', severity: 'error', phase: 'names', title: 'A setting given twice in one block' },
  FL2010: { slug: 'invalid-setting-value', severity: 'error', phase: 'names', title: 'A setting value of the wrong form' },
  FL2011: { slug: 'duplicate-field', severity: 'error', phase: 'names', title: 'A record type declares a field twice' },
  FL2012: { slug: 'invalid-edge', severity: 'error', phase: 'names', title: 'An edge between two things that cannot be connected' },
  FL2013: { slug: 'port-on-target', severity: 'error', phase: 'names', title: 'A port on the target of an edge' },
  FL2014: { slug: 'handler-outside-folder', severity: 'error', phase: 'names', title: 'A handler path leaves the folder of the .flow file' },
  FL2015: { slug: 'handler-in-generated-folder', severity: 'error', phase: 'names', title: 'A handler inside the folder flowc regenerates' },
  FL2016: { slug: 'unusable-path', severity: 'error', phase: 'names', title: 'A handler path that cannot name a file' },
  FL2017: { slug: 'handler-not-a-module', severity: 'error', phase: 'names', title: 'A handler file that is not a JavaScript or TypeScript module' },
  FL2018: { slug: 'unknown-stage', severity: 'error', phase: 'names', title: '`--stage` names a stage that the file\'s `stage` blocks do not declare' },
  FL2019: { slug: 'unknown-stage-override', severity: 'error', phase: 'names', title: 'A block in a stage overrides a declaration that does not exist' },
  FL2020: { slug: 'parameter-form', severity: 'error', phase: 'names', title: 'An environment value read from SSM or Secrets Manager, written wrong' },
  FL2021: { slug: 'quoted-name', severity: 'error', phase: 'names', title: 'A quoted name where only a tag key may be quoted' },
  FL2022: { slug: 'schedule-expression', severity: 'error', phase: 'names', title: 'A schedule without exactly one of `every` and `cron`' },
  FL2023: { slug: 'schedule-target-count', severity: 'error', phase: 'names', title: 'A schedule with more than one target' },
  FL2024: { slug: 'route-missing', severity: 'error', phase: 'names', title: 'An edge from an api without a `route`' },
  FL2025: { slug: 'api-type', severity: 'error', phase: 'names', title: 'An api declared with a type: its routes\' functions declare the types' },
  FL2026: { slug: 'unknown-s3-event', severity: 'error', phase: 'names', title: 'An `events` entry of a bucket edge that is not an S3 event' },
  FL2027: { slug: 'duplicate-s3-event', severity: 'error', phase: 'names', title: 'An S3 event listed twice in `events`, or inside another one listed' },
  FL2030: { slug: 'existing-arn-syntax', severity: 'error', phase: 'names', title: 'An `arn` that is not an ARN of the declaration\'s kind of resource' },
  FL2031: { slug: 'existing-arn-service', severity: 'error', phase: 'names', title: 'An `arn` of another service or resource type than the declaration\'s kind' },

  // Payload types
  FL3001: { slug: 'type-mismatch', severity: 'error', phase: 'types', title: 'What an edge sends is not what its receiver declared' },
  FL3002: { slug: 'destination-record-mismatch', severity: 'error', phase: 'types', title: 'A destination receives the invocation record, not the declared payload' },
  FL3003: { slug: 'conflicting-producers', severity: 'error', phase: 'types', title: 'Producers of an undeclared type send different types' },
  FL3004: { slug: 'recursive-type', severity: 'error', phase: 'types', title: 'A type contains itself' },
  FL3005: { slug: 'non-literal-union', severity: 'error', phase: 'types', title: 'A union member that is not a string literal' },
  FL3006: { slug: 'unknown-key-field', severity: 'error', phase: 'types', title: 'A group, dedupe, partition, key or sort setting names a field the message does not have' },
  FL3007: { slug: 'key-field-type', severity: 'error', phase: 'types', title: 'A key field of a type that cannot be a key' },
  FL3008: { slug: 'ambiguous-rule', severity: 'error', phase: 'types', title: 'A bus rule cannot tell which events it selects' },
  FL3009: { slug: 'rule-never-matches', severity: 'warning', phase: 'types', title: 'A bus rule selects events that nothing puts on the bus' },
  FL3010: { slug: 'type-too-deep', severity: 'error', phase: 'types', title: 'A type is nested too deeply' },
  FL3011: { slug: 'named-type-too-deep', severity: 'error', phase: 'types', title: 'A type is nested too deeply through the types it names' },
  FL3013: { slug: 'pattern-operator-type', severity: 'error', phase: 'types', title: 'A pattern matches a field by a type of value the field never holds' },
  FL3014: { slug: 'pattern-value-not-in-union', severity: 'error', phase: 'types', title: 'A pattern names a value outside the field\'s union of strings' },
  FL3015: { slug: 'pattern-unknown-field', severity: 'error', phase: 'types', title: 'A pattern names a field the events do not have' },
  FL3016: { slug: 'dlq-type-mismatch', severity: 'error', phase: 'types', title: 'A dead-letter queue declared with a type its source\'s messages do not have' },
  FL3017: { slug: 'on-failure-type-mismatch', severity: 'error', phase: 'types', title: 'A stream trigger\'s on-failure target declared with a type other than the on-failure record' },
  FL3018: { slug: 'idempotency-key-type', severity: 'error', phase: 'types', title: 'An idempotency table keyed by a number: the store\'s keys are strings' },
  FL3019: { slug: 'idempotency-reserved-field', severity: 'error', phase: 'types', title: 'An idempotency table\'s item type uses a name the store writes itself' },

  // AWS rules and limits
  FL4001: { slug: 'async-retries-range', severity: 'error', phase: 'aws', title: 'Async retries outside 0–2' },
  FL4002: { slug: 'async-max-age-range', severity: 'error', phase: 'aws', title: 'Async maximum event age outside 1 minute – 6 hours' },
  FL4003: { slug: 'duration-unit', severity: 'error', phase: 'aws', title: 'A duration that does not divide into the unit AWS takes' },
  FL4004: { slug: 'fifo-destination', severity: 'error', phase: 'aws', title: 'A FIFO queue or topic as a Lambda destination' },
  FL4005: { slug: 'destination-count', severity: 'error', phase: 'aws', title: 'More than one success or failure destination on a function' },
  FL4006: { slug: 'edge-setting-not-applicable', severity: 'error', phase: 'aws', title: 'A setting that this kind of edge does not take' },
  FL4007: { slug: 'fifo-batch-size', severity: 'error', phase: 'aws', title: 'A FIFO queue trigger with a batch over 10' },
  FL4008: { slug: 'fifo-batching-window', severity: 'error', phase: 'aws', title: 'A batching window on a FIFO queue trigger' },
  FL4009: { slug: 'sqs-batch-needs-window', severity: 'error', phase: 'aws', title: 'An SQS batch over 10 without a batching window' },
  FL4010: { slug: 'batch-size-range', severity: 'error', phase: 'aws', title: 'A batch size outside 1–10,000' },
  FL4011: { slug: 'batching-window-range', severity: 'error', phase: 'aws', title: 'A batching window over 5 minutes' },
  FL4012: { slug: 'starting-position', severity: 'error', phase: 'aws', title: 'A stream trigger without a valid starting position' },
  FL4013: { slug: 'parallelization-range', severity: 'error', phase: 'aws', title: 'A parallelization factor outside 1–10' },
  FL4014: { slug: 'stream-retries-range', severity: 'error', phase: 'aws', title: 'Stream retries neither -1 nor 0–10,000' },
  FL4015: { slug: 'record-age-range', severity: 'error', phase: 'aws', title: 'A maximum record age outside 1 minute – 7 days' },
  FL4016: { slug: 'maximum-concurrency-range', severity: 'error', phase: 'aws', title: 'An SQS maximum concurrency outside 2–1,000' },
  FL4017: { slug: 'visibility-below-timeout', severity: 'error', phase: 'aws', title: 'A queue visibility timeout shorter than its consumer\'s timeout' },
  FL4018: { slug: 'visibility-below-recommended', severity: 'warning', phase: 'aws', title: 'A queue visibility timeout under 6 times its consumer\'s timeout' },
  FL4019: { slug: 'max-receives-range', severity: 'error', phase: 'aws', title: 'A max_receives outside 1–1,000' },
  FL4020: { slug: 'max-receives-low', severity: 'warning', phase: 'aws', title: 'A max_receives under 5 on a queue that triggers a function' },
  FL4021: { slug: 'dlq-kind', severity: 'error', phase: 'aws', title: 'A dead-letter queue of the other kind (FIFO and standard)' },
  FL4022: { slug: 'dlq-retention', severity: 'warning', phase: 'aws', title: 'A dead-letter queue that keeps messages for less time than its source' },
  FL4023: { slug: 'queue-attribute-range', severity: 'error', phase: 'aws', title: 'A queue attribute outside its AWS range' },
  FL4024: { slug: 'fifo-only-setting', severity: 'error', phase: 'aws', title: 'A FIFO-only setting on a standard queue or topic' },
  FL4025: { slug: 'fifo-missing-key', severity: 'error', phase: 'aws', title: 'A FIFO queue or topic without a message group or deduplication key' },
  FL4026: { slug: 'max-receives-without-dlq', severity: 'error', phase: 'aws', title: 'A `max_receives` without a `dlq`, or a queue that is its own DLQ' },
  FL4027: { slug: 'table-stream-required', severity: 'error', phase: 'aws', title: 'A table that triggers a function has no stream' },
  FL4028: { slug: 'stream-attribute-range', severity: 'error', phase: 'aws', title: 'A Kinesis stream attribute outside its AWS range' },
  FL4029: { slug: 'fifo-topic-subscriber', severity: 'error', phase: 'aws', title: 'A FIFO topic delivering to something other than a queue' },
  FL4030: { slug: 'fifo-queue-on-standard-topic', severity: 'error', phase: 'aws', title: 'A FIFO queue subscribed to a standard topic' },
  FL4031: { slug: 'stream-blocks-on-poison-record', severity: 'warning', phase: 'aws', title: 'A stream trigger that retries a failing record until it expires' },
  FL4032: { slug: 'runtime', severity: 'error', phase: 'aws', title: 'A Lambda runtime that cannot be used, or soon cannot' },
  FL4033: { slug: 'environment', severity: 'error', phase: 'aws', title: 'Environment variables that Lambda refuses' },
  FL4034: { slug: 'function-timeout-range', severity: 'error', phase: 'aws', title: 'A function timeout outside 1 second – 15 minutes' },
  FL4035: { slug: 'function-memory-range', severity: 'error', phase: 'aws', title: 'A function memory outside 128–10,240 MB' },
  FL4036: { slug: 'resource-name-length', severity: 'error', phase: 'aws', title: 'A name too long for the AWS resource it becomes' },
  FL4037: { slug: 'reserved-concurrency', severity: 'error', phase: 'aws', title: 'Reserved concurrency that AWS refuses or that silences a function' },
  FL4038: { slug: 'stream-on-failure-target', severity: 'error', phase: 'aws', title: 'A stream on-failure target that is FIFO' },
  FL4039: { slug: 'rule-target-retry-range', severity: 'error', phase: 'aws', title: 'A bus rule target retry policy outside its AWS range' },
  FL4040: { slug: 'duplicate-edge', severity: 'error', phase: 'aws', title: 'The same edge declared twice' },
  FL4041: { slug: 'fifo-throughput-scope', severity: 'error', phase: 'aws', title: 'Per-group FIFO throughput without per-group deduplication' },
  FL4042: { slug: 'rule-into-fifo-queue', severity: 'warning', phase: 'aws', title: 'A bus rule into a FIFO queue: every event shares one message group' },
  FL4044: { slug: 'permissions-boundary-arn', severity: 'error', phase: 'aws', title: 'A permissions boundary that is not the ARN of an IAM managed policy' },
  FL4045: { slug: 'role-path', severity: 'error', phase: 'aws', title: 'A role path that IAM refuses' },
  FL4046: { slug: 'idempotency-table-ttl', severity: 'warning', phase: 'aws', title: 'Idempotency records in a table without `ttl`: they are never deleted' },
  FL4047: { slug: 'table-ttl-attribute', severity: 'error', phase: 'aws', title: 'A table `ttl` that DynamoDB would never expire items by' },
  FL4048: { slug: 'pattern-empty', severity: 'error', phase: 'aws', title: 'An empty block or list in a pattern, which EventBridge refuses' },
  FL4049: { slug: 'pattern-too-large', severity: 'warning', phase: 'aws', title: 'A pattern longer than EventBridge\'s default quota of 2,048 characters' },
  FL4050: { slug: 'pattern-number-range', severity: 'error', phase: 'aws', title: 'A number beyond what EventBridge\'s numeric matching compares' },
  FL4051: { slug: 'rule-fifo-dedupe', severity: 'error', phase: 'aws', title: 'A bus rule into a FIFO queue that deduplicates by a field' },
  FL4052: { slug: 'stage-account', severity: 'error', phase: 'aws', title: 'A stage `account` that is not a 12-digit AWS account id' },
  FL4053: { slug: 'stage-region', severity: 'error', phase: 'aws', title: 'A stage `region` that is not an AWS Region' },
  FL4054: { slug: 'stack-name', severity: 'error', phase: 'aws', title: 'A stack name, given or made of the app and stage names, that CloudFormation refuses' },
  FL4055: { slug: 'tag-rules', severity: 'error', phase: 'aws', title: 'A tag key or value AWS refuses' },
  FL4056: { slug: 'tag-count', severity: 'error', phase: 'aws', title: 'More tags on a resource than AWS allows' },
  FL4057: { slug: 'ssm-parameter-name', severity: 'error', phase: 'aws', title: 'An SSM parameter name AWS refuses' },
  FL4058: { slug: 'secret-name', severity: 'error', phase: 'aws', title: 'A Secrets Manager secret name AWS refuses' },
  FL4060: { slug: 'schedule-rate', severity: 'error', phase: 'aws', title: 'A schedule rate Scheduler refuses: under a minute or not whole minutes' },
  FL4061: { slug: 'schedule-cron', severity: 'error', phase: 'aws', title: 'A cron expression EventBridge Scheduler refuses' },
  FL4062: { slug: 'schedule-timezone', severity: 'error', phase: 'aws', title: 'A schedule time zone that is not an IANA time zone' },
  FL4063: { slug: 'schedule-input-type', severity: 'error', phase: 'aws', title: 'A schedule input that does not have the schedule type' },
  FL4064: { slug: 'schedule-retries-range', severity: 'error', phase: 'aws', title: 'Schedule retries outside 0–185' },
  FL4065: { slug: 'schedule-max-age-range', severity: 'error', phase: 'aws', title: 'A schedule maximum event age outside 1 minute – 24 hours' },
  FL4066: { slug: 'schedule-window-range', severity: 'error', phase: 'aws', title: 'A flexible time window outside 1–1,440 minutes' },
  FL4067: { slug: 'schedule-dlq-fifo', severity: 'error', phase: 'aws', title: 'A FIFO queue as a schedule dead-letter queue' },
  FL4068: { slug: 'schedule-fifo-target', severity: 'error', phase: 'aws', title: 'A schedule into a FIFO queue without content deduplication, or into a FIFO topic' },
  FL4070: { slug: 'route-syntax', severity: 'error', phase: 'aws', title: 'A route that API Gateway refuses: not `METHOD /path` or `$default`' },
  FL4071: { slug: 'duplicate-route', severity: 'error', phase: 'aws', title: 'The same route twice on one api' },
  FL4072: { slug: 'route-input-without-body', severity: 'error', phase: 'aws', title: 'A GET, HEAD or OPTIONS route to a function whose input is not a query string' },
  FL4073: { slug: 'route-timeout', severity: 'warning', phase: 'aws', title: 'A function behind a route with a timeout over API Gateway\'s 30 seconds' },
  FL4074: { slug: 'cors-origin', severity: 'error', phase: 'aws', title: 'A CORS origin that is not `scheme://host[:port]` or `*`' },
  FL4080: { slug: 'bucket-name', severity: 'error', phase: 'aws', title: 'A bucket name S3 refuses' },
  FL4081: { slug: 'notification-overlap', severity: 'error', phase: 'aws', title: 'Two notifications of a bucket whose event types and key filters overlap' },
  FL4082: { slug: 'notification-fifo-target', severity: 'error', phase: 'aws', title: 'A bucket notification to a FIFO queue or topic, which S3 does not support' },
  FL4083: { slug: 'bucket-type', severity: 'error', phase: 'aws', title: 'A bucket declared with a payload type: a bucket holds objects, not messages' },
  FL4084: { slug: 'notification-filter-value', severity: 'error', phase: 'aws', title: 'An empty or over-long prefix or suffix on a bucket edge' },
  FL4085: { slug: 'filter-operator-unsupported', severity: 'error', phase: 'aws', title: 'A filter operator that Lambda event filtering or the SNS filter policy does not support' },
  FL4086: { slug: 'filter-criteria-limits', severity: 'error', phase: 'aws', title: 'Lambda filter criteria over AWS\'s limits: more than five filters, or a pattern over 4,096 characters' },
  FL4087: { slug: 'filter-policy-limits', severity: 'error', phase: 'aws', title: 'An SNS filter policy over AWS\'s limits: keys, value combinations or size' },
  FL4088: { slug: 'filter-new-image', severity: 'error', phase: 'aws', title: 'A filter on a table whose stream carries no new image' },
  FL4090: { slug: 'existing-fifo-suffix', severity: 'error', phase: 'aws', title: 'An existing queue or topic whose `fifo` disagrees with its ARN\'s `.fifo` suffix' },
  FL4091: { slug: 'existing-owner-setting', severity: 'error', phase: 'aws', title: 'A setting only the owner of an existing resource can set' },
  FL4092: { slug: 'existing-region', severity: 'error', phase: 'aws', title: 'An existing resource in another Region where AWS needs the stack\'s' },
  FL4093: { slug: 'existing-account', severity: 'error', phase: 'aws', title: 'An existing resource in another account where AWS needs the stack\'s' },
  FL4094: { slug: 'existing-table-stream', severity: 'error', phase: 'aws', title: 'A trigger on an existing table whose `arn` is not its stream\'s' },

  // Graph shape
  FL5001: { slug: 'destination-never-fires', severity: 'warning', phase: 'graph', title: 'Destinations on a function that is only invoked synchronously' },
  FL5002: { slug: 'recursive-loop', severity: 'warning', phase: 'graph', title: 'A cycle of edges that runs a function again for its own output' },
  FL5003: { slug: 'unused-declaration', severity: 'warning', phase: 'graph', title: 'A type or resource that nothing uses' },
  FL5004: { slug: 'competing-consumers', severity: 'warning', phase: 'graph', title: 'A queue read by several functions: each message reaches only one' },
  FL5005: { slug: 'destination-without-output', severity: 'warning', phase: 'graph', title: 'A success destination on a function that declares no output type' },
  FL5006: { slug: 'async-settings-unused', severity: 'warning', phase: 'graph', title: 'Asynchronous retries or event age on a function that is only invoked synchronously' },
  FL5007: { slug: 'idempotency-table-stream', severity: 'warning', phase: 'graph', title: 'A stream trigger on a table of idempotency records: it fires for the store\'s own writes' },
  FL5008: { slug: 'schedule-dst-gap', severity: 'warning', phase: 'graph', title: 'A cron time that a daylight-saving change skips in its time zone' },
  FL5010: { slug: 'bucket-write-loop', severity: 'warning', phase: 'graph', title: 'A function notified of new objects in a bucket it writes to, with nothing to keep its own writes out' },

  // Handler code
  FL6001: { slug: 'handler-export-missing', severity: 'error', phase: 'handlers', title: 'A handler file that does not export `handler`' },
  FL6002: { slug: 'handler-not-typed', severity: 'warning', phase: 'handlers', title: 'A `handler` export not typed with its function\'s generated handler type' },
  FL6003: { slug: 'handler-stub', severity: 'warning', phase: 'handlers', title: 'A handler that is still the stub flowc wrote: it throws "not implemented"' },
  FL6004: { slug: 'orphaned-handler', severity: 'warning', phase: 'handlers', title: 'A handler file that no function owns any more' },
  FL6005: { slug: 'handler-syntax-error', severity: 'error', phase: 'handlers', title: 'A handler file that is not valid TypeScript' },
  FL6006: { slug: 'handler-type-error', severity: 'error', phase: 'handlers', title: 'The TypeScript checker reports an error in a handler (`--types`)' },
  FL6007: { slug: 'send-never-used', severity: 'warning', phase: 'handlers', title: 'A handler that never uses a client its function `sends` to' },
  FL6008: { slug: 'detail-type-unmatched', severity: 'warning', phase: 'handlers', title: 'A handler puts events with a detail-type that no rule of the bus matches' },

  // Command line and internal
  FL9001: { slug: 'cannot-read-file', severity: 'error', phase: 'cli', title: 'An input file cannot be read' },
  FL9002: { slug: 'internal-error', severity: 'error', phase: 'cli', title: 'flowc failed: a bug in flowc, not in your flow' },
  FL9003: { slug: 'output-collision', severity: 'error', phase: 'cli', title: 'Two outputs of one run are the same file, or one is in the other' },
  FL9004: { slug: 'output-blocked', severity: 'error', phase: 'cli', title: 'An output cannot be written where it goes' },
  FL9005: { slug: 'not-flowc-file', severity: 'error', phase: 'cli', title: 'flowc would replace or remove a file it did not write' },
  FL9006: { slug: 'write-failed', severity: 'error', phase: 'cli', title: 'Writing an output failed' },
  FL9007: { slug: 'invalid-output-option', severity: 'error', phase: 'cli', title: 'An output folder option that cannot be used' },
  FL9023: { slug: 'fmt-refused', severity: 'error', phase: 'cli', title: '`flowc fmt` left a file as it was: it has syntax errors' },
  FL9024: { slug: 'not-formatted', severity: 'error', phase: 'cli', title: '`flowc fmt --check`: a file is not in its canonical layout' },
  FL9025: { slug: 'fmt-unsafe', severity: 'error', phase: 'cli', title: '`flowc fmt` left a file as it was: its formatted text failed the self-check (a bug in flowc)' },
  FL9026: { slug: 'init-would-overwrite', severity: 'error', phase: 'cli', title: '`flowc init` would overwrite files that exist; it writes nothing' },
  FL9027: { slug: 'wrong-account', severity: 'error', phase: 'cli', title: 'The credentials act in another AWS account than the one deploy was given' },
  FL9028: { slug: 'unknown-profile', severity: 'error', phase: 'cli', title: '`--profile` names a profile that the AWS config and credentials files do not have' },
  FL9030: { slug: 'fix-refused', severity: 'error', phase: 'cli', title: '`flowc check --fix` left a file as it was: its fixes could not be checked' },
  FL9032: { slug: 'sim-missing-parameter', severity: 'error', phase: 'cli', title: '`flowc sim`: the flow reads an SSM parameter or a secret that the events file gives no value for' },
  FL9033: { slug: 'schedules-without-end', severity: 'error', phase: 'cli', title: '`flowc sim` of a flow with schedules without an end time: they fire forever' },
  FL9040: { slug: 'generated-module-of-another-flow', severity: 'error', phase: 'cli', title: 'The generated module is another .flow file\'s, from an earlier build' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof codes;

export function isCode(value: string): value is Code {
  return Object.hasOwn(codes, value);
}

export function codeInfo(code: Code): CodeInfo {
  return codes[code];
}
