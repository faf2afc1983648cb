import { sqs } from '../../../runtime/aws/limits.js';
import type { Label } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';
import { formatSeconds } from '../ranges.js';

/**
 * FL4018 (warning): a queue's visibility timeout under 6 × the timeout of a function it
 * triggers, plus the trigger's batching window (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html). It deploys, but
 * a batch whose invocation is throttled becomes visible again while Lambda still retries it,
 * and is processed twice. Below 1 × the timeout it is FL4017's error instead. A window on a
 * FIFO trigger is FL4008's error and is left out of the sum.
 */
export const visibilityBelowRecommended: Rule = {
  code: 'FL4018',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'queue-trigger') return;
      const queue = context.queue(edge.source);
      const fn = context.fn(edge.target);
      const item = context.edge(edge);
      const visibility = queue.visibilityTimeoutSeconds;
      const timeout = fn.timeoutSeconds;
      if (visibility < timeout) return; // FL4017
      const windowSetting = queue.fifo ? undefined : context.writtenOf(item, 'batchingWindowSeconds');
      const window = windowSetting ? item.batchingWindowSeconds : 0;
      const ratio = sqs.visibilityToTimeoutRecommendedRatio;
      const recommended = ratio * timeout + window;
      if (visibility >= recommended) return;
      const visibilitySetting = context.writtenOf(queue, 'visibilityTimeoutSeconds');
      const timeoutSetting = context.settingOf(fn, 'timeoutSeconds');
      const secondary: Label[] = [];
      if (timeoutSetting) secondary.push({ span: timeoutSetting.value.span, message: `timeout of \`${edge.target.name}\`` });
      if (windowSetting && window > 0) secondary.push({ span: windowSetting.value.span, message: 'batching window' });
      secondary.push({ span: edge.link.target.span, message: `\`${edge.source.name}\` triggers \`${edge.target.name}\`` });
      const sum = window > 0 ? `${ratio} × ${formatSeconds(timeout)} + ${formatSeconds(window)}` : `${ratio} × ${formatSeconds(timeout)}`;
      context.report(
        visibilitySetting?.value.span ?? edge.source.decl.name.span,
        `the visibility timeout of \`${edge.source.name}\` (${formatSeconds(visibility)}) is under the ${formatSeconds(recommended)} that AWS recommends for its consumer \`${edge.target.name}\``,
        {
          label: visibilitySetting ? `under ${sum}` : `visibility timeout ${formatSeconds(visibility)} (the default), under ${sum}`,
          secondary,
          why: `AWS recommends a visibility timeout of at least ${ratio} times the function timeout, plus the batching window. When Lambda is throttled it retries a batch it has already received; if the visibility timeout ends first, the messages become visible again and are processed twice, and each receive counts toward \`max_receives\`.`,
          help: `set \`visibility = ${formatSeconds(recommended)}\` on \`${edge.source.name}\``,
        },
      );
    },
  },
};
