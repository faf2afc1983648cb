import type { Rule } from '../rule.js';
import { formatSeconds } from '../ranges.js';

/**
 * FL4017: a queue's visibility timeout shorter than the timeout of a function it triggers
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html). Lambda refuses the event source mapping: "Invalid request
 * provided: Queue visibility timeout: 30 seconds is less than Function timeout: 120 seconds".
 */
export const visibilityBelowTimeout: Rule = {
  code: 'FL4017',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'queue-trigger') return;
      const queue = context.queue(edge.source);
      const fn = context.fn(edge.target);
      const visibility = queue.visibilityTimeoutSeconds;
      const timeout = fn.timeoutSeconds;
      if (visibility >= timeout) return;
      const visibilitySetting = context.writtenOf(queue, 'visibilityTimeoutSeconds');
      const timeoutSetting = context.writtenOf(fn, 'timeoutSeconds');
      context.report(visibilitySetting?.value.span ?? edge.source.decl.name.span, `the visibility timeout of \`${edge.source.name}\` (${formatSeconds(visibility)}) is shorter than the timeout of \`${edge.target.name}\` (${formatSeconds(timeout)})`, {
        label: visibilitySetting ? 'visibility timeout' : `visibility timeout ${formatSeconds(visibility)} (the default)`,
        secondary: [
          ...(timeoutSetting ? [{ span: timeoutSetting.value.span, message: 'function timeout' }] : []),
          { span: edge.link.target.span, message: `\`${edge.source.name}\` triggers \`${edge.target.name}\`` },
        ],
        why: `Lambda refuses the trigger at deploy: "Invalid request provided: Queue visibility timeout: ${visibility} seconds is less than Function timeout: ${timeout} seconds". A message would reappear while its handler still runs.`,
        help: `set \`visibility = ${formatSeconds(timeout * 6)}\` on \`${edge.source.name}\` (AWS recommends 6 × the function timeout)`,
      });
    },
  },
};
