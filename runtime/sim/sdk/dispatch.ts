/**
 * The bridge between handler code and the simulation it runs in. Handler modules are bundled
 * with the AWS SDK client packages replaced by the simulator's own (sdk/modules.ts); those
 * clients find the running simulation here, through a global symbol, so that the copy bundled
 * into each handler and the copy in the simulator agree without sharing a module instance.
 */
export interface SdkDispatcher {
  /** Executes one SDK command (`sqs`, `SendMessage`, input) against the simulated resources. */
  dispatch(service: string, command: string, input: Readonly<Record<string, unknown>>): unknown;
  /**
   * Virtual time as Unix milliseconds. flowc/runtime's idempotency reads it through the same
   * global (runtime/idempotency/clock.ts), so its locks and expiries follow the simulation's
   * clock rather than the wall clock.
   */
  nowMs(): number;
}

const KEY = Symbol.for('flowc.sim.sdk');

interface Slot {
  current: SdkDispatcher | null;
  modules: Readonly<Record<string, Readonly<Record<string, unknown>>>> | null;
}

function slot(): Slot {
  const holder = globalThis as unknown as Record<symbol, Slot | undefined>;
  let value = holder[KEY];
  if (value === undefined) {
    value = { current: null, modules: null };
    holder[KEY] = value;
  }
  return value;
}

/** Makes `dispatcher` receive the SDK calls of handler code from now on (until another takes over). */
export function activate(dispatcher: SdkDispatcher): void {
  slot().current = dispatcher;
}

export function deactivate(dispatcher: SdkDispatcher): void {
  const s = slot();
  if (s.current === dispatcher) s.current = null;
}

export function currentDispatcher(): SdkDispatcher {
  const dispatcher = slot().current;
  if (dispatcher === null) {
    throw new Error('flowc sim: an AWS SDK call was made outside a running simulation (the simulated clients only work inside one)');
  }
  return dispatcher;
}

/** Publishes the simulated SDK packages for the bundled handler code to pick up. */
export function registerModules(modules: Readonly<Record<string, Readonly<Record<string, unknown>>>>): void {
  slot().modules = modules;
}

/** The global expression the generated shim modules read (see sdk/plugin.ts). */
export const MODULES_EXPRESSION = "globalThis[Symbol.for('flowc.sim.sdk')].modules";
