import type { Rule } from '../rule.js';

/**
 * FL4029: a FIFO topic that delivers to a function (https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html). SNS FIFO topics
 * deliver only to SQS queues; SNS refuses any other subscription: "Invalid parameter: Invalid
 * protocol type". The way to a function is FIFO topic → FIFO queue → function.
 */
export const fifoTopicSubscriber: Rule = {
  code: 'FL4029',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'subscription' || edge.target.kind !== 'fn' || !context.isFifo(edge.source)) return;
      const fifo = context.fifoSetting(edge.source);
      const topic = edge.source.name;
      context.report(edge.link.target.span, `the FIFO topic \`${topic}\` cannot deliver to the function \`${edge.target.name}\``, {
        label: 'a Lambda subscription',
        secondary: fifo ? [{ span: fifo.span, message: `\`${topic}\` is FIFO` }] : [],
        why: 'SNS FIFO topics deliver only to SQS queues. SNS refuses a Lambda subscription to a FIFO topic ("Invalid parameter: Invalid protocol type") and the stack fails.',
        help: `put a FIFO queue between them: declare \`queue ${topic}_queue { fifo = true }\` and write \`${topic} -> ${topic}_queue -> ${edge.target.name}\`; the queue keeps the order of each message group`,
      });
    },
  },
};
