/**
 * The order in which the items of a batch run. Items are in lanes: the items of one lane run
 * one at a time, in batch order, and a lane stops at its first failure (its later items do not
 * run); lanes run side by side, up to `concurrency` items at once, and among the items that
 * could start, the earliest in the batch starts first — so with a concurrency of 1 the batch
 * runs in its own order. A lane is a FIFO message group, a stream's partition key, or (for a
 * standard queue) each item alone.
 */

export interface Schedule {
  /** How many items the batch has. */
  readonly count: number;
  /** The lane of an item. */
  readonly laneOf: (index: number) => string;
  /** Items running at once, at least 1. */
  readonly concurrency: number;
  /** After any failure, start no other item (what is not started yet is skipped). */
  readonly stopAllOnError: boolean;
}

export interface ScheduleOutcome {
  /** Items that ran and failed, ascending. */
  readonly failed: readonly number[];
  /** Items that did not run because of a failure, ascending. */
  readonly skipped: readonly number[];
}

/** Inserts `value` into the ascending array `sorted`. */
function insertSorted(sorted: number[], value: number): void {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  sorted.splice(low, 0, value);
}

/** Runs every item `run` is given by the schedule; `run` answers whether the item succeeded and never throws. */
export async function runSchedule(schedule: Schedule, run: (index: number) => Promise<boolean>): Promise<ScheduleOutcome> {
  const concurrency = Math.max(1, Math.floor(schedule.concurrency));
  const lanes = new Map<string, number[]>();
  for (let index = 0; index < schedule.count; index++) {
    const lane = schedule.laneOf(index);
    const items = lanes.get(lane);
    if (items === undefined) lanes.set(lane, [index]);
    else items.push(index);
  }
  const laneItems = [...lanes.values()];
  // The item after each one in its lane.
  const nextInLane = new Map<number, number>();
  for (const items of laneItems) for (let i = 1; i < items.length; i++) nextInLane.set(items[i - 1] as number, items[i] as number);
  // The next item of each idle lane, ascending: the candidates to start.
  const ready = laneItems.map((items) => items[0] as number).sort((a, b) => a - b);
  const ran = new Set<number>();
  const failed: number[] = [];
  let running = 0;
  let stopped = false;

  await new Promise<void>((resolve) => {
    const pump = (): void => {
      while (!stopped && running < concurrency && ready.length > 0) start(ready.shift() as number);
      if (running === 0) resolve();
    };
    const start = (index: number): void => {
      running++;
      ran.add(index);
      void run(index).then((ok) => finish(index, ok));
    };
    const finish = (index: number, ok: boolean): void => {
      running--;
      if (ok) {
        const next = nextInLane.get(index);
        if (next !== undefined) insertSorted(ready, next);
      } else {
        failed.push(index);
        if (schedule.stopAllOnError) stopped = true;
      }
      pump();
    };
    pump();
  });

  const skipped: number[] = [];
  for (let index = 0; index < schedule.count; index++) if (!ran.has(index)) skipped.push(index);
  return { failed: failed.sort((a, b) => a - b), skipped };
}
