import { replaceWith, suggest, didYouMeanOf } from '../../diagnostics/suggest.js';
import { isTimeZone, supportedZones } from '../../../runtime/schedule/next.js';
import type { Rule } from '../rule.js';

/**
 * FL4062: a `timezone` that is not an IANA time zone name (`Europe/Berlin`, `America/New_York`,
 * `UTC`). Scheduler evaluates a cron in ScheduleExpressionTimezone, "the timezone in which the
 * scheduling expression is evaluated" (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html),
 * and refuses a name it does not know. flowc knows the zones of `Intl.supportedValuesOf('timeZone')`,
 * the tz database Node ships.
 */
export const scheduleTimezone: Rule = {
  code: 'FL4062',
  visit: {
    schedule(schedule, context) {
      const model = context.schedule(schedule);
      const setting = context.writtenOf(model, 'timezone');
      if (model.timezone === null || setting === undefined) return;
      if (isTimeZone(model.timezone)) return;
      const zones = supportedZones();
      const exact = [...zones].find((z) => z.toLowerCase() === model.timezone!.toLowerCase().replace(/ /g, '_'));
      const found = exact !== undefined ? [exact] : suggest(model.timezone, zones);
      context.report(setting.value.span, `\`${model.timezone}\` is not an IANA time zone`, {
        label: 'ScheduleExpressionTimezone takes a tz database name',
        why: 'Scheduler evaluates the cron in this time zone and refuses a name the tz database does not have, so CloudFormation fails the stack. Offsets (`+02:00`) and abbreviations (`CET`, `PST`) are not zones: a zone name also carries its daylight-saving rules.',
        help: didYouMeanOf(found.map((f) => `"${f}"`)) ?? 'write a name such as `"Europe/Berlin"`, `"America/New_York"` or `"UTC"`',
        suggestions: replaceWith(setting.value.span, found.map((f) => JSON.stringify(f))),
      });
    },
  },
};
