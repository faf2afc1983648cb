import type { Rule } from '../rule.js';

/**
 * FL4093: TODO what the rule finds, and what AWS does with it, with the AWS
 * documentation page that says so (https://docs.aws.amazon.com/…).
 */
export const existingAccount: Rule = {
  code: 'FL4093',
  visit: {
    // Read settings from the model, never by name: context.queue(queue).visibilityTimeoutSeconds
    // for the effective value, context.writtenOf(item, 'visibilityTimeoutSeconds') for where it is written.
    queue(queue, context) {
      void queue;
      void context;
      // TODO: context.report(span, message, { label, why, help }) for each mistake, once.
    },
  },
};
