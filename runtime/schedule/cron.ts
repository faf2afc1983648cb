/**
 * EventBridge Scheduler's six-field cron expressions, `cron(minutes hours day-of-month month
 * day-of-week year)`: parsed once into sets of values, checked against Scheduler's rules, and
 * matched against a calendar day. The checker (FL4061) reports what `parseCron` refuses; the
 * simulator (`next.ts`) fires on what it accepts. Source:
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
 * (the fields, their values and wildcards are those of
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions).
 */

export interface CronFieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names accepted for values (`JAN`, `SUN`), upper case. */
  readonly names?: readonly string[];
}

const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** Day-of-week 1–7 is SUN–SAT. */
const weekdays = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export const cronFields: readonly CronFieldSpec[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: months },
  { name: 'day-of-week', min: 1, max: 7, names: weekdays },
  { name: 'year', min: 1970, max: 2199 },
];

/** The day-of-month field: any day, a set of days, the last day (`L`, `L-2`), the weekday nearest a day (`15W`), the last weekday (`LW`). */
export type DayOfMonth =
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: ReadonlySet<number> }
  | { readonly kind: 'last'; readonly before: number }
  | { readonly kind: 'nearest-weekday'; readonly day: number }
  | { readonly kind: 'last-weekday' };

/** The day-of-week field: any day, a set of days (1 = Sunday), the last given weekday of the month (`6L`), the nth one (`2#1`). */
export type DayOfWeek =
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: ReadonlySet<number> }
  | { readonly kind: 'last'; readonly day: number }
  | { readonly kind: 'nth'; readonly day: number; readonly nth: number };

export interface Cron {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly dayOfMonth: DayOfMonth;
  readonly months: ReadonlySet<number>;
  readonly dayOfWeek: DayOfWeek;
  readonly years: ReadonlySet<number>;
}

/** Why an expression is refused: which field (index into `cronFields`, or undefined for the whole), and what to say. */
export interface CronProblem {
  readonly field: number | undefined;
  readonly message: string;
  readonly help: string;
}

export type CronResult = { readonly ok: true; readonly cron: Cron } | { readonly ok: false; readonly problem: CronProblem };

/** Parses the text inside `cron(…)` (the .flow file's `cron = "0 3 * * ? *"`). */
export function parseCron(text: string): CronResult {
  const parts = text.trim().split(/\s+/).filter((p) => p !== '');
  if (parts.length !== 6) {
    return fail(undefined, `a Scheduler cron expression has six fields, this one has ${parts.length}`, 'write `minutes hours day-of-month month day-of-week year`, e.g. `0 3 * * ? *` (03:00 every day); the year field is the one cron usually lacks');
  }
  const [minuteText, hourText, domText, monthText, dowText, yearText] = parts as [string, string, string, string, string, string];
  const domQuestion = domText === '?';
  const dowQuestion = dowText === '?';
  if (domQuestion === dowQuestion) {
    return fail(domQuestion ? 2 : 4, domQuestion ? 'day-of-month and day-of-week are both `?`' : 'one of day-of-month and day-of-week must be `?`', 'Scheduler takes a day in one of the two fields and `?` in the other: `0 3 * * ? *` (every day), `0 3 ? * MON-FRI *` (weekdays)');
  }
  const results: (ReadonlySet<number> | CronProblem)[] = [];
  for (const [index, field] of [[0, minuteText], [1, hourText], [3, monthText], [5, yearText]] as const) results[index] = parseSet(field, index);
  for (const index of [0, 1, 3, 5]) {
    const r = results[index]!;
    if (!(r instanceof Set)) return { ok: false, problem: r as CronProblem };
  }
  const dom = domQuestion ? ({ kind: 'any' } as const) : parseDayOfMonth(domText);
  if ('message' in dom) return { ok: false, problem: dom };
  const dow = dowQuestion ? ({ kind: 'any' } as const) : parseDayOfWeek(dowText);
  if ('message' in dow) return { ok: false, problem: dow };
  return {
    ok: true,
    cron: {
      minutes: results[0] as ReadonlySet<number>,
      hours: results[1] as ReadonlySet<number>,
      dayOfMonth: dom,
      months: results[3] as ReadonlySet<number>,
      dayOfWeek: dow,
      years: results[5] as ReadonlySet<number>,
    },
  };
}

