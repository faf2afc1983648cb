import { scheduler } from '../../../runtime/aws/limits.js';
import { formatSeconds } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4060: `every` that Scheduler cannot write as a rate: below one minute, or not a whole number
 * of minutes. A rate is `rate(value unit)` with a positive whole value in minutes, hours or days
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#rate-based);
 * CreateSchedule refuses anything else, so CloudFormation fails the stack.
 */
export const scheduleRate: Rule = {
  code: 'FL4060',
  visit: {
    schedule(schedule, context) {
      const model = context.schedule(schedule);
      const seconds = model.rateSeconds;
      const setting = context.writtenOf(model, 'rateSeconds');
      if (seconds === null || setting === undefined) return;
      const minimum = scheduler.rateMinimumSeconds;
      if (seconds >= minimum && seconds % 60 === 0) return;
      const below = Math.floor(seconds / 60) * 60;
      const choices = (below >= minimum ? [below, below + 60] : [minimum]).map(formatSeconds);
      const short = seconds < minimum;
      context.report(setting.value.span, short ? `\`every = ${formatSeconds(seconds)}\` is below Scheduler's minimum rate of one minute` : `\`every = ${formatSeconds(seconds)}\` is not a whole number of minutes`, {
        label: short ? 'rate(…) is one minute at least' : 'rate(…) takes whole minutes, hours or days',
        why: 'EventBridge Scheduler writes a rate as `rate(value unit)`, with a whole value in minutes, hours or days, and invokes targets with one-minute precision; CreateSchedule refuses a rate it cannot write, so CloudFormation fails the stack.',
        help: `write ${choices.map((c) => `\`every = ${c}\``).join(' or ')}`,
        suggestions: [{ title: `write \`every = ${choices[0]}\``, edits: [{ span: setting.value.span, replacement: choices[0]! }], applicability: 'maybe-incorrect' }],
      });
    },
  },
};
