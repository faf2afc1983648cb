import type { Rule } from '../rule.js';
import { batchSizeRange } from './batch-size-range.js';
import { batchingWindowRange } from './batching-window-range.js';
import { dlqKind } from './dlq-kind.js';
import { dlqRetention } from './dlq-retention.js';
import { dlqWithoutConsumerLimit } from './max-receives-without-dlq.js';
import { duplicateEdge } from './duplicate-edge.js';
import { fifoBatchSize } from './fifo-batch-size.js';
import { fifoBatchingWindow } from './fifo-batching-window.js';
import { fifoMissingKey } from './fifo-missing-key.js';
import { fifoOnlySetting } from './fifo-only-setting.js';
import { fifoQueueOnStandardTopic } from './fifo-queue-on-standard-topic.js';
import { fifoThroughputScope } from './fifo-throughput-scope.js';
import { fifoTopicSubscriber } from './fifo-topic-subscriber.js';
import { maxReceivesLow } from './max-receives-low.js';
import { maxReceivesRange } from './max-receives-range.js';
import { maximumConcurrencyRange } from './maximum-concurrency-range.js';
import { queueAttributeRange } from './queue-attribute-range.js';
import { sqsBatchNeedsWindow } from './sqs-batch-needs-window.js';
import { visibilityBelowRecommended } from './visibility-below-recommended.js';

/** Rules about queues, topics and FIFO (event source mapping batching, redrive, subscriptions); see index.ts. */
export const queuesRules: readonly Rule[] = [
  fifoBatchSize, // FL4007
  fifoBatchingWindow, // FL4008
  sqsBatchNeedsWindow, // FL4009
  batchSizeRange, // FL4010
  batchingWindowRange, // FL4011
  maximumConcurrencyRange, // FL4016
  visibilityBelowRecommended, // FL4018
  maxReceivesRange, // FL4019
  maxReceivesLow, // FL4020
  dlqKind, // FL4021
  dlqRetention, // FL4022
  queueAttributeRange, // FL4023
  fifoOnlySetting, // FL4024
  fifoMissingKey, // FL4025
  dlqWithoutConsumerLimit, // FL4026
  fifoTopicSubscriber, // FL4029
  fifoQueueOnStandardTopic, // FL4030
  duplicateEdge, // FL4040
  fifoThroughputScope, // FL4041
];
