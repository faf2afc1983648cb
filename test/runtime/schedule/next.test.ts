// When a cron fires in its time zone (runtime/schedule/next.ts), around the daylight-saving
// changes of 2026: Europe/Berlin springs forward on 29 March (02:00 → 03:00) and falls back on
// 25 October (03:00 → 02:00); America/New_York on 8 March and 1 November.
import { describe, expect, test } from 'vitest';
import { parseCron } from '../../../runtime/schedule/cron.js';
import { instantsOf, isTimeZone, nextCronFire, offsetAt } from '../../../runtime/schedule/next.js';

const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function fires(expression: string, zone: string, fromIso: string, count: number): (string | undefined)[] {
  const result = parseCron(expression);
  if (!result.ok) throw new Error(result.problem.message);
  const out: (string | undefined)[] = [];
  let after = utc(fromIso);
  for (let i = 0; i < count; i++) {
    const next = nextCronFire(result.cron, zone, after);
    out.push(iso(next));
    if (next === undefined) break;
    after = next;
  }
  return out;
}

describe('time zones', () => {
  test('offsets in winter and summer', () => {
    expect(offsetAt('Europe/Berlin', utc('2026-01-15T12:00:00Z'))).toBe(3_600_000);
    expect(offsetAt('Europe/Berlin', utc('2026-07-15T12:00:00Z'))).toBe(7_200_000);
    expect(offsetAt('UTC', utc('2026-07-15T12:00:00Z'))).toBe(0);
  });

  test('a wall time in the spring gap has no instant, one in the autumn overlap has two', () => {
    const local = (text: string) => utc(`${text}Z`);
    expect(instantsOf('Europe/Berlin', local('2026-03-29T02:30:00'))).toEqual([]);
    expect(instantsOf('Europe/Berlin', local('2026-10-25T02:30:00')).map(iso)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
  });

  test('IANA names are zones; offsets, abbreviations and typos are not', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Europe/Berln')).toBe(false);
    expect(isTimeZone('+02:00')).toBe(false);
  });
});

describe('nextCronFire', () => {
  test('cron(0 3 * * ? *) in Europe/Berlin: 02:00 UTC in winter, 01:00 UTC in summer', () => {
    expect(fires('0 3 * * ? *', 'Europe/Berlin', '2026-03-27T12:00:00Z', 4)).toEqual([
      '2026-03-28T02:00:00.000Z',
      '2026-03-29T01:00:00.000Z', // 03:00 exists on the spring-forward day: it is the first hour of summer time
      '2026-03-30T01:00:00.000Z',
      '2026-03-31T01:00:00.000Z',
    ]);
    expect(fires('0 3 * * ? *', 'Europe/Berlin', '2026-10-24T12:00:00Z', 3)).toEqual(['2026-10-25T02:00:00.000Z', '2026-10-26T02:00:00.000Z', '2026-10-27T02:00:00.000Z']);
  });

  test('a time the spring-forward change removes is skipped that day', () => {
    expect(fires('30 2 * * ? *', 'Europe/Berlin', '2026-03-27T12:00:00Z', 3)).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z']);
  });

  test('a time the fall-back change repeats fires once, at its first occurrence', () => {
    expect(fires('30 2 * * ? *', 'Europe/Berlin', '2026-10-24T12:00:00Z', 3)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z', '2026-10-27T01:30:00.000Z']);
    expect(fires('0 * * * ? *', 'America/New_York', '2026-11-01T04:30:00Z', 4)).toEqual([
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T07:00:00.000Z', // 02:00 EST: 01:00 EST, the repeated hour, does not fire again
      '2026-11-01T08:00:00.000Z',
      '2026-11-01T09:00:00.000Z',
    ]);
  });

  test('without a zone a cron is UTC; a year range that is over never fires again', () => {
    expect(fires('15 10 ? * MON *', 'UTC', '2026-01-01T00:00:00Z', 2)).toEqual(['2026-01-05T10:15:00.000Z', '2026-01-12T10:15:00.000Z']);
    expect(fires('0 0 1 1 ? 2026', 'UTC', '2026-01-01T00:00:00Z', 2)).toEqual([undefined]);
    expect(fires('0 0 L 2 ? 2028', 'UTC', '2026-01-01T00:00:00Z', 2)).toEqual(['2028-02-29T00:00:00.000Z', undefined]);
  });
});
