import type { FailureCause, InvocationFollowUp, InvocationObserver, InvocationStart } from '../invocation.js';

/**
 * One invocation as the report shows it, as the simulator told it (`Simulator.observeInvocations`):
 * what started it, what the handler got and gave back, how it ended and what the simulator did
 * with its failure. Nothing here is read from the trace's wording.
 */
export interface ObservedInvocation extends Pick<InvocationStart, 'id' | 'fn' | 'requestId' | 'atMs' | 'traceIndex' | 'attempt' | 'via' | 'retryOf'> {
  /** The event as JSON (pretty, cut at `PAYLOAD_MAX`); null past `CALLS_KEPT` invocations. */
  readonly event: string | null;
  /** The result as JSON, or the thrown error as `Name: message`; null while it runs (or when it never settled). */
  returned: string | null;
  /** How it ended; null when the run stopped first. */
  end: InvocationEnding | null;
  /** What became of its failure (or of the items its partial batch response named), in order. */
  readonly followUps: InvocationFollowUp[];
  readonly logs: string[];
}

export type InvocationEnding =
  | { readonly ok: true; readonly atMs: number; readonly traceIndex: number }
  | { readonly ok: false; readonly atMs: number; readonly traceIndex: number; readonly cause: FailureCause; readonly errorType: string | null };

/** What the report keeps of one payload; the trace line and the summary stay whole. */
export const PAYLOAD_MAX = 2000;

/** Invocations whose payloads are kept: a long run's report aggregates, and shows details of the first ones only. */
export const CALLS_KEPT = 10_000;

/** Log lines kept per invocation. */
const LOGS_KEPT = 50;

/**
 * An observer that keeps each invocation the trace kept the `invoke` line of (so the report
 * holds no more invocations than the trace has room for), and the list it fills.
 */
export function recordInvocations(): { observer: InvocationObserver; invocations: ObservedInvocation[] } {
  const invocations: ObservedInvocation[] = [];
  const byId = new Map<number, ObservedInvocation>();
  const observer: InvocationObserver = {
    started(start) {
      if (start.traceIndex < 0) return;
      const kept = invocations.length < CALLS_KEPT;
      const invocation: ObservedInvocation = {
        id: start.id,
        fn: start.fn,
        requestId: start.requestId,
        atMs: start.atMs,
        traceIndex: start.traceIndex,
        attempt: start.attempt,
        via: start.via,
        retryOf: start.retryOf,
        event: kept ? payloadText(start.event) : null,
        returned: null,
        end: null,
        followUps: [],
        logs: [],
      };
      invocations.push(invocation);
      byId.set(start.id, invocation);
    },
    logged(id, text) {
      const invocation = byId.get(id);
      if (invocation !== undefined && invocation.logs.length < LOGS_KEPT) invocation.logs.push(text);
    },
    settled({ id, outcome }) {
      const invocation = byId.get(id);
      if (invocation === undefined || invocation.event === null) return;
      if (outcome.ok) invocation.returned = payloadText(outcome.value);
      else if ('thrown' in outcome) invocation.returned = thrownText(outcome.thrown);
      else if (outcome.discarded !== undefined) invocation.returned = 'value' in outcome.discarded ? payloadText(outcome.discarded.value) : thrownText(outcome.discarded.thrown);
    },
    ended({ id, atMs, outcome, traceIndex }) {
      const invocation = byId.get(id);
      if (invocation === undefined) return;
      invocation.end = outcome.ok ? { ok: true, atMs, traceIndex } : { ok: false, atMs, traceIndex, cause: outcome.cause, errorType: outcome.error.errorType ?? null };
    },
    followed(followUp) {
      byId.get(followUp.id)?.followUps.push(followUp);
    },
  };
  return { observer, invocations };
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
