import { checkRegisteredRanges } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4066: a schedule's flexible `window` (FlexibleTimeWindow.MaximumWindowInMinutes) outside
 * 1–1440 minutes (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_FlexibleTimeWindow.html);
 * CloudFormation refuses the AWS::Scheduler::Schedule.
 */
export const scheduleWindowRange: Rule = {
  code: 'FL4066',
  visit: {
    schedule(schedule, context) {
      checkRegisteredRanges(context, context.schedule(schedule), 'schedule', 'FL4066');
    },
  },
};
