import { describe, expect, test } from 'vitest';
import { applyUpdate, evaluate, project } from '../../runtime/sim/services/dynamodb-expression-eval.js';
import { parseCondition, parseProjection, parseUpdate, Placeholders, type Value } from '../../runtime/sim/services/dynamodb-expression-parser.js';

type Item = Record<string, Value>;

const item: Item = {
  id: 'k1',
  status: 'INPROGRESS',
  expiration: 1000,
  in_progress_expiration: 5_000_000,
  count: 3,
  name: 'ada',
  tags: new Set(['a', 'b']),
  scores: new Set([1, 2]),
  list: [1, 'two', { three: 3 }],
  map: { nested: { deep: 'x' }, n: 7 },
  flag: true,
  nothing: null,
  bytes: new Uint8Array([1, 2, 3]),
  halfwidth: '\uFF61',
  emoji: '😀',
};

const names = {
  '#id': 'id',
  '#status': 'status',
  '#expiry': 'expiration',
  '#in_progress_expiry': 'in_progress_expiration',
  '#map': 'map',
  '#missing': 'missing',
};
const values: Record<string, Value> = {
  ':now': 1500,
  ':now_in_millis': 4_000_000,
  ':inprogress': 'INPROGRESS',
  ':three': 3,
  ':ten': 10,
  ':one': 1,
  ':ada': 'ada',
  ':ad': 'ad',
  ':a': 'a',
  ':bob': 'bob',
  ':k1': 'k1',
  ':S': 'S',
  ':SS': 'SS',
  ':N': 'N',
  ':M': 'M',
  ':two': 'two',
  ':x': 'x',
  ':z': 'z',
  ':bytes': new Uint8Array([1, 2]),
  ':threeString': '3',
  ':list': [1],
};

function check(expression: string, on: Item | null = item): boolean {
  return evaluate(parseCondition(expression, 'ConditionExpression', new Placeholders(names, values)), on ?? undefined);
}

// Each row: an expression, and whether `item` (or, in the third column, no item at all) satisfies it.
const rows: readonly [expression: string, onItem: boolean, onNoItem: boolean][] = [
  // Powertools' idempotency (DynamoDBPersistenceLayer._putRecord) and flowc's store.
  ['attribute_not_exists(#id) OR #expiry < :now OR (#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)', true, true],
  ['attribute_not_exists(#id)', false, true],
  ['attribute_exists(#id)', true, false],
  ['attribute_exists(#missing)', false, false],
  ['attribute_exists(nothing)', true, false], // a NULL value exists
  ['#expiry < :now', true, false],
  ['#expiry <= :now', true, false],
  ['#expiry > :now', false, false],
  ['#expiry >= :now', false, false],
  ['#expiry = :now', false, false],
  ['#expiry <> :now', true, true], // a missing attribute differs from any value
  ['#status = :inprogress AND #in_progress_expiry < :now_in_millis', false, false],
  ['#status = :inprogress AND NOT #in_progress_expiry < :now_in_millis', true, false],
  // Precedence: NOT binds tighter than AND, AND tighter than OR; parentheses override.
  ['count = :one OR count = :three AND name = :bob', false, false],
  ['(count = :one OR count = :three) AND name = :ada', true, false],
  ['NOT count = :one AND name = :ada', true, false],
  ['NOT (count = :three AND name = :ada)', false, true],
  ['not count = :one and name = :ada', true, false], // keywords in any case
  // Types: no order across types; strings by UTF-8 bytes.
  ['count = :threeString', false, false],
  ['count <> :threeString', true, true],
  ['count < :threeString', false, false],
  ['name < :bob', true, false],
  ['name > :ad', true, false],
  ['emoji > halfwidth', true, false], // U+1F600 after U+FF61 in UTF-8 bytes, though before it in UTF-16 code units
  ['bytes > :bytes', true, false],
  ['count BETWEEN :one AND :three', true, false],
  ['count BETWEEN :one AND :one', false, false],
  ['name IN (:bob, :ada)', true, false],
  ['name IN (:bob)', false, false],
  ['#map.nested.deep = :x', true, false],
  ['#map.n = :z', false, false],
  ['list[1] = :two', true, false],
  ['list[2].three = :three', true, false],
  ['list[9] = :two', false, false],
  ['begins_with(name, :ad)', true, false],
  ['begins_with(count, :ad)', false, false],
  ['begins_with(bytes, :bytes)', true, false],
  ['contains(name, :ad)', true, false],
  ['contains(tags, :a)', true, false],
  ['contains(scores, :one)', true, false],
  ['contains(list, :two)', true, false],
  ['attribute_type(name, :S)', true, false],
  ['attribute_type(tags, :SS)', true, false],
  ['attribute_type(count, :N)', true, false],
  ['attribute_type(#map, :M)', true, false],
  ['size(name) = :three', true, false],
  ['size(list) = :three', true, false],
  ['size(tags) < :three', true, false],
  ['size(#map) > :one', true, false],
  ['flag = flag', true, false],
  ['list = :list', false, false],
];

describe('condition expressions, against an item and against no item', () => {
  test.each(rows)('%s', (expression, onItem, onNoItem) => {
    expect(check(expression)).toBe(onItem);
    expect(check(expression, null)).toBe(onNoItem);
  });
});

