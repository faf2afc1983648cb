/** An error that reached the process instead of a handler's promise. */
export type FaultKind = 'uncaught-exception' | 'unhandled-rejection';

export interface FaultSink {
  /** Fails the invocation the simulation is waiting for with the error; false when there is none. */
  attribute(kind: FaultKind, error: unknown): boolean;
  /** Reports an error no invocation can take. */
  unattributed(kind: FaultKind, error: unknown): void;
}

type Listener = (...args: unknown[]) => void;

const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

const sinks: FaultSink[] = [];
let setAside: Map<(typeof EVENTS)[number], Listener[]> | null = null;

const onException = (error: unknown, origin?: unknown): void => {
  // With --unhandled-rejections=strict a rejection arrives as an exception with this origin.
  route(origin === 'unhandledRejection' ? 'unhandled-rejection' : 'uncaught-exception', error);
};
const onRejection = (reason: unknown): void => route('unhandled-rejection', reason);

function route(kind: FaultKind, error: unknown): void {
  for (const sink of sinks) if (sink.attribute(kind, error)) return;
  sinks[sinks.length - 1]?.unattributed(kind, error);
}

/**
 * Makes the simulation the process's handler of uncaught exceptions and unhandled rejections
 * until the returned function is called: an error thrown by handler code from a timer, or a
 * promise it rejected and never handled, fails an invocation instead of ending the process (or
 * a test run). The process's own listeners (a test runner's) are set aside meanwhile and put
 * back, in order (`once` listeners still once), when the last simulation that runs releases
 * them; nothing is left installed.
 */
export function captureProcessFaults(sink: FaultSink): () => void {
  if (sinks.length === 0) {
    setAside = new Map(EVENTS.map((event) => [event, process.rawListeners(event) as Listener[]]));
    for (const event of EVENTS) process.removeAllListeners(event);
    process.on('uncaughtException', onException);
    process.on('unhandledRejection', onRejection);
  }
  sinks.push(sink);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    sinks.splice(sinks.indexOf(sink), 1);
    if (sinks.length > 0) return;
    process.removeListener('uncaughtException', onException);
    process.removeListener('unhandledRejection', onRejection);
    for (const [event, listeners] of setAside ?? []) for (const listener of listeners) process.on(event, listener);
    setAside = null;
  };
}
