// Scheduler's six-field cron (runtime/schedule/cron.ts): what parses, what is refused and why,
// and which calendar days the day fields take.
import { describe, expect, test } from 'vitest';
import { matchesDay, parseCron, weekdayOf } from '../../../runtime/schedule/cron.js';

function parsed(text: string) {
  const result = parseCron(text);
  if (!result.ok) throw new Error(result.problem.message);
  return result.cron;
}

function refused(text: string): { field: number | undefined; message: string } {
  const result = parseCron(text);
  if (result.ok) throw new Error(`${text} parsed`);
  return { field: result.problem.field, message: result.problem.message };
}

describe('parseCron', () => {
  test('values, ranges, lists, steps and names', () => {
    const cron = parsed('0/15 8-10,12 ? JAN-MAR MON-FRI 2026');
    expect([...cron.minutes]).toEqual([0, 15, 30, 45]);
    expect([...cron.hours]).toEqual([8, 9, 10, 12]);
    expect([...cron.months]).toEqual([1, 2, 3]);
    expect(cron.dayOfWeek).toEqual({ kind: 'days', days: new Set([2, 3, 4, 5, 6]) });
    expect([...cron.years]).toEqual([2026]);
    expect([...parsed('*/20 * * * ? *').minutes]).toEqual([0, 20, 40]);
    expect([...parsed('5-20/5 * * * ? *').minutes]).toEqual([5, 10, 15, 20]);
  });

  test('L, L-n, W, LW in day-of-month; L, dayL and # in day-of-week', () => {
    expect(parsed('0 0 L * ? *').dayOfMonth).toEqual({ kind: 'last', before: 0 });
    expect(parsed('0 0 L-3 * ? *').dayOfMonth).toEqual({ kind: 'last', before: 3 });
    expect(parsed('0 0 15W * ? *').dayOfMonth).toEqual({ kind: 'nearest-weekday', day: 15 });
    expect(parsed('0 0 LW * ? *').dayOfMonth).toEqual({ kind: 'last-weekday' });
    expect(parsed('0 0 ? * L *').dayOfWeek).toEqual({ kind: 'last', day: 7 });
    expect(parsed('0 0 ? * 6L *').dayOfWeek).toEqual({ kind: 'last', day: 6 });
    expect(parsed('0 0 ? * TUE#2 *').dayOfWeek).toEqual({ kind: 'nth', day: 3, nth: 2 });
  });

  test.each([
    ['0 3 * * *', undefined, 'six fields, this one has 5'],
    ['0 3 * * * *', 4, 'one of day-of-month and day-of-week must be `?`'],
    ['0 3 ? * ? *', 2, 'both `?`'],
    ['60 3 * * ? *', 0, '`60` is not a value of minutes'],
    ['0 24 * * ? *', 1, '`24` is not a value of hours'],
    ['0 3 32 * ? *', 2, '`32` is not a value of day-of-month'],
    ['0 3 * 13 ? *', 3, '`13` is not a value of month'],
    ['0 3 ? * 8 *', 4, '`8` is not a value of day-of-week'],
    ['0 3 * * ? 1969', 5, '`1969` is not a value of year'],
    ['0 3 ? * MON#6 *', 4, 'a 1st to a 5th'],
    ['0 3 5#2 * ? *', 2, 'not a value of day-of-month'],
    ['0 3 ? * 3W *', 4, 'not a value of day-of-week'],
    ['0/0 3 * * ? *', 0, 'step'],
    ['0 5-3 * * ? *', 1, 'goes backwards'],
  ])('refuses %s', (text, field, message) => {
    const problem = refused(text);
    expect(problem.field).toBe(field);
    expect(problem.message).toContain(message);
  });
});

describe('matchesDay', () => {
  test('weekdays count 1 = Sunday', () => {
    expect(weekdayOf(2026, 1, 1)).toBe(5); // a Thursday
    expect(weekdayOf(2026, 3, 29)).toBe(1); // a Sunday
  });

  test('the last day, the last Friday, the second Tuesday, the nearest weekday', () => {
    expect(matchesDay(parsed('0 0 L * ? *'), 2028, 2, 29)).toBe(true);
    expect(matchesDay(parsed('0 0 L * ? *'), 2028, 2, 28)).toBe(false);
    expect(matchesDay(parsed('0 0 ? * 6L *'), 2026, 1, 30)).toBe(true);
    expect(matchesDay(parsed('0 0 ? * 6L *'), 2026, 1, 23)).toBe(false);
    expect(matchesDay(parsed('0 0 ? * TUE#2 *'), 2026, 1, 13)).toBe(true);
    expect(matchesDay(parsed('0 0 ? * TUE#2 *'), 2026, 1, 6)).toBe(false);
    // 2026-02-01 is a Sunday: 1W is Monday the 2nd; 2026-01-31 a Saturday: LW is Friday the 30th.
    expect(matchesDay(parsed('0 0 1W * ? *'), 2026, 2, 2)).toBe(true);
    expect(matchesDay(parsed('0 0 1W * ? *'), 2026, 2, 1)).toBe(false);
    expect(matchesDay(parsed('0 0 LW * ? *'), 2026, 1, 30)).toBe(true);
  });
});
