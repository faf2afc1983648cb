import { checkRegisteredRanges } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4065: a schedule's `max_age` (Target.RetryPolicy.MaximumEventAgeInSeconds) outside 60–86400
 * seconds (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html);
 * CloudFormation refuses the AWS::Scheduler::Schedule.
 */
export const scheduleMaxAgeRange: Rule = {
  code: 'FL4065',
  visit: {
    schedule(schedule, context) {
      checkRegisteredRanges(context, context.schedule(schedule), 'schedule', 'FL4065');
    },
  },
};
