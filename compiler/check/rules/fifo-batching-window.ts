import type { Rule } from '../rule.js';

/**
 * FL4008: a batching window on a trigger from a FIFO queue (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html).
 * Lambda refuses the event source mapping: "Invalid request provided: Batching window is not
 * supported for FIFO queues". `window = 0s` is the default (no window): flowc lowers it to
 * MaximumBatchingWindowInSeconds 0, which AWS accepts, so only a nonzero window is reported.
 */
export const fifoBatchingWindow: Rule = {
  code: 'FL4008',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'queue-trigger' || !context.isFifo(edge.source)) return;
      // Any window is refused, one that is not whole seconds (FL4003's) too: the setting as written.
      const setting = context.presentOn(context.edge(edge), 'batchingWindowSeconds');
      if (setting?.value.kind !== 'DurationValue' || setting.value.milliseconds === 0) return;
      const fifo = context.fifoSetting(edge.source);
      context.report(setting.span, `a trigger from the FIFO queue \`${edge.source.name}\` cannot have a batching window`, {
        label: 'MaximumBatchingWindowInSeconds is not supported for FIFO queues',
        secondary: fifo ? [{ span: fifo.span, message: `\`${edge.source.name}\` is FIFO` }] : [],
        why: 'Lambda refuses the event source mapping at deploy: "Invalid request provided: Batching window is not supported for FIFO queues". A FIFO trigger invokes as soon as it has messages, so that no message group waits.',
        help: `remove \`window\` from the edge \`${edge.source.name} -> ${edge.target.name}\`; to batch over time, read from a standard queue`,
      });
    },
  },
};
