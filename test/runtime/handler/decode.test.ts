import { describe, expect, it } from 'vitest';
import {
  decodeBase64Json,
  decodeImage,
  decodeJson,
  encodeBase64Json,
  encodeImage,
  encodeJson,
  PayloadDecodeError,
} from '../../../runtime/handler/decode.js';

interface Order {
  id: string;
  total: number;
  items: { sku: string; qty: number }[];
  coupon?: string;
}

const order: Order = { id: 'o-1', total: 12.5, items: [{ sku: 'A', qty: 2 }] };

describe('decodeJson', () => {
  it('parses the JSON of a payload', () => {
    expect(decodeJson(encodeJson(order))).toEqual(order);
  });

  it('names the message and shows the start of the text when it is not JSON', () => {
    const error = catchError(() => decodeJson('{"id": "o-1", oops}', 'SQS message m-1 from arn:aws:sqs:eu-west-1:1:orders'));
    expect(error).toBeInstanceOf(PayloadDecodeError);
    expect(error.message).toMatch(/^SQS message m-1 from arn:aws:sqs:eu-west-1:1:orders: is not JSON \(.+\): "\{\\"id\\": \\"o-1\\", oops\}"$/);
    expect((error as PayloadDecodeError).where).toBe('SQS message m-1 from arn:aws:sqs:eu-west-1:1:orders');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('shortens a long text in the message', () => {
    const error = catchError(() => decodeJson(`x${'y'.repeat(500)}`));
    expect(error.message).toContain(`"x${'y'.repeat(59)}…"`);
    expect(error.message.length).toBeLessThan(200);
  });

  it('rejects an empty body and a body that is not a string', () => {
    expect(() => decodeJson('')).toThrow(/payload: is not JSON/);
    expect(() => decodeJson(undefined as unknown as string)).toThrow('payload: expected a JSON string, got undefined');
  });
});

describe('decodeBase64Json', () => {
  it('decodes base64, then UTF-8 JSON', () => {
    const click = { session: 's-ü', page: '/€', at: '2026-01-01T00:00:00Z' };
    expect(decodeBase64Json(encodeBase64Json(click))).toEqual(click);
    expect(decodeBase64Json(Buffer.from('{"a":1}').toString('base64'))).toEqual({ a: 1 });
  });

  it('says when the data is not base64 instead of decoding garbage', () => {
    expect(() => decodeBase64Json('not base64!', 'Kinesis record 49')).toThrow('Kinesis record 49: is not base64: "not base64!"');
    expect(() => decodeBase64Json('abc', 'r')).toThrow('r: is not base64');
  });

  it('says when the decoded text is not JSON', () => {
    expect(() => decodeBase64Json(Buffer.from('plain text').toString('base64'), 'r')).toThrow(/^r: is not JSON .*"plain text"$/);
  });
});

describe('decodeImage', () => {
  it('unmarshalls a stream image into the item', () => {
    const image = { sku: { S: 'A-1' }, count: { N: '7' }, tags: { L: [{ S: 'x' }] }, meta: { M: { ok: { BOOL: true } } } };
    expect(decodeImage(image)).toEqual({ sku: 'A-1', count: 7, tags: ['x'], meta: { ok: true } });
  });

  it('gives the types a flow declares: a large number is a number, not a bigint; a set is a list, not a Set', () => {
    const image = { big: { N: '12345678901234567890' }, tags: { SS: ['a', 'b'] }, sizes: { NS: ['1', '2'] }, nested: { M: { ids: { SS: ['x'] } } } };
    const item = decodeImage<{ big: number; tags: string[]; sizes: number[]; nested: { ids: string[] } }>(image);
    expect(item).toStrictEqual({ big: 12345678901234567890, tags: ['a', 'b'], sizes: [1, 2], nested: { ids: ['x'] } });
    expect(typeof item.big).toBe('number');
  });

  it('round-trips an item through encodeImage, dropping undefined fields', () => {
    const withUndefined: Order = { ...order, coupon: undefined as unknown as string };
    expect(decodeImage(encodeImage(withUndefined))).toEqual(order);
  });

  it('names the image that is not an attribute map', () => {
    expect(() => decodeImage(null as never, 'DynamoDB stream record 1, NewImage')).toThrow('DynamoDB stream record 1, NewImage: expected an attribute map, got null');
    expect(() => decodeImage({ a: { X: '1' } } as never, 'img')).toThrow(/^img: is not a DynamoDB attribute map/);
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
