import { checkRegisteredRanges } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4064: a schedule's `retries` (Target.RetryPolicy.MaximumRetryAttempts) outside 0–185
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html); CloudFormation
 * refuses the AWS::Scheduler::Schedule.
 */
export const scheduleRetriesRange: Rule = {
  code: 'FL4064',
  visit: {
    schedule(schedule, context) {
      checkRegisteredRanges(context, context.schedule(schedule), 'schedule', 'FL4064');
    },
  },
};
