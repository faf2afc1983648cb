import type { Pattern } from '../../manifest/schema.js';
import { filterMatcher, type FilterService } from '../../pattern/filters.js';

/**
 * What an edge's `filter` is matched against in the simulator: the record in the shape AWS
 * matches it (runtime/pattern/filters.ts), built from what the service delivers. A payload that
 * is not JSON never matches a filter on its fields: Lambda drops such an SQS message or stream
 * record (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html), and SNS
 * delivers no such message to a subscription whose policy has the MessageBody scope.
 */
export type RecordFilter = (payload: string) => boolean;

/** The filter of an edge over its raw payload (SQS body, SNS message, stream record JSON); null without one. */
export function recordFilter(filter: Pattern | null, service: FilterService): RecordFilter | null {
  if (filter === null) return null;
  const matches = filterMatcher(filter, service);
  return (payload) => {
    const view = viewOf(payload, service);
    return view !== undefined && matches(view);
  };
}

function viewOf(payload: string, service: FilterService): unknown {
  switch (service) {
    case 'sqs': {
      const body = parseJson(payload);
      return body === undefined ? undefined : { body };
    }
    case 'sns':
      return parseJson(payload);
    case 'kinesis': {
      // Lambda decodes the base64 `data` of a Kinesis record to filter on it.
      const record = parseJson(payload) as { kinesis?: { data?: string } } | undefined;
      const data = record?.kinesis?.data === undefined ? undefined : parseJson(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));
      return data === undefined ? undefined : { ...record?.kinesis, data };
    }
    case 'dynamodb':
      return parseJson(payload);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
