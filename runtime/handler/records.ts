/**
 * The records AWS sends to a failure or success target, which no library types: the invocation
 * record of a Lambda destination (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html) and the on-failure record of a stream event
 * source mapping (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html). They mirror the compiler's structural view of the same records
 * (compiler/types/structure.ts); a test keeps the two in step.
 */

/** `requestContext.condition` of a success record. */
export type SuccessCondition = 'Success';

/**
 * `requestContext.condition` of a failure record: retries used up, the event grew older than
 * the function's maximum event age, or reserved concurrency 0 (then without response fields).
 */
export type FailureCondition = 'RetriesExhausted' | 'EventAgeExceeded' | 'ZeroReservedConcurrency';

export interface InvocationRequestContext<Condition extends string> {
  requestId: string;
  /** The qualified ARN, e.g. `arn:aws:lambda:…:function:shop-charge:$LATEST`. */
  functionArn: string;
  condition: Condition;
  /** Attempts made: 1 after a first-try success, 3 after the default retries. */
  approximateInvokeCount: number;
}

/** The fields of a success record besides the payloads. */
interface SuccessRecordFields {
  version: string;
  /** ISO-8601 with milliseconds. */
  timestamp: string;
  requestContext: InvocationRequestContext<SuccessCondition>;
  responseContext: { statusCode: number; executedVersion: string };
}

/**
 * What Lambda sends to the success destination of a function invoked with the event `Request`
 * and returning `Out`. `requestPayload` is the whole event the function received (for a
 * function behind a topic, the SNS event whose Message holds the payload), not the payload.
 */
export interface SuccessRecord<Request, Out> extends SuccessRecordFields {
  requestPayload: Request;
  responsePayload: Out;
}

/**
 * A success record sent to an SNS topic or an EventBridge bus: when the request and response
 * payloads together exceed 256 KB, Lambda drops them to fit the message
 * (https://docs.aws.amazon.com/lambda/latest/api/API_OnSuccess.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 */
export interface SizeLimitedSuccessRecord<Request, Out> extends SuccessRecordFields {
  requestPayload?: Request;
  responsePayload?: Out;
}

/** The error object of a failed invocation; a crash or timeout gives only `errorMessage`. */
export interface InvocationError {
  errorMessage: string;
  errorType?: string;
  /** The stack, line by line (the Node.js runtime's name for it). */
  trace?: readonly string[];
}

/** The fields of a failure record besides the request payload. */
interface FailureRecordFields {
  version: string;
  timestamp: string;
  requestContext: InvocationRequestContext<FailureCondition>;
  /** Absent when the event never ran (reserved concurrency 0). */
  responseContext?: { statusCode: number; executedVersion: string; functionError?: 'Handled' | 'Unhandled' };
  responsePayload?: InvocationError;
}

/** What Lambda sends to the failure destination of a function invoked with the event `Request`. */
export interface FailureRecord<Request> extends FailureRecordFields {
  requestPayload: Request;
}

/** A failure record sent to an SNS topic or an EventBridge bus: above 256 KB Lambda drops the payloads (see `SizeLimitedSuccessRecord`). */
export interface SizeLimitedFailureRecord<Request> extends FailureRecordFields {
  requestPayload?: Request;
}

/** `requestContext.condition` of a stream on-failure record. */
export type StreamFailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/** The batch a stream mapping gave up on: where it is, not what it held (re-read the stream for that). */
export interface StreamBatchInfo {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  approximateArrivalOfFirstRecord: string;
  approximateArrivalOfLastRecord: string;
  batchSize: number;
  streamArn: string;
}

interface StreamFailureRecordBase {
  requestContext: InvocationRequestContext<StreamFailureCondition>;
  responseContext: { statusCode: number; executedVersion: string; functionError: string };
  version: string;
  timestamp: string;
}

/** The on-failure record of a Kinesis event source mapping. */
export interface KinesisFailureRecord extends StreamFailureRecordBase {
  KinesisBatchInfo: StreamBatchInfo;
}

/** The on-failure record of a DynamoDB stream event source mapping. */
export interface DynamoDbFailureRecord extends StreamFailureRecordBase {
  DDBStreamBatchInfo: StreamBatchInfo;
}
