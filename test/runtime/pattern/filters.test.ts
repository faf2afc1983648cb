import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Pattern, ValueCondition } from '../../../runtime/manifest/schema.js';
import { eventBridgePattern } from '../../../runtime/pattern/event-bridge.js';
import { matchesEventPattern } from '../../../runtime/pattern/event-ruler.js';
import { type AttributeShape, alternativeCount, attributeValuePattern, expandAlternatives, filterMatcher, lambdaFilterPatterns, numberText, type ShapeOf, snsFilterPolicy, unsupportedOperator } from '../../../runtime/pattern/filters.js';

const values = (name: string, ...conditions: ValueCondition[]) => ({ kind: 'field' as const, name, match: { kind: 'values' as const, conditions } });
const nested = (name: string, pattern: Pattern) => ({ kind: 'field' as const, name, match: { kind: 'nested' as const, pattern } });
const anyOf = (...alternatives: Pattern[]) => ({ kind: 'anyOf' as const, alternatives });
const eq = (value: string | number | boolean | null): ValueCondition => ({ kind: 'equals', value });
const prefix = (value: string): ValueCondition => ({ kind: 'prefix', value, ignoreCase: false });
const above = (value: number): ValueCondition => ({ kind: 'numeric', comparisons: [{ operator: '>', value }] });

describe('the wrapping of a filter for each service (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html)', () => {
  const total: Pattern = { entries: [values('total', above(100))] };

  test('SQS: the fields under `body`', () => {
    expect(lambdaFilterPatterns(total, 'sqs')).toEqual([{ body: { total: [{ numeric: ['>', 100] }] } }]);
  });

  test('Kinesis: the fields under `data`', () => {
    expect(lambdaFilterPatterns(total, 'kinesis')).toEqual([{ data: { total: [{ numeric: ['>', 100] }] } }]);
  });

  test('DynamoDB: under `dynamodb.NewImage`, each field in its attribute-value form by its type', () => {
    const table: Readonly<Record<string, AttributeShape>> = { count: { kind: 'N' }, sku: { kind: 'S' }, live: { kind: 'BOOL' }, zone: { kind: 'M' }, 'zone.name': { kind: 'S' }, tags: { kind: 'L', element: { kind: 'S' } } };
    const shapes: ShapeOf = (path) => table[path.join('.')];
    const pattern: Pattern = {
      entries: [values('count', eq(0), eq(1.5)), values('sku', prefix('a-')), values('live', eq(true)), nested('zone', { entries: [values('name', eq('eu'))] }), values('tags', eq('new')), values('gone', eq(null))],
    };
    const image = attributeValuePattern(pattern, [], shapes);
    expect(lambdaFilterPatterns(image, 'dynamodb')).toEqual([
      {
        dynamodb: {
          NewImage: {
            count: { N: ['0', '1.5'] },
            sku: { S: [{ prefix: 'a-' }] },
            live: { BOOL: [true] },
            zone: { M: { name: { S: ['eu'] } } },
            tags: { L: { S: ['new'] } },
            gone: { NULL: [true] },
          },
        },
      },
    ]);
  });

  test('DynamoDB: a field of unknown type takes the type of its values', () => {
    const image = attributeValuePattern({ entries: [values('n', eq(3)), values('s', eq('x')), values('b', eq(false)), values('x', { kind: 'anythingBut', excluded: { kind: 'values', values: [1, 2] } })] }, [], () => undefined);
    expect(eventBridgePattern(image)).toEqual({ n: { N: ['3'] }, s: { S: ['x'] }, b: { BOOL: [false] }, x: { N: [{ 'anything-but': ['1', '2'] }] } });
  });

  test('SNS: the pattern itself, `any_of` as `$or`', () => {
    const pattern: Pattern = { entries: [values('customer', prefix('vip-')), anyOf({ entries: [values('region', eq('eu'))] }, { entries: [values('total', above(100))] })] };
    expect(snsFilterPolicy(pattern)).toEqual({ customer: [{ prefix: 'vip-' }], $or: [{ region: ['eu'] }, { total: [{ numeric: ['>', 100] }] }] });
  });

  test('`any_of` becomes one Lambda filter per alternative; alternatives in different blocks multiply, shared blocks merge', () => {
    const pattern: Pattern = {
      entries: [
        values('kind', eq('order')),
        anyOf({ entries: [values('page', eq('/a'))] }, { entries: [nested('device', { entries: [values('os', eq('ios'))] })] }),
        nested('device', { entries: [anyOf({ entries: [values('kind', eq('phone'))] }, { entries: [values('model', prefix('x'))] })] }),
      ],
    };
    expect(alternativeCount(pattern)).toBe(4);
    expect(expandAlternatives(pattern).map(eventBridgePattern)).toEqual([
      { kind: ['order'], page: ['/a'], device: { kind: ['phone'] } },
      { kind: ['order'], page: ['/a'], device: { model: [{ prefix: 'x' }] } },
      { kind: ['order'], device: { os: ['ios'], kind: ['phone'] } },
      { kind: ['order'], device: { os: ['ios'], model: [{ prefix: 'x' }] } },
    ]);
  });

  test('numbers are written as DynamoDB writes them: no exponent', () => {
    expect([numberText(5), numberText(1.25), numberText(1e21), numberText(-0.5)]).toEqual(['5', '1.25', '1000000000000000000000', '-0.5']);
  });
});

