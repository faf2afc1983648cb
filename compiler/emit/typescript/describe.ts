/** Plain-language lines about a function's triggers and results, for doc comments and stubs. */
import { lambda } from '../../../runtime/aws/limits.js';
import type { RuleMatch } from '../../../runtime/manifest/schema.js';
import type { Envelope, FunctionModel } from './model.js';

const code = (name: string): string => `\`${name}\``;

/** One line per trigger edge: where the events come from and how. */
export function triggerLines(envelope: Envelope, isFifoQueue: (name: string) => boolean): string[] {
  if (envelope.edges.length === 0) return ['invoked directly, with its input as the event (nothing in the flow triggers it)'];
  return envelope.edges.map((edge) => {
    switch (edge.kind) {
      case 'queue-trigger':
        return `SQS batches of up to ${edge.batchSize} from the ${isFifoQueue(edge.source) ? 'FIFO ' : ''}queue ${code(edge.source)}${edge.reportBatchItemFailures ? ', failures reported per message' : ''}${edge.filter === null ? '' : '; only messages its `filter` matches (Lambda deletes the others from the queue, unprocessed)'}`;
      case 'stream-trigger':
      case 'table-trigger':
        return `${edge.kind === 'stream-trigger' ? 'Kinesis' : 'DynamoDB stream'} batches of up to ${edge.batchSize} from the ${edge.kind === 'stream-trigger' ? 'stream' : 'table'} ${code(edge.source)}${edge.reportBatchItemFailures ? ', failures reported per record' : ''}${edge.filter === null ? '' : '; only records its `filter` matches (the others are skipped)'}`;
      case 'subscription':
        return `SNS notifications from the topic ${code(edge.source)} (asynchronous)${edge.filter === null ? '' : '; only messages its `filter` matches'}`;
      case 'rule':
        return `EventBridge events from the bus ${code(edge.source)}: ${ruleSelection(edge.match)} (asynchronous)`;
      case 'destination':
        return `the ${edge.condition} records of ${code(edge.source)} (its ${edge.condition} destination, asynchronous)`;
      case 'route':
        return `HTTP requests to ${code(edge.routeKey)} of the API ${code(edge.source)} (synchronous: the result is the response)`;
      case 'notification':
        return `S3 events (${edge.events.join(', ')}) of the bucket ${code(edge.source)}${edge.prefix === null ? '' : `, keys starting ${JSON.stringify(edge.prefix)}`}${edge.suffix === null ? '' : `, ending ${JSON.stringify(edge.suffix)}`} (asynchronous)`;
      case 'schedule-target':
        return `the schedule ${code(edge.source)} (EventBridge Scheduler, asynchronous)`;
    }
  });
}

function ruleSelection(match: RuleMatch): string {
  switch (match.kind) {
    case 'destination':
      return `the ${match.condition} records of ${code(match.function)}`;
    case 'app-events':
      return "the events the app's code puts on it";
    case 'pattern':
      return 'those its `match` pattern selects';
  }
}

const COMMENT_UNSAFE = /\*\/|[\r\n\u2028\u2029]/;

/** Text that is safe inside a block or line comment: no comment end, no line break. */
export function commentSafe(text: string): string {
  // Most lines have nothing to replace: tested once, without building two copies of the line.
  if (!COMMENT_UNSAFE.test(text)) return text;
  return text.replaceAll('*/', '*\\/').replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** What Lambda does with a failed asynchronous invocation (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). */
function asyncRetries(fn: FunctionModel): string {
  const retries = fn.spec.asyncConfig?.maximumRetryAttempts ?? lambda.asyncRetryAttemptsDefault;
  const giveUp = fn.destinations.failure ? `sends its failure record to ${code(fn.destinations.failure.target)}` : 'drops the event';
  if (retries === 0) return `Lambda does not retry it and ${giveUp}`;
  return `Lambda retries it ${retries === 1 ? 'once' : retries === 2 ? 'twice' : `${retries} times`}, then ${giveUp}`;
}

/** Where the function's result and failures go, when it has destinations. */
export function destinationLines(fn: FunctionModel): string[] {
  const lines: string[] = [];
  const { success, failure } = fn.destinations;
  if (success) lines.push(`its result goes to ${code(success.target)} (success destination)`);
  if (failure) lines.push(`a failed invocation goes to ${code(failure.target)} after its retries (failure destination)`);
  return lines;
}

/** What happens when the code for one item or event throws. */
export function onErrorLine(envelope: Envelope, fn: FunctionModel): string {
  switch (envelope.kind) {
    case 'sqs':
      if (!envelope.reportFailures) return 'Throw to fail the whole batch: every message in it comes back after the visibility timeout.';
      return envelope.fifo
        ? 'Throw to fail a message: it and every later message of the batch come back after the visibility timeout, in order.'
        : 'Throw to fail a message: it comes back after the visibility timeout; the others are done.';
    case 'kinesis':
    case 'dynamodb':
      return envelope.reportFailures
        ? 'Throw to fail a record: Lambda retries the batch from that record, holding up the shard.'
        : 'Throw to fail the whole batch: Lambda retries it, holding up the shard.';
    case 'http':
      return 'Throw to answer 500 (API Gateway: "Internal Server Error"); a request whose input does not fit the type was answered 400 before this runs.';
    case 'sns':
    case 'bus':
    case 's3':
    case 'invoke':
      return envelope.edges.length === 0 ? 'Throw to fail the invocation.' : `Throw to fail the invocation: ${asyncRetries(fn)}.`;
  }
}
