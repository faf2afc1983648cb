/**
 * `flowc/runtime`: what generated code and handlers import. The envelope and record types, the
 * handler helpers per trigger, payload decoding, partial batch responses, typed clients for
 * `sends` targets, and idempotency for at-least-once delivery.
 */
export type {
  AsyncHandler,
  Base64Json,
  BusEvent,
  Context,
  DynamoDBBatchResponse,
  DynamoDbEvent,
  DynamoDbImage,
  DynamoDbRecord,
  DynamoDbStreamRecord,
  Json,
  KinesisEvent,
  KinesisPayload,
  KinesisRecord,
  KinesisStreamBatchResponse,
  SnsEvent,
  SnsMessage,
  SnsNotification,
  SnsRecord,
  SQSBatchResponse,
  SqsEvent,
  SqsRecord,
} from './handler/envelopes.js';
export type {
  DynamoDbFailureRecord,
  FailureCondition,
  FailureRecord,
  InvocationError,
  InvocationRequestContext,
  KinesisFailureRecord,
  SizeLimitedFailureRecord,
  SizeLimitedSuccessRecord,
  StreamBatchInfo,
  StreamFailureCondition,
  SuccessCondition,
  SuccessRecord,
} from './handler/records.js';
export {
  decodeBase64Json,
  decodeImage,
  decodeJson,
  encodeBase64Json,
  encodeImage,
  encodeJson,
  PayloadDecodeError,
  PayloadValidationError,
  validatePayload,
} from './handler/decode.js';
export { payloadSchema, type PayloadIssue, type PayloadPath, type PayloadSchema, type PayloadTypes } from './handler/schema.js';
export { batchItemFailures, type BatchItemFailures } from './handler/batch-failures.js';
export {
  dynamodbTrigger,
  kinesisTrigger,
  sqsTrigger,
  type BatchItem,
  type BatchOptions,
  type DynamoDbTrigger,
  type EachOptions,
  type ItemErrorHook,
  type SqsEachOptions,
  type ItemHandler,
  type KinesisTrigger,
  type SqsTrigger,
  type SqsTriggerOptions,
  type DynamoDbTriggerOptions,
  type StreamView,
  type TableChange,
} from './handler/batch-triggers.js';
export { isS3TestEvent, s3Objects, s3Trigger, type S3Event, type S3EventRecord, type S3Notification, type S3ObjectNotice, type S3TestEvent, type S3Trigger } from './handler/s3.js';
export { busTrigger, invokeTrigger, snsTrigger, type BusTrigger, type EventTriggerOptions, type InvokeTrigger, type SnsTrigger } from './handler/event-triggers.js';
export { httpError, httpTrigger, respond, type HttpErrorBody, type HttpEvent, type HttpRequest, type HttpResponse, type HttpResult, type HttpTrigger, type HttpTriggerOptions } from './handler/http-trigger.js';
export { envelopeKind, router, type EnvelopeKind, type RouteHandlers, type Router } from './handler/router.js';
export { environment } from './handler/environment.js';
export { functionParts } from './handler/parts.js';
export {
  fifoQueueClient,
  fifoTopicClient,
  queueClient,
  topicClient,
  type FifoBatchEntry,
  type FifoId,
  type FifoKeys,
  type FifoQueueClient,
  type FifoSendArgs,
  type FifoSendOptions,
  type FifoTopicClient,
  type QueueBatchEntry,
  type QueueClient,
  type SentMessage,
  type TopicBatchEntry,
  type TopicClient,
} from './clients/messaging.js';
export type { MessageAttributes, MessageAttributeValue } from './clients/attributes.js';
export { BatchSendError, type BatchFailure } from './clients/batches.js';
export {
  busClient,
  streamClient,
  type BusBatchEntry,
  type BusClient,
  type BusEntryOptions,
  type PutRecordResult,
  type StreamBatchEntry,
  type StreamClient,
  type StreamPutArgs,
} from './clients/bus-stream.js';
export {
  tableClient,
  type QueryOptions,
  type QueryPage,
  type SortKeyCondition,
  type TableClient,
  type TableKeyOf,
  type TableUpdate,
} from './clients/table.js';
export { bucketClient, type BucketClient, type BucketObject, type ListedObject, type ListPage, type PutObjectOptions, type PutObjectResult } from './clients/bucket.js';
export { configureClients, type ClientChoice, type ClientChoices } from './clients/sdk.js';
export { MissingTargetError } from './clients/address.js';
export {
  DuplicateInProgressError,
  IdempotencyKeyError,
  IdempotencyValidationError,
  idempotency,
  type FieldPath,
  type Idempotency,
  type IdempotencyOptions,
  type IdempotencySettings,
  type OnceOptions,
  type RemainingTime,
} from './idempotency/idempotency.js';
export type { JsonSafe } from './idempotency/json.js';
export { MemoryIdempotencyStore, type ClaimOutcome, type ClaimRequest, type CompletedRecord, type IdempotencyStore } from './idempotency/store.js';
export { dynamoDbIdempotencyStore, type DynamoDbStoreOptions } from './idempotency/dynamodb-store.js';
export { tableIdempotency, type IdempotencyFactory, type IdempotencyTable } from './idempotency/table-idempotency.js';
