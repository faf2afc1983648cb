import { civilFromDays, matchesDay, parseCron } from '../../../runtime/schedule/cron.js';
import { wallClockGaps } from '../../../runtime/schedule/next.js';
import type { Rule } from '../rule.js';

const DAY_MS = 86_400_000;
/** The years looked at: 2026 to 2030 (UTC), fixed so that a check gives the same answer every day. */
const FROM_MS = 1_767_225_600_000;
const TO_MS = 1_924_992_000_000;

/**
 * FL5008 (warning): a cron whose wall-clock time falls in a spring-forward gap of its time zone
 * on a day it would fire: that day's invocation does not happen. EventBridge Scheduler: "When
 * the time shifts forward in Spring, your schedule invocation gets skipped if the cron
 * expression falls on a non-existent date and time"
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html, daylight saving
 * time). Looked at over 2026–2030; a repeated hour in autumn fires once, which is no loss.
 */
export const scheduleDstGap: Rule = {
  code: 'FL5008',
  visit: {
    schedule(schedule, context) {
      const model = context.schedule(schedule);
      const setting = context.writtenOf(model, 'cron');
      if (model.cron === null || model.timezone === null || setting === undefined) return;
      const parsed = parseCron(model.cron);
      if (!parsed.ok) return; // FL4061
      const cron = parsed.cron;
      let zoneGaps;
      try {
        zoneGaps = wallClockGaps(model.timezone, FROM_MS, TO_MS);
      } catch {
        return; // not a zone: FL4062
      }
      for (const gap of zoneGaps) {
        const day = Math.floor(gap.fromLocal / DAY_MS);
        const { year, month, day: dom } = civilFromDays(day);
        if (!matchesDay(cron, year, month, dom)) continue;
        for (const hour of cron.hours) {
          for (const minute of cron.minutes) {
            const local = day * DAY_MS + hour * 3_600_000 + minute * 60_000;
            if (local < gap.fromLocal || local >= gap.toLocal) continue;
            const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
            const date = `${year}-${String(month).padStart(2, '0')}-${String(dom).padStart(2, '0')}`;
            context.report(setting.value.span, `\`${schedule.name}\` does not fire on ${date}: ${time} does not exist in ${model.timezone} that day`, {
              label: 'a time the clocks skip when they spring forward',
              why: 'EventBridge Scheduler skips an invocation whose cron time does not exist in the schedule\'s time zone: "When the time shifts forward in Spring, your schedule invocation gets skipped if the cron expression falls on a non-existent date and time". It happens each year, on the day the zone changes to summer time.',
              help: 'pick a time outside the hour the clocks skip (e.g. 03:30 rather than 02:30), or run the schedule in UTC (`timezone` left out), which has no daylight saving',
            });
            return;
          }
        }
      }
    },
  },
};
