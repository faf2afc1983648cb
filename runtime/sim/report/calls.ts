import type { Context } from 'aws-lambda';
import type { Handler } from '../services/lambda.js';

/** One handler call as the report shows it: what it got and what it gave back. */
export interface HandlerCall {
  readonly fn: string;
  readonly requestId: string;
  /** The index of the trace's `invoke` entry of this call, or -1 when it was not kept. */
  readonly traceIndex: number;
  /** The event as JSON (pretty, cut at `PAYLOAD_MAX`), taken before the handler could change it. */
  readonly event: string;
  /** The result as JSON, or the thrown error as `Name: message`; null while it runs (or when it never settled). */
  result: string | null;
  thrown: string | null;
}

/** What the report keeps of one payload; the trace line and the summary stay whole. */
export const PAYLOAD_MAX = 2000;

/** Calls whose payloads are kept: a long run's report aggregates, and shows details of the first ones only. */
export const CALLS_KEPT = 10_000;

/** Where the simulation is: the length of its trace when a handler is called links the call to its `invoke` line. */
export interface CallSite {
  readonly traceLength: () => number;
}

/**
 * Wraps each handler to keep what it was called with and what it returned (or threw), for the
 * report. The handler runs unchanged: the wrapper returns its value or promise and rethrows its
 * error. The simulator traces `invoke` right before it calls the handler, so the trace's
 * length at the call names that line; `timeline.ts` reads the outcome and times from the trace.
 */
export function recordCalls(handlers: ReadonlyMap<string, Handler>, site: CallSite): { handlers: Map<string, Handler>; calls: HandlerCall[] } {
  const calls: HandlerCall[] = [];
  const wrapped = new Map<string, Handler>();
  for (const [fn, handler] of handlers) {
    wrapped.set(fn, (event: never, context: Context) => {
      if (calls.length >= CALLS_KEPT) return handler(event, context);
      const call: HandlerCall = { fn, requestId: context.awsRequestId, traceIndex: site.traceLength() - 1, event: payloadText(event), result: null, thrown: null };
      calls.push(call);
      let result: unknown;
      try {
        result = handler(event, context);
      } catch (error) {
        call.thrown = thrownText(error);
        throw error;
      }
      if (!isPromiseLike(result)) {
        call.result = payloadText(result);
        return result;
      }
      return Promise.resolve(result).then(
        (value) => {
          call.result = payloadText(value);
          return value;
        },
        (error: unknown) => {
          call.thrown = thrownText(error);
          throw error;
        },
      );
    });
  }
  return { handlers: wrapped, calls };
}

export function payloadText(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : (JSON.stringify(value, null, 2) ?? String(value));
  } catch {
    text = '(not JSON: it cannot be serialized)';
  }
  return text.length > PAYLOAD_MAX ? `${text.slice(0, PAYLOAD_MAX - 1)}…` : text;
}

function thrownText(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return '(a value that cannot be shown)';
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