describe('expressions DynamoDB refuses', () => {
  const refused: readonly [string, RegExp][] = [
    ['count = ', /Syntax error; token: "<EOF>"/],
    ['count == :one', /Syntax error; token: "="/],
    ['count = :nope', /An expression attribute value used in expression is not defined; attribute value: :nope/],
    ['#nope = :one', /An expression attribute name used in the document path is not defined; attribute name: #nope/],
    ['(count = :one', /Syntax error/],
    ['count = :one)', /Syntax error; token: "\)"/],
    ['frobnicate(count)', /Invalid function name; function: frobnicate/],
    ['count BETWEEN :three AND :one', /BETWEEN operator requires upper bound to be greater than or equal to lower bound/],
    ['attribute_type(name, :ada)', /Invalid attribute type name found/],
    ['count = :one & name = :ada', /Syntax error; token: "&"/],
    ['', /The expression can not be empty/],
  ];
  test.each(refused)('%s', (expression, message) => {
    let error: unknown;
    try {
      check(expression);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ name: 'ValidationException', message: expect.stringMatching(message) });
  });

  test('a name or value that no expression uses', () => {
    const placeholders = new Placeholders({ '#id': 'id', '#extra': 'x' }, { ':v': 1, ':w': 2 });
    parseCondition('attribute_not_exists(#id) OR count = :v', 'ConditionExpression', placeholders);
    expect(() => placeholders.checkAllUsed()).toThrow('Value provided in ExpressionAttributeNames unused in expressions: keys: {#extra}');
    placeholders.usedNames.add('#extra');
    expect(() => placeholders.checkAllUsed()).toThrow('Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}');
  });
});

describe('update expressions', () => {
  const update = (expression: string, before: Item | undefined, extra: Record<string, Value> = {}) =>
    applyUpdate(before, { id: 'k1' }, parseUpdate(expression, new Placeholders({ '#status': 'status', '#data': 'data', '#expiry': 'expiration' }, { ...values, ...extra })));

  test("Powertools' saveSuccess: SET of several attributes, on an existing item", () => {
    const after = update('SET #expiry = :ten, #status = :ada, #data = :list', { id: 'k1', status: 'INPROGRESS', expiration: 1 });
    expect(after).toEqual({ id: 'k1', status: 'ada', expiration: 10, data: [1] });
  });

  test('an update of an item that does not exist creates it with the key', () => {
    expect(update('SET #status = :ada', undefined)).toEqual({ id: 'k1', status: 'ada' });
  });

  test('arithmetic, if_not_exists and list_append read the item before the update', () => {
    const before: Item = { id: 'k1', count: 3, list: [1] };
    expect(update('SET count = count + :ten, other = if_not_exists(other, :one), list = list_append(list, :list)', before)).toEqual({ id: 'k1', count: 13, other: 1, list: [1, 1] });
    expect(update('SET count = count - :one, n = if_not_exists(count, :ten)', before)).toEqual({ id: 'k1', count: 2, n: 3, list: [1] });
  });

  test('REMOVE of attributes and list elements, ADD to numbers and sets, DELETE from sets', () => {
    const before: Item = { id: 'k1', a: 1, list: [1, 2, 3], tags: new Set(['a', 'b']), more: new Set(['x']), n: 1 };
    const after = update('REMOVE a, list[0] ADD n :ten, more :more, fresh :one DELETE tags :gone', before, { ':more': new Set(['c']), ':gone': new Set(['a']) });
    expect(after).toEqual({ id: 'k1', list: [2, 3], tags: new Set(['b']), more: new Set(['x', 'c']), n: 11, fresh: 1 });
    expect(update('DELETE tags :all', { id: 'k1', tags: new Set(['a']) }, { ':all': new Set(['a']) })).toEqual({ id: 'k1' });
  });

  test('nested SET into maps and lists', () => {
    expect(update('SET m.a = :one, l[1] = :ten, l[5] = :three', { id: 'k1', m: { b: 2 }, l: [0, 0] })).toEqual({ id: 'k1', m: { a: 1, b: 2 }, l: [0, 10, 3] });
  });

  test('what DynamoDB refuses: the key, a clause twice, wrong types, a path into nothing', () => {
    expect(() => update('SET id = :ada', undefined)).toThrow('Cannot update attribute id. This attribute is part of the key');
    expect(() => update('SET a = :one SET b = :one', undefined)).toThrow('The "SET" section can only be used once');
    expect(() => update('SET a = name + :one', { id: 'k1', name: 'x' })).toThrow('incorrect data type');
    expect(() => update('SET a = missing', { id: 'k1' })).toThrow('refers to an attribute that does not exist');
    expect(() => update('SET m.a = :one', { id: 'k1' })).toThrow('document path provided in the update expression is invalid');
    expect(() => update('ADD name :one', { id: 'k1', name: 'x' })).toThrow('incorrect data type');
    expect(() => update('UPSERT a = :one', undefined)).toThrow('Syntax error; token: "UPSERT"');
    expect(() => update('SET m.a = :one REMOVE m', { id: 'k1', m: {} })).toThrow('Two document paths overlap with each other');
    expect(() => update('SET a = :one, a = :ten', undefined)).toThrow('Two document paths overlap with each other');
  });
});

describe('projection expressions', () => {
  test('picks top-level and nested attributes; list elements close their gaps', () => {
    const paths = parseProjection('#map.nested, list[2].three, list[0], name, missing', new Placeholders({ '#map': 'map' }, {}));
    expect(project(item, paths)).toEqual({ map: { nested: { deep: 'x' } }, list: [1, { three: 3 }], name: 'ada' });
  });
});
