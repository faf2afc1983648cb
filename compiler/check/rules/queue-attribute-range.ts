import { sqs } from '../../../runtime/aws/limits.js';
import type { RangeCheck } from '../ranges.js';
import type { Rule } from '../rule.js';
import { checkRange } from '../ranges.js';

const schemaFailure = 'CloudFormation checks the queue against the AWS::SQS::Queue schema and fails the stack.';

/** The queue attributes with an AWS range, in the order of the settings table (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html). */
const checks: readonly RangeCheck[] = [
  {
    setting: 'visibility',
    range: sqs.visibilityTimeoutSeconds,
    as: 'seconds',
    property: 'VisibilityTimeout',
    why: `A message received from SQS stays hidden for 0 seconds to 12 hours (VisibilityTimeout 0–43200). ${schemaFailure}`,
  },
  {
    setting: 'retention',
    range: sqs.messageRetentionSeconds,
    as: 'seconds',
    property: 'MessageRetentionPeriod',
    why: `SQS keeps a message for 1 minute to 14 days (MessageRetentionPeriod 60–1209600). ${schemaFailure}`,
  },
  {
    setting: 'delay',
    range: sqs.delaySeconds,
    as: 'seconds',
    property: 'DelaySeconds',
    why: `SQS delays the delivery of new messages by 0 to 15 minutes (DelaySeconds 0–900). ${schemaFailure}`,
  },
  {
    setting: 'max_size',
    range: sqs.maximumMessageBytes,
    as: 'number',
    property: 'MaximumMessageSize',
    why: `An SQS message is 1,024 bytes to 1 MiB at most (MaximumMessageSize 1024–1048576). ${schemaFailure}`,
  },
  {
    setting: 'wait',
    range: sqs.receiveWaitSeconds,
    as: 'seconds',
    property: 'ReceiveMessageWaitTimeSeconds',
    why: `A long poll waits 0 to 20 seconds for messages (ReceiveMessageWaitTimeSeconds 0–20). ${schemaFailure}`,
  },
];

/**
 * FL4023: a queue attribute outside its AWS range: `visibility` 0s–12h, `retention` 1m–14d,
 * `delay` 0s–15m, `max_size` 1,024–1,048,576 bytes, `wait` 0s–20s (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html).
 * Durations that are not whole seconds are FL4003's.
 */
export const queueAttributeRange: Rule = {
  code: 'FL4023',
  visit: {
    queue(queue, context) {
      for (const check of checks) checkRange(context, queue, check);
    },
  },
};
