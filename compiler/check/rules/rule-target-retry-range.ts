import { checkRegisteredRanges } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4039: the retry policy of an EventBridge rule target (`bus -> target { retries, max_age }`)
 * outside its AWS range (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html): Targets[].RetryPolicy.MaximumRetryAttempts
 * 0–185, MaximumEventAgeInSeconds 60–86,400. CloudFormation refuses the rule.
 */
export const ruleTargetRetryRange: Rule = {
  code: 'FL4039',
  visit: {
    edge(edge, context) {
      checkRegisteredRanges(context, context.edge(edge), 'edge', 'FL4039');
    },
  },
};
