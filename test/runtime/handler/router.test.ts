import { describe, expect, it } from 'vitest';
import type { AsyncHandler, SnsEvent, SqsEvent } from '../../../runtime/handler/envelopes.js';
import { envelopeKind, router } from '../../../runtime/handler/router.js';
import { context, dynamodbEvent, kinesisEvent, snsEvent, sqsEvent } from './events.js';

describe('envelopeKind', () => {
  it('tells the AWS envelopes apart by shape', () => {
    expect(envelopeKind(sqsEvent([{ a: 1 }]))).toBe('sqs');
    expect(envelopeKind(snsEvent([{ a: 1 }]))).toBe('sns');
    expect(envelopeKind(kinesisEvent([{ a: 1 }]))).toBe('kinesis');
    expect(envelopeKind(dynamodbEvent([{ name: 'INSERT', keys: { a: 1 } }]))).toBe('dynamodb');
    expect(envelopeKind({ version: '0', id: 'e', 'detail-type': 'x', source: 'shop', detail: {} })).toBe('bus');
  });

  it('takes anything else for a direct invocation or a destination record', () => {
    expect(envelopeKind({ requestContext: {}, requestPayload: {} })).toBe('invoke');
    expect(envelopeKind({ Records: [] })).toBe('invoke');
    expect(envelopeKind({ Records: 'x' })).toBe('invoke');
    expect(envelopeKind('text')).toBe('invoke');
    expect(envelopeKind(null)).toBe('invoke');
  });
});

describe('router', () => {
  type Handlers = { sqs: AsyncHandler<SqsEvent<number>, void>; sns: AsyncHandler<SnsEvent<number>, string> };

  it('passes each event to the handler for its kind', async () => {
    const calls: string[] = [];
    const handler = router<Handlers>().route({
      sqs: async (event) => void calls.push(`sqs ${event.Records.length}`),
      sns: async (event) => `sns ${event.Records[0]?.Sns.MessageId}`,
    });
    expect(await handler(sqsEvent([1, 2]), context)).toBeUndefined();
    expect(await handler(snsEvent([3]), context)).toBe('sns n1');
    expect(calls).toEqual(['sqs 2']);
  });

  it('fails an event of a kind it has no handler for', async () => {
    const handler = router<Handlers>().route({ sqs: async () => {}, sns: async () => 'x' });
    await expect(handler({ direct: true } as never, context)).rejects.toThrow('no handler for an event of kind `invoke` (handlers for: sqs, sns)');
  });
});
