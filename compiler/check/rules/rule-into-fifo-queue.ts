import type { Rule } from '../rule.js';

/**
 * FL4042 (warning): a bus rule that delivers to a FIFO queue. EventBridge's SQS target takes
 * one fixed MessageGroupId (`SqsParameters.MessageGroupId`); it cannot read a group from the
 * event. flowc sets it to the bus name, so every event of the rule lands in one group: they
 * are delivered in one order, one at a time, and a `group` declared on the queue is not used.
 */
export const ruleIntoFifoQueue: Rule = {
  code: 'FL4042',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'rule' || edge.target.kind !== 'queue' || !context.isFifo(edge.target)) return;
      const group = context.writtenOf(context.queue(edge.target), 'groupBy');
      context.report(edge.link.target.span, `every event that \`${edge.source.name}\` delivers to the FIFO queue \`${edge.target.name}\` shares one message group`, {
        label: `one group for all events of this rule`,
        secondary: group ? [{ span: group.span, message: 'not used for events from a bus' }] : [],
        why: `An EventBridge target on a FIFO queue takes one fixed MessageGroupId (SqsParameters.MessageGroupId) and cannot read it from the event. flowc uses the bus name, \`${edge.source.name}\`, so these events are processed strictly one at a time, in one order.`,
        help: `deliver to a standard queue, or to a function that sends to \`${edge.target.name}\` with \`sends\`, so that each message gets its own group`,
      });
    },
  },
};
