import { eventSourceMapping } from '../../../runtime/aws/limits.js';
import type { Rule } from '../rule.js';

/**
 * FL4009: a trigger from a standard queue with `batch` over 10 and no batching window of at
 * least 1 second (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html). MaximumBatchingWindowInSeconds must be at least 1
 * when BatchSize is over 10, and Lambda refuses the event source mapping otherwise. Enforced
 * for SQS only: the sources disagree about streams (undocumented by AWS), whose batches default
 * to 100 without a window. A batch over 10,000 is FL4010's alone.
 */
export const sqsBatchNeedsWindow: Rule = {
  code: 'FL4009',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'queue-trigger' || context.isFifo(edge.source)) return;
      const item = context.edge(edge);
      const batch = item.batchSize;
      const batchSetting = context.writtenOf(item, 'batchSize');
      const max = eventSourceMapping.sqsBatchSizeWithoutWindowMax;
      if (batch === null || batchSetting === undefined) return;
      if (batch <= max || batch > eventSourceMapping.batchSize.max) return;
      // A window in milliseconds that is not whole seconds is FL4003's: a poisoned field, this visit stays silent.
      const windowSetting = context.writtenOf(item, 'batchingWindowSeconds');
      if (windowSetting !== undefined && item.batchingWindowSeconds >= 1) return;
      const at = windowSetting ?? batchSetting;
      context.report(at.value.span, `a batch of ${batch.toLocaleString('en-US')} messages from \`${edge.source.name}\` needs a batching window of at least 1s`, {
        label: windowSetting ? 'a window of 0s is no window' : `BatchSize over ${max} without MaximumBatchingWindowInSeconds`,
        secondary: windowSetting ? [{ span: batchSetting.value.span, message: `BatchSize over ${max}` }] : [],
        why: `Lambda takes a BatchSize over ${max} from an SQS queue only with MaximumBatchingWindowInSeconds of at least 1: it waits up to the window to fill the batch. Without one, it refuses the event source mapping at deploy.`,
        help: windowSetting ? 'use `window = 1s` or more (up to `5m`)' : `add \`window = 1s\` (or up to \`5m\`) to the edge, or use \`batch = ${max}\` or less`,
      });
    },
  },
};
