/**
 * Handlers for the asynchronous triggers: an SNS subscription, an EventBridge rule, a Lambda
 * destination or a direct invocation. One event, one payload; what the handler returns is the
 * function's result, which Lambda passes on to its success destination.
 */
import type { Context } from 'aws-lambda';
import { decodeJson } from './decode.js';
import type { AsyncHandler, BusEvent, SnsEvent, SnsRecord } from './envelopes.js';

export interface SnsTrigger<T, Result> {
  /** A handler that decodes the notification's message and passes it to `handle`. */
  onMessage(
    handle: (message: T, item: { readonly record: SnsRecord<T>; readonly event: SnsEvent<T>; readonly context: Context }) => Promise<Result>,
  ): AsyncHandler<SnsEvent<T>, Result>;
  decode(record: SnsRecord<T>): T;
}

export function snsTrigger<T, Result>(): SnsTrigger<T, Result> {
  const decode = (record: SnsRecord<T>): T => decodeJson(record.Sns.Message, `SNS message ${record.Sns.MessageId} from ${record.Sns.TopicArn}`);
  return {
    decode,
    onMessage: (handle) => async (event, context) => {
      // SNS invokes a function once per notification (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html).
      const [record, ...rest] = event.Records;
      if (record === undefined || rest.length > 0) {
        throw new Error(`expected an SNS event with one record, got ${event.Records.length}`);
      }
      return handle(decode(record), { record, event, context });
    },
  };
}

export interface BusTrigger<DetailType extends string, T, Result, Source extends string = string> {
  /** A handler that passes the event's `detail` to `handle`. */
  onEvent(
    handle: (detail: T, item: { readonly event: BusEvent<DetailType, T, Source>; readonly context: Context }) => Promise<Result>,
  ): AsyncHandler<BusEvent<DetailType, T, Source>, Result>;
}

export function busTrigger<DetailType extends string, T, Result, Source extends string = string>(): BusTrigger<DetailType, T, Result, Source> {
  return { onEvent: (handle) => async (event, context) => handle(event.detail, { event, context }) };
}

export interface InvokeTrigger<T, Result> {
  /** A handler whose event is the payload itself (a destination's record, or a direct invocation's input). */
  onInvoke(handle: (payload: T, item: { readonly context: Context }) => Promise<Result>): AsyncHandler<T, Result>;
}

export function invokeTrigger<T, Result>(): InvokeTrigger<T, Result> {
  return { onInvoke: (handle) => async (event, context) => handle(event, { context }) };
}