function fail(field: number | undefined, message: string, help: string): { ok: false; problem: CronProblem } {
  return { ok: false, problem: { field, message, help } };
}

function problem(field: number, message: string, help?: string): CronProblem {
  const spec = cronFields[field]!;
  return { field, message, help: help ?? `${spec.name} takes ${spec.min}–${spec.max}${spec.names ? ` or ${spec.names[0]}–${spec.names[spec.names.length - 1]}` : ''}, with \`*\`, lists (\`a,b\`), ranges (\`a-b\`) and steps (\`a/n\`, \`*/n\`)` };
}

/** `*`, `5`, `1-5`, `MON-FRI`, `0/15`, a star with a step, `1-30/5`, and lists of these. */
function parseSet(text: string, field: number): ReadonlySet<number> | CronProblem {
  const spec = cronFields[field]!;
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const range = parseRange(item, field);
    if ('message' in range) return range;
    for (let v = range.from; v <= range.to; v += range.step) values.add(v);
  }
  if (values.size === 0) return problem(field, `the ${spec.name} field \`${text}\` has no values`);
  return values;
}

function parseRange(item: string, field: number): { from: number; to: number; step: number } | CronProblem {
  const spec = cronFields[field]!;
  const [base, stepText, extra] = item.split('/');
  if (base === undefined || extra !== undefined || base === '') return problem(field, `\`${item}\` is not a value of ${spec.name}`);
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) === 0) return problem(field, `the step of \`${item}\` must be a positive whole number`);
    step = Number(stepText);
  }
  if (base === '*') return { from: spec.min, to: spec.max, step };
  const [fromText, toText, more] = base.split('-');
  if (more !== undefined || fromText === undefined) return problem(field, `\`${item}\` is not a value of ${spec.name}`);
  const from = valueOf(fromText, spec);
  if (from === undefined) return problem(field, `\`${fromText}\` is not a value of ${spec.name}`);
  if (toText === undefined) return { from, to: stepText === undefined ? from : spec.max, step };
  const to = valueOf(toText, spec);
  if (to === undefined) return problem(field, `\`${toText}\` is not a value of ${spec.name}`);
  if (to < from) return problem(field, `the range \`${base}\` of ${spec.name} goes backwards`, `write the smaller value first: \`${toText}-${fromText}\``);
  return { from, to, step };
}

function valueOf(text: string, spec: CronFieldSpec): number | undefined {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return spec.min + named;
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= spec.min && value <= spec.max ? value : undefined;
}

