/**
 * The DynamoDB commands of handler code, against the simulated tables: PutItem, GetItem,
 * DeleteItem, UpdateItem, Query, BatchGetItem and BatchWriteItem, in the attribute-value form of
 * `@aws-sdk/client-dynamodb` or the plain form of `@aws-sdk/lib-dynamodb`. Condition, update,
 * key condition, filter and projection expressions are evaluated (services/dynamodb-expression-*.ts);
 * a failed condition is a `ConditionalCheckFailedException` carrying the item when
 * `ReturnValuesOnConditionCheckFailure` is `ALL_OLD`, as DynamoDB answers.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html
 */
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamodb } from '../../aws/limits.js';
import type { TableSpec } from '../../manifest/schema.js';
import { AwsServiceError } from '../errors.js';
import { applyUpdate, evaluate, project, typeOf } from '../services/dynamodb-expression-eval.js';
import { type Condition, parseCondition, parseProjection, parseUpdate, type Path, Placeholders, type Value } from '../services/dynamodb-expression-parser.js';
import type { Router } from '../world.js';

type Input = Readonly<Record<string, unknown>>;
type Item = Readonly<Record<string, Value>>;
type MarshalledItem = Parameters<typeof unmarshall>[0];

const BATCH_GET_KEYS_MAX = dynamodb.batchGetKeysMax;
const BATCH_WRITE_REQUESTS_MAX = dynamodb.batchWriteRequestsMax;

export interface TableAccess {
  readonly router: Router;
  /** The flow's table for a TableName, or an error as DynamoDB gives it. */
  readonly resolve: (address: unknown) => TableSpec;
  /** Who is writing, for the trace. */
  readonly from: () => string;
  /** Throws when a whole item put by handler code does not have the table's type (carried-types.ts). */
  readonly checkItem: (table: string, item: Readonly<Record<string, unknown>>) => void;
}

