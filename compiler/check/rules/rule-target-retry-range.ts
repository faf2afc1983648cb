import { eventBridge } from '../../../runtime/aws/limits.js';
import { checkRange } from '../ranges.js';
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
      if (edge.kind !== 'rule') return;
      checkRange(context, edge, {
        setting: 'retries',
        range: eventBridge.targetRetryAttempts,
        as: 'number',
        property: 'RetryPolicy.MaximumRetryAttempts',
        why: 'EventBridge retries delivering an event to a target 0 to 185 times (Targets[].RetryPolicy.MaximumRetryAttempts); CloudFormation refuses the rule outside that range.',
      });
      checkRange(context, edge, {
        setting: 'max_age',
        range: eventBridge.targetMaxEventAgeSeconds,
        as: 'seconds',
        property: 'RetryPolicy.MaximumEventAgeInSeconds',
        why: 'EventBridge keeps retrying an undelivered event for 60 to 86,400 seconds (1 minute to 24 hours; Targets[].RetryPolicy.MaximumEventAgeInSeconds); CloudFormation refuses the rule outside that range.',
      });
    },
  },
};