function parseDayOfMonth(text: string): DayOfMonth | CronProblem {
  if (text === 'L') return { kind: 'last', before: 0 };
  if (text === 'LW') return { kind: 'last-weekday' };
  const lastMinus = /^L-(\d+)$/.exec(text);
  if (lastMinus) {
    const before = Number(lastMinus[1]);
    return before >= 1 && before <= 30 ? { kind: 'last', before } : problem(2, `\`${text}\`: \`L-n\` counts 1 to 30 days back from the last day of the month`);
  }
  const weekday = /^(\d+)W$/.exec(text);
  if (weekday) {
    const day = Number(weekday[1]);
    return day >= 1 && day <= 31 ? { kind: 'nearest-weekday', day } : problem(2, `\`${text}\`: \`W\` takes one day of the month, 1–31`);
  }
  if (/[LW#]/i.test(text)) return problem(2, `\`${text}\` is not a value of day-of-month`, 'day-of-month takes 1–31, lists, ranges, steps, `L` (the last day), `L-n`, `nW` (the weekday nearest day n) and `LW`; `#` belongs to day-of-week');
  const days = parseSet(text, 2);
  return days instanceof Set ? { kind: 'days', days } : (days as CronProblem);
}

function parseDayOfWeek(text: string): DayOfWeek | CronProblem {
  const spec = cronFields[4]!;
  if (text === 'L') return { kind: 'last', day: 7 };
  const last = /^([A-Za-z]+|\d+)L$/.exec(text);
  if (last) {
    const day = valueOf(last[1]!, spec);
    return day === undefined ? problem(4, `\`${text}\`: \`L\` follows one day of the week, 1–7 or SUN–SAT`) : { kind: 'last', day };
  }
  const nth = /^([A-Za-z]+|\d+)#(\d+)$/.exec(text);
  if (nth) {
    const day = valueOf(nth[1]!, spec);
    const n = Number(nth[2]);
    if (day === undefined) return problem(4, `\`${text}\`: \`#\` follows one day of the week, 1–7 or SUN–SAT`);
    if (n < 1 || n > 5) return problem(4, `\`${text}\`: a month has a 1st to a 5th of each weekday`, 'write `day#n` with n from 1 to 5, e.g. `MON#1` (the first Monday)');
    return { kind: 'nth', day, nth: n };
  }
  if (/[LW#]/i.test(text.replace(/[A-Za-z]{3}/g, (m) => (weekdays.includes(m.toUpperCase()) ? '' : m)))) {
    return problem(4, `\`${text}\` is not a value of day-of-week`, 'day-of-week takes 1–7 or SUN–SAT, lists, ranges, steps, `L`, `dayL` (the last such day of the month) and `day#n`; `W` belongs to day-of-month');
  }
  const days = parseSet(text, 4);
  return days instanceof Set ? { kind: 'days', days } : (days as CronProblem);
}

/** Days in a month of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** 1 (Sunday) to 7 (Saturday), as cron counts them. */
export function weekdayOf(year: number, month: number, day: number): number {
  return ((((daysFromCivil(year, month, day) + 4) % 7) + 7) % 7) + 1;
}

/** Days since 1970-01-01 of a calendar date (Howard Hinnant's algorithm), without `Date`. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The calendar date of a day count since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Whether the cron's day fields take this calendar day. */
export function matchesDay(cron: Cron, year: number, month: number, day: number): boolean {
  if (!cron.years.has(year) || !cron.months.has(month)) return false;
  const last = daysInMonth(year, month);
  const dom = cron.dayOfMonth;
  switch (dom.kind) {
    case 'days':
      if (!dom.days.has(day)) return false;
      break;
    case 'last':
      if (day !== last - dom.before) return false;
      break;
    case 'nearest-weekday':
      if (day !== nearestWeekday(year, month, Math.min(dom.day, last))) return false;
      break;
    case 'last-weekday':
      if (day !== nearestWeekday(year, month, last)) return false;
      break;
    case 'any':
      break;
  }
  const dow = cron.dayOfWeek;
  const weekday = weekdayOf(year, month, day);
  switch (dow.kind) {
    case 'days':
      return dow.days.has(weekday);
    case 'last':
      return weekday === dow.day && day + 7 > last;
    case 'nth':
      return weekday === dow.day && Math.ceil(day / 7) === dow.nth;
    case 'any':
      return true;
  }
}

/** The weekday (Mon–Fri) nearest to `day`, within the same month (Quartz's `W`). */
function nearestWeekday(year: number, month: number, day: number): number {
  const weekday = weekdayOf(year, month, day);
  if (weekday >= 2 && weekday <= 6) return day;
  const last = daysInMonth(year, month);
  if (weekday === 7) return day === 1 ? 3 : day - 1; // Saturday: Friday before, or Monday the 3rd
  return day === last ? day - 2 : day + 1; // Sunday: Monday after, or Friday before at the month's end
}
