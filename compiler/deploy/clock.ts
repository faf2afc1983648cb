/**
 * Time as deploy sees it: when to poll AWS again, how long to back off after a throttled call,
 * and what time it is (change set names). Tests pass one that never waits and counts the waits.
 */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
  /** How long to wait between two polls of a change set, a stack or its events. */
  readonly pollMs: number;
  /** A number in [0, 1): the jitter of a back-off, so that clients throttled together do not retry together. */
  random(): number;
}

export const realClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  pollMs: 2_000,
  random: () => Math.random(),
};
