/**
 * Message attributes of SQS and SNS sends: a string is a `String` attribute, a number a
 * `Number`, bytes a `Binary`; `{ dataType, value }` gives a custom type (`String.uuid`,
 * `Number.int`). Both services take the same `MessageAttributeValue` shape, and count an
 * attribute's name, type and value toward the message size
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html).
 */

export type MessageAttributeValue = string | number | Uint8Array | { readonly dataType: string; readonly value: string | number | Uint8Array };

export type MessageAttributes = Readonly<Record<string, MessageAttributeValue>>;

export interface SdkMessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

function sdkValue(value: MessageAttributeValue): SdkMessageAttributeValue {
  if (typeof value === 'string') return { DataType: 'String', StringValue: value };
  if (typeof value === 'number') return { DataType: 'Number', StringValue: String(value) };
  if (value instanceof Uint8Array) return { DataType: 'Binary', BinaryValue: value };
  const inner = value.value;
  return inner instanceof Uint8Array ? { DataType: value.dataType, BinaryValue: inner } : { DataType: value.dataType, StringValue: String(inner) };
}

/** The SDK's `MessageAttributes`, or nothing when there are none. */
export function sdkAttributes(attributes: MessageAttributes | undefined): { MessageAttributes?: Record<string, SdkMessageAttributeValue> } {
  if (attributes === undefined || Object.keys(attributes).length === 0) return {};
  return { MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, sdkValue(value)])) };
}

/** The bytes the attributes add to a message's size. */
export function attributesBytes(attributes: MessageAttributes | undefined): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(attributes ?? {})) {
    const sdk = sdkValue(value);
    bytes += Buffer.byteLength(name) + Buffer.byteLength(sdk.DataType) + (sdk.BinaryValue?.length ?? Buffer.byteLength(sdk.StringValue ?? ''));
  }
  return bytes;
}