function validation(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/** Reads and writes one of the two forms of items: attribute values (client-dynamodb) or plain values (lib-dynamodb). */
class Form {
  constructor(readonly plain: boolean) {}

  decode(value: unknown, parameter: string): Item {
    if (typeof value !== 'object' || value === null) throw validation(`${parameter} is required`);
    return (this.plain ? structuredClone(value) : unmarshall(value as MarshalledItem)) as Item;
  }

  encode(item: Readonly<Record<string, unknown>>): unknown {
    return this.plain ? structuredClone(item) : marshall(item, { removeUndefinedValues: true });
  }

  placeholders(input: Input): Placeholders {
    const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
    const values = input.ExpressionAttributeValues === undefined ? {} : this.decode(input.ExpressionAttributeValues, 'ExpressionAttributeValues');
    return new Placeholders(names, values);
  }
}

/** The key attributes of `item` (which must have them, of the declared types). */
function keyOf(spec: TableSpec, item: Item, parameter: string): Item {
  const key: Record<string, Value> = {};
  for (const k of [spec.partitionKey, ...(spec.sortKey ? [spec.sortKey] : [])]) {
    const value = item[k.attribute];
    if (value === undefined) throw validation(`One or more parameter values were invalid: Missing the key ${k.attribute} in the ${parameter}`);
    if (typeOf(value) !== k.type) throw validation(`One or more parameter values were invalid: Type mismatch for key ${k.attribute} expected: ${k.type} actual: ${typeOf(value)}`);
    key[k.attribute] = value;
  }
  return key;
}

function exactKey(spec: TableSpec, key: Item): Item {
  const expected = [spec.partitionKey.attribute, ...(spec.sortKey ? [spec.sortKey.attribute] : [])];
  if (Object.keys(key).length !== expected.length) throw validation('The provided key element does not match the schema');
  return keyOf(spec, key, 'key');
}

function conditionFailed(form: Form, input: Input, existing: Item | undefined): AwsServiceError {
  const details = input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && existing !== undefined ? { Item: form.encode(existing) } : {};
  return new AwsServiceError('ConditionalCheckFailedException', 'The conditional request failed', details);
}

function returnValues(input: Input, allowed: readonly string[]): string {
  const value = input.ReturnValues ?? 'NONE';
  if (typeof value !== 'string' || !allowed.includes(value)) throw validation(`ReturnValues ${String(value)} is not valid for this operation (allowed: ${allowed.join(', ')})`);
  return value;
}

function checkReturnOnFailure(input: Input): void {
  const value = input.ReturnValuesOnConditionCheckFailure;
  if (value !== undefined && value !== 'ALL_OLD' && value !== 'NONE') throw validation(`ReturnValuesOnConditionCheckFailure ${String(value)} is not valid (ALL_OLD or NONE)`);
}

/** The condition of a write, parsed; null without one. */
function conditionOf(input: Input, placeholders: Placeholders): Condition | null {
  return input.ConditionExpression === undefined ? null : parseCondition(input.ConditionExpression, 'ConditionExpression', placeholders);
}

function projectionOf(input: Input, placeholders: Placeholders): Path[] | null {
  return input.ProjectionExpression === undefined ? null : parseProjection(input.ProjectionExpression, placeholders);
}

/** The order of two key values of one type: numbers numerically, strings by their UTF-8 bytes. */
function keyOrder(a: Value | undefined, b: Value | undefined): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

/** Checks a KeyConditionExpression has the shape DynamoDB accepts: `pk = :v`, optionally AND one sort key condition. */
function checkKeyCondition(spec: TableSpec, condition: Condition): void {
  const parts = condition.kind === 'and' ? [condition.left, condition.right] : [condition];
  const isAttribute = (path: Path, attribute: string) => path.length === 1 && path[0] === attribute;
  const onPartition = parts.filter((p) => p.kind === 'compare' && p.op === '=' && p.left.kind === 'path' && isAttribute(p.left.path, spec.partitionKey.attribute) && p.right.kind === 'value');
  const sortKey = spec.sortKey?.attribute;
  const onSort = parts.filter((p) => {
    if (sortKey === undefined) return false;
    if (p.kind === 'compare') return p.op !== '<>' && p.left.kind === 'path' && isAttribute(p.left.path, sortKey) && p.right.kind === 'value';
    if (p.kind === 'between') return p.operand.kind === 'path' && isAttribute(p.operand.path, sortKey) && p.low.kind === 'value' && p.high.kind === 'value';
    if (p.kind === 'begins') return isAttribute(p.path, sortKey) && p.prefix.kind === 'value';
    return false;
  });
  if (onPartition.length !== 1 || onPartition.length + onSort.length !== parts.length) {
    throw validation(`Query key condition not supported: KeyConditionExpression must be \`${spec.partitionKey.attribute} = :value\`${sortKey ? ` and at most one condition (=, <, <=, >, >=, BETWEEN, begins_with) on \`${sortKey}\`` : ''}`);
  }
}

export function dynamoDbCommand(access: TableAccess, plain: boolean, command: string, input: Input): unknown {
  const form = new Form(plain);
  const { router } = access;
  switch (command) {
    case 'PutItem': {
      const spec = access.resolve(input.TableName);
      const item = form.decode(input.Item, 'Item');
      const placeholders = form.placeholders(input);
      const condition = conditionOf(input, placeholders);
      const returns = returnValues(input, ['NONE', 'ALL_OLD']);
      checkReturnOnFailure(input);
      placeholders.checkAllUsed();
      const existing = router.getItem(spec.name, keyOf(spec, item, 'item')) as Item | undefined;
      if (condition !== null && !evaluate(condition, existing)) throw conditionFailed(form, input, existing);
      access.checkItem(spec.name, item);
      const { old } = router.writeItem(spec.name, { kind: 'put', item }, access.from());
      return returns === 'ALL_OLD' && old !== undefined ? { Attributes: form.encode(old) } : {};
    }
    case 'GetItem': {
      const spec = access.resolve(input.TableName);
      const key = exactKey(spec, form.decode(input.Key, 'Key'));
      const placeholders = form.placeholders(input);
      const projection = projectionOf(input, placeholders);
      placeholders.checkAllUsed();
      const item = router.getItem(spec.name, key) as Item | undefined;
      if (item === undefined) return {};
      return { Item: form.encode(projection === null ? item : project(item, projection)) };
    }
    case 'DeleteItem': {
      const spec = access.resolve(input.TableName);
      const key = exactKey(spec, form.decode(input.Key, 'Key'));
      const placeholders = form.placeholders(input);
      const condition = conditionOf(input, placeholders);
      const returns = returnValues(input, ['NONE', 'ALL_OLD']);
      checkReturnOnFailure(input);
      placeholders.checkAllUsed();
      const existing = router.getItem(spec.name, key) as Item | undefined;
      if (condition !== null && !evaluate(condition, existing)) throw conditionFailed(form, input, existing);
      const { old } = router.writeItem(spec.name, { kind: 'delete', key }, access.from());
      return returns === 'ALL_OLD' && old !== undefined ? { Attributes: form.encode(old) } : {};
    }
    case 'UpdateItem': {
      const spec = access.resolve(input.TableName);
      const key = exactKey(spec, form.decode(input.Key, 'Key'));
      const placeholders = form.placeholders(input);
      if (input.UpdateExpression === undefined) throw notModelled('UpdateItem without an UpdateExpression (AttributeUpdates, the legacy form)');
      const actions = parseUpdate(input.UpdateExpression, placeholders);
      const condition = conditionOf(input, placeholders);
      const returns = returnValues(input, ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW']);
      checkReturnOnFailure(input);
      placeholders.checkAllUsed();
      const existing = router.getItem(spec.name, key) as Item | undefined;
      if (condition !== null && !evaluate(condition, existing)) throw conditionFailed(form, input, existing);
      const next = applyUpdate(existing, key, actions);
      router.writeItem(spec.name, { kind: 'put', item: next }, access.from());
      const touched = [...actions.set.map((a) => a.path), ...actions.remove, ...actions.add.map((a) => a.path), ...actions.delete.map((a) => a.path)];
      const attributes =
        returns === 'ALL_OLD' ? existing : returns === 'ALL_NEW' ? next : returns === 'UPDATED_OLD' ? existing && project(existing, touched) : returns === 'UPDATED_NEW' ? project(next as Item, touched) : undefined;
      return attributes === undefined || Object.keys(attributes).length === 0 ? {} : { Attributes: form.encode(attributes) };
    }
    case 'Query':
      return query(access, form, input);
    case 'BatchGetItem':
      return batchGet(access, form, input);
    case 'BatchWriteItem':
      return batchWrite(access, form, input);
    default:
      throw notModelled(command);
  }
}

function query(access: TableAccess, form: Form, input: Input): unknown {
  const spec = access.resolve(input.TableName);
  if (input.IndexName !== undefined) throw notModelled('Query on an index (flowc declares no secondary indexes)');
  if (input.KeyConditionExpression === undefined) throw validation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  const placeholders = form.placeholders(input);
  const keyCondition = parseCondition(input.KeyConditionExpression, 'KeyConditionExpression', placeholders);
  checkKeyCondition(spec, keyCondition);
  const filter = input.FilterExpression === undefined ? null : parseCondition(input.FilterExpression, 'FilterExpression', placeholders);
  const projection = projectionOf(input, placeholders);
  placeholders.checkAllUsed();
  const limit = input.Limit;
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) throw validation('Limit must be an integer of at least 1');
  const sortKey = spec.sortKey?.attribute;
  const forward = input.ScanIndexForward !== false;
  let matching = (access.router.tableItems(spec.name) as readonly Item[]).filter((item) => evaluate(keyCondition, item));
  matching = [...matching].sort((a, b) => (sortKey === undefined ? 0 : keyOrder(a[sortKey], b[sortKey])) * (forward ? 1 : -1));
  if (input.ExclusiveStartKey !== undefined) {
    const start = exactKey(spec, form.decode(input.ExclusiveStartKey, 'ExclusiveStartKey'));
    const position = sortKey === undefined ? matching.length : matching.findIndex((item) => keyOrder(item[sortKey], start[sortKey]) * (forward ? 1 : -1) > 0);
    matching = position < 0 ? [] : matching.slice(position);
  }
  // Limit counts the items read before the filter, as DynamoDB does.
  const page = limit === undefined ? matching : matching.slice(0, limit);
  const last = limit !== undefined && matching.length > limit ? page[page.length - 1] : undefined;
  const items = filter === null ? page : page.filter((item) => evaluate(filter, item));
  const output: Record<string, unknown> = { Count: items.length, ScannedCount: page.length };
  if (input.Select !== 'COUNT') output.Items = items.map((item) => form.encode(projection === null ? item : project(item, projection)));
  if (last !== undefined) output.LastEvaluatedKey = form.encode(keyOf(spec, last, 'item'));
  return output;
}

function requestItems(input: Input): [string, unknown][] {
  const request = input.RequestItems;
  if (typeof request !== 'object' || request === null || Object.keys(request).length === 0) throw validation('RequestItems must contain at least one table');
  return Object.entries(request);
}

function batchGet(access: TableAccess, form: Form, input: Input): unknown {
  const responses: Record<string, unknown[]> = {};
  let total = 0;
  for (const [tableName, request] of requestItems(input)) {
    const spec = access.resolve(tableName);
    const entry = request as Input;
    const keys = Array.isArray(entry.Keys) ? (entry.Keys as unknown[]) : [];
    if (keys.length === 0) throw validation('Keys must contain at least one key');
    total += keys.length;
    if (total > BATCH_GET_KEYS_MAX) throw validation(`Too many items requested for the BatchGetItem call (at most ${BATCH_GET_KEYS_MAX})`);
    const placeholders = form.placeholders(entry);
    const projection = projectionOf(entry, placeholders);
    placeholders.checkAllUsed();
    const seen = new Set<string>();
    const found: unknown[] = [];
    for (const raw of keys) {
      const key = exactKey(spec, form.decode(raw, 'Keys'));
      const id = JSON.stringify(marshall(key));
      if (seen.has(id)) throw validation('Provided list of item keys contains duplicates');
      seen.add(id);
      const item = access.router.getItem(spec.name, key) as Item | undefined;
      if (item !== undefined) found.push(form.encode(projection === null ? item : project(item, projection)));
    }
    responses[tableName] = found;
  }
  return { Responses: responses, UnprocessedKeys: {} };
}

function batchWrite(access: TableAccess, form: Form, input: Input): unknown {
  const writes: { table: TableSpec; write: { kind: 'put'; item: Item } | { kind: 'delete'; key: Item } }[] = [];
  const seen = new Set<string>();
  for (const [tableName, request] of requestItems(input)) {
    const spec = access.resolve(tableName);
    const entries = Array.isArray(request) ? (request as Input[]) : [];
    if (entries.length === 0) throw validation('The batch write request list for a table cannot be empty');
    for (const entry of entries) {
      const put = entry.PutRequest as Input | undefined;
      const del = entry.DeleteRequest as Input | undefined;
      if ((put === undefined) === (del === undefined)) throw validation('Each write request must have exactly one of PutRequest and DeleteRequest');
      const write = put !== undefined ? ({ kind: 'put', item: form.decode(put.Item, 'Item') } as const) : ({ kind: 'delete', key: exactKey(spec, form.decode(del?.Key, 'Key')) } as const);
      const key = write.kind === 'put' ? keyOf(spec, write.item, 'item') : write.key;
      const id = `${spec.name} ${JSON.stringify(marshall(key))}`;
      if (seen.has(id)) throw validation('Provided list of item keys contains duplicates');
      seen.add(id);
      writes.push({ table: spec, write });
    }
  }
  if (writes.length > BATCH_WRITE_REQUESTS_MAX) throw validation(`Too many items in the BatchWriteItem request (at most ${BATCH_WRITE_REQUESTS_MAX})`);
  for (const { table, write } of writes) if (write.kind === 'put') access.checkItem(table.name, write.item);
  for (const { table, write } of writes) access.router.writeItem(table.name, write, access.from());
  return { UnprocessedItems: {} };
}

function notModelled(what: string): Error {
  return new Error(`flowc sim: dynamodb ${what} is not modelled by the simulator (see docs/simulator.md, "Handler code and the AWS SDK")`);
}
