/**
 * Virtual time: durations, offsets and calendar dates computed from milliseconds, without the
 * `Date` global (banned in the simulator so that nothing reads the wall clock by accident).
 */
import { civilFromDays, daysFromCivil } from '../schedule/cron.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `'90s'`, `'10m'`, `'1h30m'`, `'500ms'` or a number of milliseconds → milliseconds. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`a duration must be a non-negative number of milliseconds, not ${value}`);
    return value;
  }
  const text = value.trim();
  const parts = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/.test(text) ? text.match(/\d+(?:\.\d+)?(?:ms|s|m|h|d)/g) : null;
  if (parts === null) throw new RangeError(`\`${value}\` is not a duration: write it like 500ms, 30s, 10m, 2h or 1d`);
  let total = 0;
  for (const part of parts) {
    const unit = /ms|s|m|h|d$/.exec(part)?.[0] ?? 'ms';
    total += Number.parseFloat(part) * (UNIT_MS[unit] ?? 1);
  }
  return Math.round(total);
}

/** `+00:01:00.000`, or `+2d 03:00:00.000` past a day: the offset from the start of the run. */
export function formatOffset(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = Math.round(rest - seconds * 1000);
  const clock = `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}`;
  return days > 0 ? `+${days}d ${clock}` : `+${clock}`;
}

/** A short human duration for messages: `1m`, `2m30s`, `250ms`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const units: readonly [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ];
  let rest = ms;
  let text = '';
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}

/** `2026-01-01T00:01:00.000Z` for a Unix time in milliseconds. */
export function isoTime(epochMs: number): string {
  const days = Math.floor(epochMs / 86_400_000);
  const msOfDay = epochMs - days * 86_400_000;
  const { year, month, day } = civilFromDays(days);
  const hours = Math.floor(msOfDay / 3_600_000);
  const minutes = Math.floor((msOfDay % 3_600_000) / 60_000);
  const seconds = Math.floor((msOfDay % 60_000) / 1000);
  const millis = msOfDay % 1000;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}Z`;
}

/** `2026-01-01T00:01:00Z`: the whole-second form EventBridge uses in `time`. */
export function isoTimeSeconds(epochMs: number): string {
  return `${isoTime(epochMs).slice(0, 19)}Z`;
}

/** Parses `YYYY-MM-DDTHH:MM:SS(.mmm)Z` (UTC only) to Unix milliseconds. */
export function parseIsoTime(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/.exec(text);
  if (match === null) throw new RangeError(`\`${text}\` is not a UTC time such as 2026-01-01T00:00:00Z`);
  const [, y, mo, d, h, mi, s, frac] = match.map((part) => part ?? '');
  const days = daysFromCivil(Number(y), Number(mo), Number(d));
  const millis = frac === undefined || frac === '' ? 0 : Number(frac.padEnd(3, '0'));
  return days * 86_400_000 + Number(h) * 3_600_000 + Number(mi) * 60_000 + Number(s) * 1000 + millis;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

