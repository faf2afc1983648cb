import type { Rule } from '../rule.js';

/**
 * FL4030: a FIFO queue subscribed to a standard topic (https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html). SNS refuses
 * the subscription: "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be
 * subscribed to standard SNS topics".
 */
export const fifoQueueOnStandardTopic: Rule = {
  code: 'FL4030',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'subscription' || edge.target.kind !== 'queue') return;
      if (context.isFifo(edge.source) || !context.isFifo(edge.target)) return;
      const fifo = context.fifoSetting(edge.target);
      context.report(edge.link.target.span, `the FIFO queue \`${edge.target.name}\` cannot subscribe to the standard topic \`${edge.source.name}\``, {
        label: 'a FIFO queue',
        secondary: [
          ...(fifo ? [{ span: fifo.span, message: `\`${edge.target.name}\` is FIFO` }] : []),
          { span: edge.source.decl.name.span, message: `\`${edge.source.name}\` is a standard topic` },
        ],
        why: 'A standard topic has no message groups or deduplication ids to give a FIFO queue. SNS refuses the subscription ("Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics") and the stack fails.',
        help: `make \`${edge.source.name}\` a FIFO topic (\`fifo = true\` with \`group\` and \`dedupe\`), or make \`${edge.target.name}\` a standard queue`,
      });
    },
  },
};
