import { describe, expect, it } from 'vitest';
import { busTrigger, invokeTrigger, snsTrigger } from '../../../runtime/handler/event-triggers.js';
import type { BusEvent } from '../../../runtime/handler/envelopes.js';
import type { FailureRecord } from '../../../runtime/handler/records.js';
import { context, snsEvent } from './events.js';

interface Order {
  id: string;
  total: number;
}
interface Receipt {
  order: string;
  charged: number;
}

const order: Order = { id: 'o1', total: 12 };
const charge = async (o: Order): Promise<Receipt> => ({ order: o.id, charged: o.total });

describe('snsTrigger', () => {
  it('decodes the message of the notification and returns the result', async () => {
    const event = snsEvent([order]);
    let item: unknown;
    const handler = snsTrigger<Order, Receipt>().onMessage(async (o, i) => {
      item = i;
      return charge(o);
    });
    expect(await handler(event, context)).toEqual({ order: 'o1', charged: 12 });
    expect(item).toEqual({ record: event.Records[0], event, context });
  });

  it('refuses an event that is not one notification', async () => {
    const handler = snsTrigger<Order, Receipt>().onMessage(charge);
    await expect(handler(snsEvent([order, order]), context)).rejects.toThrow('expected an SNS event with one record, got 2');
    await expect(handler(snsEvent<Order>([]), context)).rejects.toThrow('got 0');
  });

  it('names the notification whose message is not JSON', async () => {
    const event = snsEvent([order]);
    event.Records[0]!.Sns.Message = '{';
    await expect(snsTrigger<Order, Receipt>().onMessage(charge)(event, context)).rejects.toThrow(
      /^SNS message n1 from arn:aws:sns:eu-west-1:123456789012:placed: is not JSON/,
    );
  });
});

describe('busTrigger', () => {
  it('hands over the detail of the event', async () => {
    const record: FailureRecord<Order> = {
      version: '1.0',
      timestamp: '2026-01-01T00:00:00.000Z',
      requestContext: { requestId: 'r', functionArn: 'arn:aws:lambda:eu-west-1:1:function:charge:$LATEST', condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: order,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorMessage: 'card declined', errorType: 'Error' },
    };
    const event: BusEvent<'Lambda Function Invocation Result - Failure', FailureRecord<Order>> = {
      id: 'e1',
      version: '0',
      account: '1',
      time: '2026-01-01T00:00:00Z',
      region: 'eu-west-1',
      resources: [],
      source: 'lambda',
      'detail-type': 'Lambda Function Invocation Result - Failure',
      detail: record,
    };
    const handler = busTrigger<'Lambda Function Invocation Result - Failure', FailureRecord<Order>, string>().onEvent(
      async (failure, item) => `${failure.requestPayload.id}: ${failure.responsePayload?.errorMessage} (${item.event.id})`,
    );
    expect(await handler(event, context)).toBe('o1: card declined (e1)');
  });
});

describe('invokeTrigger', () => {
  it('hands over the event itself', async () => {
    const handler = invokeTrigger<Order, Receipt>().onInvoke(async (o, { context: c }) => ({ order: `${o.id}@${c.awsRequestId}`, charged: 0 }));
    expect(await handler(order, context)).toEqual({ order: 'o1@req-1', charged: 0 });
  });
});
