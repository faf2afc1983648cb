import type { Rule } from '../rule.js';

/**
 * FL4004: a FIFO queue or topic as a Lambda destination (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). Lambda accepts the
 * configuration, then fails every delivery (`DestinationDeliveryFailures`): the record is lost.
 * CDK and SAM deploy it without a word.
 */
export const fifoDestination: Rule = {
  code: 'FL4004',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'destination' || !context.isFifo(edge.target)) return;
      const fifo = context.fifoSetting(edge.target);
      const outcome = edge.port ?? 'success';
      context.report(edge.link.target.span, `a FIFO ${edge.target.kind} cannot be a Lambda destination`, {
        label: `the ${outcome} records of \`${edge.source.name}\` would be lost`,
        secondary: fifo ? [{ span: fifo.span, message: `\`${edge.target.name}\` is FIFO` }] : [],
        why: 'Lambda destinations support only standard queues and topics. AWS accepts this configuration, then fails every delivery (metric DestinationDeliveryFailures) and drops the record.',
        help: `make \`${edge.target.name}\` a standard ${edge.target.kind}, or send to a function that forwards to the FIFO ${edge.target.kind} with a message group`,
      });
    },
  },
};
