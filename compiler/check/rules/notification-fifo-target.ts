import { s3 } from '../../../runtime/aws/s3.js';
import type { Rule } from '../rule.js';

/**
 * FL4082: a bucket notifying a FIFO queue or topic. S3's notification destinations are
 * standard queues and topics only ("The Amazon SQS FIFO queue isn't supported as an Amazon S3
 * event notification destination", https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html#supported-notification-destinations):
 * S3 refuses the configuration, and the stack fails.
 */
export const notificationFifoTarget: Rule = {
  code: 'FL4082',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'notification' || !context.isFifo(edge.target)) return;
      const fifo = context.fifoSetting(edge.target);
      context.report(edge.link.target.span, `a FIFO ${edge.target.kind} cannot receive S3 event notifications`, {
        label: `\`${edge.source.name}\` cannot notify it`,
        secondary: fifo ? [{ span: fifo.span, message: `\`${edge.target.name}\` is FIFO` }] : [],
        why: `S3 delivers event notifications to Lambda functions and to standard SQS queues and SNS topics only (${s3.destinationsDocs}); it refuses a FIFO destination when the bucket's NotificationConfiguration is stored, so CloudFormation fails the stack.`,
        help: `notify a standard ${edge.target.kind}, or a function that forwards each event to \`${edge.target.name}\` with a message group`,
      });
    },
  },
};
