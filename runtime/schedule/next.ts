import { civilFromDays, type Cron, daysFromCivil, matchesDay } from './cron.js';

/**
 * When a schedule fires, on an absolute clock (Unix milliseconds), the way EventBridge Scheduler
 * evaluates it (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html,
 * "Daylight saving time"):
 * - a cron expression is evaluated in its time zone's wall-clock time;
 * - a wall-clock time that does not exist (clocks spring forward over it) is skipped: "your
 *   schedule invocation gets skipped if the cron expression falls on a non-existent date and time";
 * - a wall-clock time that happens twice (clocks fall back) fires once, at its first occurrence;
 * - a rate is elapsed time from the last invocation, blind to the wall clock: `rate(1 day)` is 24
 *   hours even across a 23- or 25-hour day.
 * Time zones are the IANA zones of `Intl` (the tz database Node ships).
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Whether `zone` is an IANA time zone name `Intl` knows (FL4062: the names of `Intl.supportedValuesOf('timeZone')`, plus `UTC` and aliases it resolves). */
export function isTimeZone(zone: string): boolean {
  if (supportedZones().has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone);
  } catch {
    return false;
  }
}

let zones: ReadonlySet<string> | undefined;
/** The canonical IANA names, for FL4062's "did you mean". */
export function supportedZones(): ReadonlySet<string> {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return zones;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at instant `ms`, in ms (Europe/Berlin in summer: +7,200,000). */
export function offsetAt(zone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const local = daysFromCivil(parts.year!, parts.month!, parts.day!) * DAY_MS + parts.hour! * 3_600_000 + parts.minute! * MINUTE_MS + parts.second! * 1000;
  return local - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instants at which the wall clock of `zone` reads `local` (ms since 1970-01-01 of wall
 * time): none in a spring-forward gap, two in a fall-back overlap, one otherwise; ascending.
 */
export function instantsOf(zone: string, local: number): number[] {
  const found = new Set<number>();
  for (const probe of [local - DAY_MS, local + DAY_MS]) {
    const offset = offsetAt(zone, probe);
    const instant = local - offset;
    if (offsetAt(zone, instant) === offset) found.add(instant);
  }
  return [...found].sort((a, b) => a - b);
}

/** The first time after `afterMs` (exclusive) that `cron` fires in `zone`; undefined when it never fires again (before 2200). */
export function nextCronFire(cron: Cron, zone: string, afterMs: number): number | undefined {
  // Start a day early in wall time, so a local date that began before `afterMs` in UTC is seen.
  let day = Math.floor((afterMs + offsetAt(zone, afterMs)) / DAY_MS) - 1;
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  const hours = [...cron.hours].sort((a, b) => a - b);
  const lastDay = daysFromCivil(2200, 1, 1);
  for (; day < lastDay; day++) {
    const { year, month, day: dom } = civilFromDays(day);
    if (!cron.years.has(year)) {
      if ([...cron.years].every((y) => y < year)) return undefined;
      continue;
    }
    if (!matchesDay(cron, year, month, dom)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const first = instantsOf(zone, day * DAY_MS + hour * 3_600_000 + minute * MINUTE_MS)[0];
        if (first !== undefined && first > afterMs) return first;
      }
    }
  }
  return undefined;
}

/** A stretch of wall-clock time that a spring-forward change removes: `[fromLocal, toLocal)`, ms of wall time. */
export interface WallClockGap {
  readonly fromLocal: number;
  readonly toLocal: number;
}

const gapsOfZone = new Map<string, readonly WallClockGap[]>();

/**
 * The spring-forward gaps of `zone` between two instants, found week by week (a zone changes
 * its offset at most a few times a year, never twice in a week) and then to the second. For
 * FL5008, which looks at a few years of each zone: computed once per zone and range, since the
 * checker runs on every keystroke of an editor.
 */
export function wallClockGaps(zone: string, fromMs: number, toMs: number): readonly WallClockGap[] {
  const key = `${zone} ${fromMs} ${toMs}`;
  const known = gapsOfZone.get(key);
  if (known !== undefined) return known;
  const gaps: WallClockGap[] = [];
  const step = 7 * DAY_MS;
  let previous = offsetAt(zone, fromMs);
  for (let at = fromMs + step; at < toMs + step; at += step) {
    const offset = offsetAt(zone, at);
    if (offset > previous) {
      let low = at - step;
      let high = at;
      while (high - low > 1000) {
        const middle = low + Math.floor((high - low) / 2000) * 1000;
        if (offsetAt(zone, middle) === previous) low = middle;
        else high = middle;
      }
      gaps.push({ fromLocal: high + previous, toLocal: high + offset });
    }
    previous = offset;
  }
  gapsOfZone.set(key, gaps);
  return gaps;
}
