/**
 * Time as deploy sees it: when to poll AWS again and what time it is (change set names).
 * Tests pass one that never waits.
 */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
  /** How long to wait between two polls of a change set, a stack or its events. */
  readonly pollMs: number;
}

export const realClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  pollMs: 2_000,
};