describe('what each service supports', () => {
  test.each([
    [{ kind: 'wildcard', value: 'a*' } as ValueCondition, ['sqs', 'kinesis', 'dynamodb', 'sns']],
    [{ kind: 'cidr', value: '10.0.0.0/8' } as ValueCondition, ['sqs', 'kinesis', 'dynamodb']],
    [{ kind: 'prefix', value: 'a', ignoreCase: true } as ValueCondition, ['sqs', 'kinesis', 'dynamodb', 'sns']],
    [above(1), ['dynamodb']],
    [{ kind: 'anythingBut', excluded: { kind: 'prefix', value: 'a' } } as ValueCondition, ['sqs', 'kinesis', 'dynamodb']],
    [{ kind: 'anythingBut', excluded: { kind: 'suffix', value: 'a' } } as ValueCondition, ['sqs', 'kinesis', 'dynamodb', 'sns']],
    [{ kind: 'anythingBut', excluded: { kind: 'values', values: ['a'] } } as ValueCondition, []],
    [prefix('a'), []],
    [{ kind: 'suffix', value: '.png', ignoreCase: false } as ValueCondition, []],
    [{ kind: 'equalsIgnoreCase', value: 'a' } as ValueCondition, []],
    [{ kind: 'exists', value: false } as ValueCondition, []],
    [eq(null), []],
  ])('%j is refused by %j', (condition, refusing) => {
    const services = ['sqs', 'kinesis', 'dynamodb', 'sns'] as const;
    expect(services.filter((service) => unsupportedOperator(condition, service) !== undefined)).toEqual(refusing);
  });
});

/**
 * The simulator's decision is what the emitted JSON means: a payload passes the filter as
 * wrapped for a service exactly when it matches the pattern written on its fields.
 */
describe('the wrapped filters mean the pattern on the payload', () => {
  const condition = fc.oneof(
    fc.constantFrom('a', 'b', 'ab').map(eq),
    fc.integer({ min: 0, max: 3 }).map(eq),
    fc.constantFrom('a', 'b').map(prefix),
    fc.constantFrom(true, false).map((v) => ({ kind: 'exists', value: v }) as ValueCondition),
    fc.constantFrom(['a'], ['b', 'ab']).map((v) => ({ kind: 'anythingBut', excluded: { kind: 'values', values: v } }) as ValueCondition),
  );
  const fields = ['s', 't'] as const;
  const leaf = fc.record({ name: fc.constantFrom(...fields), conditions: fc.array(condition, { minLength: 1, maxLength: 2 }) });
  const block = (depth: number): fc.Arbitrary<Pattern> =>
    fc
      .tuple(
        fc.uniqueArray(leaf, { selector: (l) => l.name, minLength: 1, maxLength: 2 }),
        depth > 0 ? fc.option(fc.tuple(block(depth - 1), block(depth - 1)), { nil: undefined }) : fc.constant(undefined),
      )
      .map(([leaves, alternatives]) => ({
        entries: [...leaves.map((l) => values(l.name, ...l.conditions)), ...(alternatives === undefined ? [] : [anyOf(...alternatives)])],
      }))
      .filter((p) => !hasFieldTwice(p));
  const payload = fc.record({ s: fc.oneof(fc.constantFrom('a', 'b', 'ab', 'ba'), fc.integer({ min: 0, max: 3 })), t: fc.constantFrom('a', 'b', 'ab') }, { requiredKeys: [] });

  test('SQS, Kinesis and SNS', () => {
    fc.assert(
      fc.property(block(1), payload, (pattern, body) => {
        const meant = matchesEventPattern(eventBridgePattern(pattern), body);
        expect(filterMatcher(pattern, 'sqs')({ body })).toBe(meant);
        expect(filterMatcher(pattern, 'kinesis')({ data: body })).toBe(meant);
        expect(filterMatcher(pattern, 'sns')(body)).toBe(meant);
      }),
      { numRuns: 300 },
    );
  });

  test('DynamoDB, on the marshalled new image, for string fields', () => {
    const strings = fc.record({ s: fc.constantFrom('a', 'b', 'ab', 'ba'), t: fc.constantFrom('a', 'b', 'ab') }, { requiredKeys: [] });
    const stringPattern = block(1).filter((p) => JSON.stringify(p).match(/"value":\d/) === null && !JSON.stringify(p).includes('"values":[0'));
    fc.assert(
      fc.property(stringPattern, strings, (pattern, item) => {
        const meant = matchesEventPattern(eventBridgePattern(pattern), item);
        const image = attributeValuePattern(pattern, [], () => ({ kind: 'S' }));
        expect(filterMatcher(image, 'dynamodb')({ dynamodb: { NewImage: marshall(item) } })).toBe(meant);
      }),
      { numRuns: 300 },
    );
  });
});

/** Resolve refuses a field matched both beside `any_of` and inside it: the generator keeps to valid patterns. */
function hasFieldTwice(pattern: Pattern): boolean {
  const outside = new Set(pattern.entries.flatMap((e) => (e.kind === 'field' ? [e.name] : [])));
  return pattern.entries.some((e) => e.kind === 'anyOf' && e.alternatives.some((a) => a.entries.some((inner) => inner.kind === 'field' && outside.has(inner.name)) || hasFieldTwice(a)));
}
