/** The only notion of "now" in a simulation. Services read it; only the scheduler moves it. */
export interface Clock {
  /** Milliseconds since the start of the run. */
  readonly nowMs: number;
}

export class VirtualClock implements Clock {
  private current = 0;

  get nowMs(): number {
    return this.current;
  }

  /** Moves time forward; time never goes back. */
  advanceTo(ms: number): void {
    if (ms < this.current) throw new RangeError(`virtual time cannot go back from ${this.current} ms to ${ms} ms`);
    this.current = ms;
  }
}
