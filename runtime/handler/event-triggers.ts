/**
 * Handlers for the asynchronous triggers: an SNS subscription, an EventBridge rule, a Lambda
 * destination or a direct invocation. One event, one payload; what the handler returns is the
 * function's result, which Lambda passes on to its success destination.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Context } from 'aws-lambda';
import { decodeJson, validatePayload } from './decode.js';
import type { AsyncHandler, BusEvent, SnsEvent, SnsRecord } from './envelopes.js';
import { withSecrets } from './secrets.js';

export interface EventTriggerOptions<T> {
  /**
   * Checks the payload before the handler sees it (the generated helpers pass the edge's, unless
   * the function says `validate = false`): one that fails it fails the invocation.
   */
  readonly schema?: StandardSchemaV1<unknown, T>;
}

export interface SnsTrigger<T, Result> {
  /** A handler that decodes the notification's message and passes it to `handle`. */
  onMessage(
    handle: (message: T, item: { readonly record: SnsRecord<T>; readonly event: SnsEvent<T>; readonly context: Context }) => Promise<Result>,
  ): AsyncHandler<SnsEvent<T>, Result>;
  decode(record: SnsRecord<T>): T;
}

export function snsTrigger<T, Result>(options: EventTriggerOptions<T> = {}): SnsTrigger<T, Result> {
  const decode = (record: SnsRecord<T>): T => decodeJson(record.Sns.Message, `SNS message ${record.Sns.MessageId} from ${record.Sns.TopicArn}`, options.schema);
  return {
    decode,
    onMessage: (handle) => withSecrets(async (event, context) => {
      // SNS invokes a function once per notification (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html).
      const [record, ...rest] = event.Records;
      if (record === undefined || rest.length > 0) {
        throw new Error(`expected an SNS event with one record, got ${event.Records.length}`);
      }
      return handle(decode(record), { record, event, context });
    }),
  };
}

export interface BusTrigger<DetailType extends string, T, Result, Source extends string = string> {
  /** A handler that passes the event's `detail` to `handle`. */
  onEvent(
    handle: (detail: T, item: { readonly event: BusEvent<DetailType, T, Source>; readonly context: Context }) => Promise<Result>,
  ): AsyncHandler<BusEvent<DetailType, T, Source>, Result>;
}

export function busTrigger<DetailType extends string, T, Result, Source extends string = string>(
  options: EventTriggerOptions<T> = {},
): BusTrigger<DetailType, T, Result, Source> {
  return {
    onEvent: (handle) =>
      withSecrets(async (event, context) => handle(validatePayload(event.detail, options.schema, `the detail of EventBridge event ${event.id} from ${event.source}`), { event, context })),
  };
}

export interface InvokeTrigger<T, Result> {
  /** A handler whose event is the payload itself (a destination's record, or a direct invocation's input). */
  onInvoke(handle: (payload: T, item: { readonly context: Context }) => Promise<Result>): AsyncHandler<T, Result>;
}

export function invokeTrigger<T, Result>(options: EventTriggerOptions<T> = {}): InvokeTrigger<T, Result> {
  return { onInvoke: (handle) => withSecrets(async (event, context) => handle(validatePayload(event, options.schema, `the event of request ${context.awsRequestId}`), { context })) };
}
