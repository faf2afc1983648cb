import type { StandardSchemaV1 } from '@standard-schema/spec';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { payloadSchema, type PayloadSchema } from '../../../runtime/handler/schema.js';
import type { PayloadType } from '../../../runtime/manifest/types.js';
import { breakAt, declaredTypes, payloadType, spotsOf, valueOf } from './payload-arbitraries.js';

const types: Readonly<Record<string, PayloadType>> = {
  ...declaredTypes,
  Order: {
    kind: 'record',
    fields: [
      { name: 'id', type: { kind: 'string' }, optional: false },
      { name: 'items', type: { kind: 'array', element: { kind: 'ref', name: 'Item' } }, optional: false },
      { name: 'total', type: { kind: 'number' }, optional: false },
      { name: 'currency', type: { kind: 'ref', name: 'Currency' }, optional: false },
      { name: 'coupon', type: { kind: 'string' }, optional: true },
      { name: 'at', type: { kind: 'timestamp' }, optional: true },
      { name: 'gift', type: { kind: 'boolean' }, optional: true },
    ],
  },
};

interface Order {
  id: string;
  items: { sku: string; qty: number }[];
  total: number;
  currency: 'EUR' | 'USD';
  coupon?: string;
  at?: string;
  gift?: boolean;
}

const order: Order = { id: 'o-1', items: [{ sku: 'A', qty: 2 }], total: 12.5, currency: 'EUR' };
const orders = payloadSchema<Order>('Order', types);

/** The issues of a value as `path: message` lines, through the Standard Schema interface only. */
function issuesOf(schema: StandardSchemaV1, value: unknown): string[] {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new Error('a flowc schema validates synchronously');
  return (result.issues ?? []).map((issue) => `${JSON.stringify(issue.path)} ${issue.message}`);
}

describe('Standard Schema v1 (https://standardschema.dev)', () => {
  it('has the ~standard properties: version 1, vendor flowc, a validate function', () => {
    expect(orders['~standard'].version).toBe(1);
    expect(orders['~standard'].vendor).toBe('flowc');
    expect(typeof orders['~standard'].validate).toBe('function');
  });

  it('answers a valid value with { value } (the value itself, no issues) and synchronously', () => {
    const result = orders['~standard'].validate(order);
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toEqual({ value: order });
    expect((result as StandardSchemaV1.SuccessResult<Order>).value).toBe(order);
    expect((result as StandardSchemaV1.SuccessResult<Order>).issues).toBeUndefined();
  });

  it('answers an invalid value with { issues }, each a message and a path of property keys', () => {
    const result = orders['~standard'].validate({ ...order, total: '12.50' }) as StandardSchemaV1.FailureResult;
    expect(result).not.toHaveProperty('value');
    expect(result.issues).toEqual([{ path: ['total'], message: 'expected a number, got "12.50"' }]);
    for (const issue of result.issues) {
      expect(typeof issue.message).toBe('string');
      for (const key of issue.path ?? []) expect(['string', 'number', 'symbol']).toContain(typeof key);
    }
  });

  it('types its output as the payload type, for libraries that infer from it', () => {
    expectTypeOf<StandardSchemaV1.InferOutput<PayloadSchema<Order>>>().toEqualTypeOf<Order>();
    expectTypeOf(orders).toMatchTypeOf<StandardSchemaV1<unknown, Order>>();
  });
});

