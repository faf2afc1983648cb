import type { Rule } from '../rule.js';

/**
 * FL4038: the `on_failure` target of a Kinesis or DynamoDB stream trigger is a FIFO queue or
 * topic (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html). Lambda sends the on-failure records of a stream mapping to a
 * standard SQS queue, a standard SNS topic or an S3 bucket; FIFO ones are not documented as supported (the fact
 * sheet marks this [unsure]: reject). On a queue edge `on_failure` is FL4006.
 */
export const streamOnFailureTarget: Rule = {
  code: 'FL4038',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'stream-trigger' && edge.kind !== 'table-trigger') return;
      const item = context.edge(edge);
      const setting = context.writtenOf(item, 'onFailure');
      const target = context.named(item.onFailure);
      if (!setting || !target || !context.isFifo(target)) return;
      const fifo = context.fifoSetting(target);
      context.report(setting.value.span, `the on-failure target of a stream trigger cannot be a FIFO ${target.kind}`, {
        label: `not a standard ${target.kind}`,
        secondary: fifo ? [{ span: fifo.span, message: `\`${target.name}\` is FIFO` }] : [],
        why: 'Lambda sends a record describing each discarded batch of a stream to its on-failure destination, and AWS documents only a standard SQS queue, a standard SNS topic or an S3 bucket there. A FIFO queue or topic needs a MessageGroupId on every message, which these records do not come with; as a Lambda destination a FIFO target fails every delivery. The records of the skipped batches would be lost.',
        help: `make \`${target.name}\` a standard ${target.kind} (remove \`fifo = true\`), or name another standard queue or topic`,
      });
    },
  },
};
