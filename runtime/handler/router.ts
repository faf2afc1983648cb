/**
 * A function with triggers of several kinds (say a queue and a topic) receives a union of
 * envelopes; `router` tells them apart by shape, as Lambda gives no other hint, and passes each
 * event to the handler for its kind.
 */
import type { AsyncHandler } from './envelopes.js';

/** `invoke` is anything else: a destination's record or a direct invocation's payload. */
export type EnvelopeKind = 'sqs' | 'sns' | 'kinesis' | 'dynamodb' | 'bus' | 'http' | 's3' | 'invoke';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const recordSources: Readonly<Record<string, EnvelopeKind>> = {
  'aws:sqs': 'sqs',
  'aws:sns': 'sns',
  'aws:kinesis': 'kinesis',
  'aws:dynamodb': 'dynamodb',
  'aws:s3': 's3',
};

export function envelopeKind(event: unknown): EnvelopeKind {
  if (!isObject(event)) return 'invoke';
  const first: unknown = Array.isArray(event.Records) ? event.Records[0] : undefined;
  if (isObject(first)) {
    // SNS spells it `EventSource`, the others `eventSource`.
    const source = first.eventSource ?? first.EventSource;
    const kind = typeof source === 'string' ? recordSources[source] : undefined;
    if (kind !== undefined) return kind;
  }
  if (typeof event['detail-type'] === 'string' && typeof event.source === 'string' && 'detail' in event) return 'bus';
  // API Gateway's payload format 2.0: `version` and `routeKey` at the top, the method under requestContext.http.
  if (event.version === '2.0' && typeof event.routeKey === 'string' && isObject(event.requestContext) && isObject(event.requestContext.http)) return 'http';
  return 'invoke';
}

export type RouteHandlers = { readonly [K in EnvelopeKind]?: AsyncHandler<never, unknown> };

type EventOf<H> = H extends AsyncHandler<infer Event, unknown> ? Event : never;
type ResultOf<H> = H extends AsyncHandler<never, infer Result> ? Result : never;

export interface Router<Handlers extends RouteHandlers> {
  /** One handler for the union of envelopes, given a handler per kind. */
  route(handlers: Handlers): AsyncHandler<EventOf<Handlers[keyof Handlers]>, ResultOf<Handlers[keyof Handlers]>>;
}

export function router<Handlers extends RouteHandlers>(): Router<Handlers> {
  return {
    route: (handlers) => async (event, context) => {
      const kind = envelopeKind(event);
      const handler = handlers[kind] as AsyncHandler<unknown, unknown> | undefined;
      if (handler === undefined) throw new Error(`no handler for an event of kind \`${kind}\` (handlers for: ${Object.keys(handlers).join(', ')})`);
      return handler(event, context) as Promise<ResultOf<Handlers[keyof Handlers]>>;
    },
  };
}
