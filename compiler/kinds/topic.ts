import { sns } from '../../runtime/aws/limits.js';
import type { KindSpec } from './kind.js';

/** `topic receipts: Receipt`: an SNS topic, standard or FIFO. */
export const topicKind = {
  keyword: 'topic',
  noun: 'topic',
  manifestList: 'topics',
  edges: { fn: 'subscription', queue: 'subscription' },
  edgeHelp: 'a topic delivers to functions and queues: `topic -> fn`, `topic -> queue`',
  cloudformation: { type: 'AWS::SNS::Topic', nameLengthMax: sns.topicNameLengthMax, nameProperty: 'AWS::SNS::Topic TopicName', holds: null },
  simulator: 'sns',
  describe: 'an SNS topic',
} as const satisfies KindSpec<'topic'>;
