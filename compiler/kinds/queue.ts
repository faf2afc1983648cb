import { sqs } from '../../runtime/aws/limits.js';
import type { KindSpec } from './kind.js';

/** `queue jobs: Job`: an SQS queue, standard or FIFO. */
export const queueKind = {
  keyword: 'queue',
  noun: 'queue',
  manifestList: 'queues',
  edges: { fn: 'queue-trigger' },
  edgeHelp: 'a queue is read by a function: `queue -> fn`; to move messages on, let that function send them',
  cloudformation: { type: 'AWS::SQS::Queue', nameLengthMax: sqs.queueNameLengthMax, nameProperty: 'AWS::SQS::Queue QueueName', holds: 'messages' },
  simulator: 'sqs',
  describe: 'an SQS queue',
} as const satisfies KindSpec<'queue'>;