describe('what each type accepts', () => {
  const schema = (type: PayloadType) => payloadSchema(type, types);
  const accepts = (type: PayloadType, value: unknown) => schema(type).check(value).length === 0;

  it('an int is an integer; a number any finite number', () => {
    expect(accepts({ kind: 'int' }, 3)).toBe(true);
    expect(issuesOf(schema({ kind: 'int' }), 3.5)).toEqual(['[] expected an integer (int), got 3.5']);
    expect(accepts({ kind: 'number' }, 3.5)).toBe(true);
    expect(accepts({ kind: 'number' }, Number.POSITIVE_INFINITY)).toBe(false);
    expect(accepts({ kind: 'number' }, Number.NaN)).toBe(false);
    expect(accepts({ kind: 'number' }, '3')).toBe(false);
  });

  it('a timestamp is an ISO-8601 string', () => {
    expect(accepts({ kind: 'timestamp' }, '2026-01-01T10:00:00Z')).toBe(true);
    expect(accepts({ kind: 'timestamp' }, '2026-01-01T10:00:00.123+02:00')).toBe(true);
    expect(issuesOf(schema({ kind: 'timestamp' }), '1 Jan 2026')).toEqual(['[] expected an ISO-8601 timestamp, got "1 Jan 2026"']);
  });

  it('a literal union accepts its members only, and names them', () => {
    expect(accepts({ kind: 'ref', name: 'Currency' }, 'USD')).toBe(true);
    expect(issuesOf(schema({ kind: 'ref', name: 'Currency' }), 'GBP')).toEqual(['[] expected "EUR" | "USD", got "GBP"']);
  });

  it('an optional field may be left out or undefined, not null; a required one must be there', () => {
    expect(accepts({ kind: 'ref', name: 'Order' }, { ...order, coupon: undefined })).toBe(true);
    expect(issuesOf(orders, { ...order, coupon: null })).toEqual(['["coupon"] expected a string, got null']);
    const { total: _, ...withoutTotal } = order;
    expect(issuesOf(orders, withoutTotal)).toEqual(['["total"] missing (required number)']);
  });

  it('names the path into nested declared types and lists', () => {
    expect(issuesOf(orders, { ...order, items: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: '2' }] })).toEqual(['["items",1,"qty"] expected an integer (int), got "2"']);
    expect(issuesOf(orders, { ...order, items: { sku: 'A' } })).toEqual(['["items"] expected a list (Item[]), got {"sku":"A"}']);
    expect(issuesOf(orders, 'o-1')).toEqual(['[] expected an object (Order), got "o-1"']);
    expect(issuesOf(orders, [order])).toEqual([`[] expected an object (Order), got ${JSON.stringify([order]).slice(0, 39)}…`]);
  });

  it('allows fields the type does not name, as TypeScript does', () => {
    expect(accepts({ kind: 'ref', name: 'Order' }, { ...order, note: 'extra' })).toBe(true);
  });

  it('reports every problem, up to ten', () => {
    expect(issuesOf(orders, { id: 1, items: [], total: 'x', currency: 'EUR' })).toEqual(['["id"] expected a string, got 1', '["total"] expected a number, got "x"']);
    const many = { ...order, items: Array.from({ length: 50 }, () => ({ sku: 1, qty: 1 })) };
    expect(orders.check(many)).toHaveLength(10);
  });

  it('checks a recursive type all the way down', () => {
    const tree = { label: 'a', children: [{ label: 'b', children: [{ label: 'c', children: [{ label: 4 }] }] }] };
    expect(issuesOf(schema({ kind: 'ref', name: 'Tree' }), tree)).toEqual(['["children",0,"children",0,"children",0,"label"] expected a string, got 4']);
  });

  it('an SNS notification in a queue carries the JSON of the message, which is checked too', () => {
    const notifications = schema({ kind: 'snsEnvelope', message: { kind: 'ref', name: 'Item' } });
    const envelope = (message: string) => ({ Type: 'Notification', MessageId: 'm', TopicArn: 'arn', Message: message });
    expect(notifications.check(envelope('{"sku":"A","qty":1}'))).toEqual([]);
    expect(issuesOf(notifications, envelope('{"sku":"A","qty":"1"}'))).toEqual(['["Message","qty"] expected an integer (int), got "1"']);
    expect(issuesOf(notifications, envelope('not json'))).toEqual(['["Message"] expected the JSON of Item, got "not json"']);
  });

  it('an EventBridge event in a queue has its detail-type and its detail checked', () => {
    const events = schema({ kind: 'eventBridgeEvent', detailType: 'Item', detail: { kind: 'ref', name: 'Item' } });
    const event = { 'detail-type': 'Item', source: 'shop', detail: { sku: 'A', qty: 1 } };
    expect(events.check(event)).toEqual([]);
    expect(issuesOf(events, { ...event, 'detail-type': 'Other' })).toEqual(['["detail-type"] expected "Item", got "Other"']);
    expect(issuesOf(events, { ...event, detail: { sku: 'A' } })).toEqual(['["detail","qty"] missing (required int)']);
  });

  it('an invocation record must look like one Lambda makes', () => {
    const records = schema({ kind: 'invocation', condition: 'success', function: 'charge' });
    expect(records.check({ requestContext: { condition: 'Success' }, requestPayload: {}, responsePayload: 1 })).toEqual([]);
    expect(issuesOf(records, { requestPayload: {} })).toEqual(['["requestContext"] missing (required { condition: string })']);
  });

  it('names the type it expects in the flow\'s words', () => {
    expect(orders.expected).toBe('Order');
    expect(schema({ kind: 'array', element: { kind: 'ref', name: 'Currency' } }).expected).toBe('Currency[]');
    expect(schema({ kind: 'union', members: [{ kind: 'literal', value: 'a' }, { kind: 'literal', value: 'b' }] }).expected).toBe('"a" | "b"');
  });
});

describe('fuzzed against random types (fast-check)', () => {
  const typedValue = payloadType.chain((type) => valueOf(type).map((value) => ({ type, value })));

  it('accepts every value of a type, and its JSON round trip', () => {
    fc.assert(
      fc.property(typedValue, ({ type, value }) => {
        const schema = payloadSchema(type, declaredTypes);
        expect(schema.check(value)).toEqual([]);
        expect(schema.check(JSON.parse(JSON.stringify(value)))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a value broken in one place, with exactly one issue at that place', () => {
    const broken = typedValue.chain(({ type, value }) => fc.constantFrom(...spotsOf(value, type)).map((spot) => ({ type, value, spot })));
    fc.assert(
      fc.property(broken, ({ type, value, spot }) => {
        const issues = payloadSchema(type, declaredTypes).check(breakAt(value, spot));
        expect(issues.map((issue) => issue.path)).toEqual([spot.path]);
        expect(issues[0]?.message).toMatch(spot.type === 'missing' ? /^missing \(required .+\)$/ : /^expected .+, got .+$/);
      }),
      { numRuns: 300 },
    );
  });
});
