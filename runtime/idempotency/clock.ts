/**
 * The time idempotency records are judged by: the wall clock on Lambda, and the simulation's
 * virtual clock when the code runs in `flowc sim` or `simulate()`, read through the global the
 * simulator's SDK stand-ins use (runtime/sim/sdk/dispatch.ts; this module reads the symbol
 * rather than importing the simulator, which is not part of a deployed bundle).
 */
interface SimulationSlot {
  readonly current?: { nowMs?(): number } | null;
}

export function currentTimeMs(): number {
  const slot = (globalThis as Record<symbol, SimulationSlot | undefined>)[Symbol.for('flowc.sim.sdk')];
  return slot?.current?.nowMs?.() ?? Date.now();
}
