/* eslint-disable no-restricted-globals -- the one module of runtime/sim that looks at Node's real
   event loop: to tell a handler that waits on real I/O from one that waits on nothing. What it
   decides lands on the virtual clock (a timeout at start + the function's timeout). */

/** How many resources of each kind keep Node's event loop alive (`process.getActiveResourcesInfo()`). */
export type ResourceCounts = ReadonlyMap<string, number>;

/** Timers are never part of a baseline: any pending one may settle a handler. */
const TIMER_KINDS = new Set(['Timeout', 'Immediate']);

/** How often a handler that waits on real work is looked at again (real ms). */
const POLL_MS = 5;

/** The simulator's own timers and immediates, which never count as work a handler waits on. */
let ownTimeouts = 0;
let ownImmediates = 0;

export function activeResources(): ResourceCounts {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** Per kind, the smaller count: what was open before both moments. */
export function commonResources(a: ResourceCounts, b: ResourceCounts): ResourceCounts {
  const counts = new Map<string, number>();
  for (const [kind, count] of a) {
    const other = Math.min(count, b.get(kind) ?? 0);
    if (other > 0) counts.set(kind, other);
  }
  return counts;
}

/**
 * Whether nothing is left that could run code for a pending handler: no timer, no immediate
 * and no I/O request is pending (besides the simulator's own), and no handle (socket, pipe,
 * server, port, child process…) is open beyond those of `baseline`, which were open before the
 * handlers were loaded. Called from a macrotask, so the microtask queue is empty.
 */
function nothingLeftToRun(baseline: ResourceCounts): boolean {
  for (const [kind, count] of activeResources()) {
    const own = kind === 'Timeout' ? ownTimeouts : kind === 'Immediate' ? ownImmediates : 0;
    const allowed = TIMER_KINDS.has(kind) ? 0 : (baseline.get(kind) ?? 0);
    if (count - own > allowed) return false;
  }
  return true;
}

export type StallReason = 'nothing-left' | 'real-timeout';

export interface StallWatch {
  stop(): void;
}

/**
 * Calls `callback` from the event loop's next check phase — which comes only once the microtask
 * queue is empty, so never while the simulation runs on microtasks alone.
 */
export function afterMicrotasks(callback: () => void): void {
  ownImmediates++;
  setImmediate(() => {
    // A running immediate is no longer counted as active by Node.
    ownImmediates--;
    callback();
  });
}

/**
 * Watches a handler whose promise is pending while the microtask queue is empty: call it from
 * a macrotask (`afterMicrotasks`).
 *
 * A promise can only settle when code runs, and in Node code runs from the microtask queue or
 * from the event loop: timers, immediates, I/O callbacks on handles and requests. If no timer,
 * immediate or I/O request is pending and no handle has been opened since the handlers were
 * loaded, nothing can ever settle the promise (Node itself would end the process here, with
 * exit code 13): `onStall('nothing-left')` is called at once — deterministically, since it
 * depends only on what handler code did. Otherwise the handler waits on real work (a file read,
 * a socket, a real timer): it is looked at again every few real milliseconds, which ends in the
 * same verdict when that work is over and left nothing behind, and `onStall('real-timeout')`
 * comes once the function's timeout has passed in real time — the bound Lambda itself applies
 * to real work.
 */
export function watchStall(baseline: ResourceCounts, timeoutMs: number, onStall: (reason: StallReason) => void): StallWatch {
  if (nothingLeftToRun(baseline)) {
    onStall('nothing-left');
    return { stop: () => undefined };
  }
  let ticks = 0;
  ownTimeouts++;
  const interval = setInterval(() => {
    ticks++;
    if (nothingLeftToRun(baseline)) verdict('nothing-left');
    else if (ticks * POLL_MS >= timeoutMs) verdict('real-timeout');
  }, POLL_MS);
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearInterval(interval);
    ownTimeouts--;
  };
  const verdict = (reason: StallReason): void => {
    stop();
    onStall(reason);
  };
  return { stop };
}

/** Resolves after the event loop has turned once: Node reports unhandled rejections on the way. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => afterMicrotasks(resolve));
}
