/**
 * Evaluating the parsed DynamoDB expressions against items in their plain form. The semantics
 * are DynamoDB's (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html):
 * values compare only within one type — numbers numerically, strings and binaries byte by byte
 * (UTF-8) — and a comparison between different types, or with an attribute the item does not
 * have, is false, except `<>`, which is true for values that differ in type or are missing.
 */
import { AwsServiceError } from '../errors.js';
import type { Condition, Operand, Path, SetValue, UpdateActions, Value } from './dynamodb-expression-parser.js';

type Item = Readonly<Record<string, Value>>;

/** The DynamoDB type descriptor of a plain value. */
export function typeOf(value: Value): string {
  if (typeof value === 'string') return 'S';
  if (typeof value === 'number') return 'N';
  if (typeof value === 'boolean') return 'BOOL';
  if (value === null) return 'NULL';
  if (value instanceof Uint8Array) return 'B';
  if (value instanceof Set) {
    const first = (value as ReadonlySet<unknown>).values().next().value;
    return typeof first === 'number' ? 'NS' : first instanceof Uint8Array ? 'BS' : 'SS';
  }
  if (Array.isArray(value)) return 'L';
  return 'M';
}

function validation(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/** The value at `path` in `item`, or undefined when a step is missing or of the wrong kind. */
export function valueAt(item: Item | undefined, path: Path): Value | undefined {
  let value: Value | undefined = item;
  for (const step of path) {
    if (value === undefined || value === null || typeof value !== 'object' || value instanceof Uint8Array || value instanceof Set) return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(value)) return undefined;
      value = (value as readonly Value[])[step];
    } else {
      if (Array.isArray(value)) return undefined;
      value = Object.hasOwn(value, step) ? (value as Item)[step] : undefined;
    }
  }
  return value;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

export function sameValue(a: Value, b: Value): boolean {
  const type = typeOf(a);
  if (type !== typeOf(b)) return false;
  switch (type) {
    case 'B':
      return compareBytes(a as Uint8Array, b as Uint8Array) === 0;
    case 'SS':
    case 'NS':
    case 'BS': {
      const left = [...(a as ReadonlySet<Value>)];
      const right = [...(b as ReadonlySet<Value>)];
      return left.length === right.length && left.every((x) => right.some((y) => sameValue(x, y)));
    }
    case 'L': {
      const left = a as readonly Value[];
      const right = b as readonly Value[];
      return left.length === right.length && left.every((x, i) => sameValue(x, right[i] as Value));
    }
    case 'M': {
      const left = a as Item;
      const right = b as Item;
      const keys = Object.keys(left);
      return keys.length === Object.keys(right).length && keys.every((k) => Object.hasOwn(right, k) && sameValue(left[k] as Value, right[k] as Value));
    }
    default:
      return a === b;
  }
}

/** The order of two values of an ordered type (N, S, B), or null when they cannot be ordered. */
function order(a: Value, b: Value): number | null {
  const type = typeOf(a);
  if (type !== typeOf(b)) return null;
  if (type === 'N') return (a as number) - (b as number);
  if (type === 'S') return compareBytes(utf8(a as string), utf8(b as string));
  if (type === 'B') return compareBytes(a as Uint8Array, b as Uint8Array);
  return null;
}

function operandValue(operand: Operand, item: Item | undefined): Value | undefined {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path':
      return valueAt(item, operand.path);
    case 'size': {
      const value = valueAt(item, operand.path);
      if (value === undefined) return undefined;
      const type = typeOf(value);
      if (type === 'S') return [...(value as string)].length;
      if (type === 'B') return (value as Uint8Array).length;
      if (type === 'SS' || type === 'NS' || type === 'BS') return (value as ReadonlySet<unknown>).size;
      if (type === 'L') return (value as readonly Value[]).length;
      if (type === 'M') return Object.keys(value as Item).length;
      return undefined;
    }
  }
}

function compare(op: string, a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined || b === undefined) return op === '<>';
  if (op === '=') return sameValue(a, b);
  if (op === '<>') return !sameValue(a, b);
  const o = order(a, b);
  if (o === null) return false;
  return op === '<' ? o < 0 : op === '<=' ? o <= 0 : op === '>' ? o > 0 : o >= 0;
}

const TYPES = ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'];

/** Whether `item` (undefined: no item) satisfies `condition`. */
export function evaluate(condition: Condition, item: Item | undefined): boolean {
  switch (condition.kind) {
    case 'or':
      return evaluate(condition.left, item) || evaluate(condition.right, item);
    case 'and':
      return evaluate(condition.left, item) && evaluate(condition.right, item);
    case 'not':
      return !evaluate(condition.condition, item);
    case 'compare':
      return compare(condition.op, operandValue(condition.left, item), operandValue(condition.right, item));
    case 'between': {
      const value = operandValue(condition.operand, item);
      const low = operandValue(condition.low, item);
      const high = operandValue(condition.high, item);
      if (value === undefined || low === undefined || high === undefined) return false;
      const o = order(low, high);
      if (o !== null && o > 0) throw validation('Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound');
      return compare('>=', value, low) && compare('<=', value, high);
    }
    case 'in': {
      const value = operandValue(condition.operand, item);
      return value !== undefined && condition.list.some((candidate) => compare('=', value, operandValue(candidate, item)));
    }
    case 'exists':
      return (valueAt(item, condition.path) !== undefined) !== condition.negated;
    case 'type': {
      const type = operandValue(condition.type, item);
      if (typeof type !== 'string' || !TYPES.includes(type)) throw validation(`Invalid ConditionExpression: Invalid attribute type name found; type: ${String(type)}, valid types: {${TYPES.join(',')}}`);
      const value = valueAt(item, condition.path);
      return value !== undefined && typeOf(value) === type;
    }
    case 'begins': {
      const value = valueAt(item, condition.path);
      const prefix = operandValue(condition.prefix, item);
      if (value === undefined || prefix === undefined) return false;
      if (typeof value === 'string' && typeof prefix === 'string') return value.startsWith(prefix);
      if (value instanceof Uint8Array && prefix instanceof Uint8Array) return compareBytes(value.subarray(0, prefix.length), prefix) === 0;
      return false;
    }
    case 'contains': {
      const value = valueAt(item, condition.path);
      const part = operandValue(condition.operand, item);
      if (value === undefined || part === undefined) return false;
      if (typeof value === 'string') return typeof part === 'string' && value.includes(part);
      if (value instanceof Set || Array.isArray(value)) return [...(value as Iterable<Value>)].some((member) => sameValue(member, part));
      return false;
    }
  }
}

function setValue(value: SetValue, item: Item | undefined): Value {
  switch (value.kind) {
    case 'operand': {
      const result = operandValue(value.operand, item);
      if (result === undefined) throw validation('The provided expression refers to an attribute that does not exist in the item');
      return result;
    }
    case 'if_not_exists':
      return valueAt(item, value.path) ?? setValue(value.fallback, item);
    case 'list_append': {
      const first = setValue(value.first, item);
      const second = setValue(value.second, item);
      if (!Array.isArray(first) || !Array.isArray(second)) throw validation('An operand in the update expression has an incorrect data type');
      return [...(first as readonly Value[]), ...(second as readonly Value[])];
    }
    case 'plus':
    case 'minus': {
      const left = setValue(value.left, item);
      const right = setValue(value.right, item);
      if (typeof left !== 'number' || typeof right !== 'number') throw validation('An operand in the update expression has an incorrect data type');
      return value.kind === 'plus' ? left + right : left - right;
    }
  }
}

type Mutable = Record<string, unknown> | unknown[];

/** Writes `value` at `path` in `root` (a copy being built); undefined removes it. */
function writeAt(root: Record<string, unknown>, path: Path, value: Value | undefined): void {
  let container: Mutable = root;
  for (const [i, step] of path.entries()) {
    const last = i === path.length - 1;
    const current: unknown = (container as Record<string | number, unknown>)[step];
    if (last) {
      if (value === undefined) {
        if (Array.isArray(container) && typeof step === 'number') {
          if (step < container.length) container.splice(step, 1);
        } else {
          delete (container as Record<string, unknown>)[step as string];
        }
      } else if (Array.isArray(container) && typeof step === 'number') {
        // SET past the end of a list appends (DynamoDB does the same).
        if (step >= container.length) container.push(value);
        else container[step] = value;
      } else {
        (container as Record<string, unknown>)[step as string] = value;
      }
      return;
    }
    const nextIsIndex = typeof path[i + 1] === 'number';
    const fits = nextIsIndex ? Array.isArray(current) : typeof current === 'object' && current !== null && !Array.isArray(current) && !(current instanceof Set) && !(current instanceof Uint8Array);
    if (!fits) {
      if (value === undefined) return;
      throw validation('The document path provided in the update expression is invalid for update');
    }
    container = current as Mutable;
  }
}

/** The item after `actions`; SET values are computed from the item before the update. */
export function applyUpdate(before: Item | undefined, key: Item, actions: UpdateActions): Record<string, unknown> {
  const after = structuredClone({ ...(before ?? {}), ...key }) as Record<string, unknown>;
  const touched = [...actions.set.map((a) => a.path), ...actions.remove, ...actions.add.map((a) => a.path), ...actions.delete.map((a) => a.path)];
  for (const [i, path] of touched.entries()) {
    const other = touched.slice(i + 1).find((p) => p.slice(0, path.length).every((step, j) => step === path[j]) || path.slice(0, p.length).every((step, j) => step === p[j]));
    if (other !== undefined) {
      throw validation(`Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [${path.join(', ')}], path two: [${other.join(', ')}]`);
    }
    if (Object.hasOwn(key, path[0] as string)) throw validation(`One or more parameter values were invalid: Cannot update attribute ${String(path[0])}. This attribute is part of the key`);
  }
  for (const { path, value } of actions.set) writeAt(after, path, setValue(value, before));
  for (const path of actions.remove) writeAt(after, path, undefined);
  for (const { path, value } of actions.add) {
    const current = valueAt(before, path);
    if (typeof value === 'number') {
      if (current !== undefined && typeof current !== 'number') throw validation('An operand in the update expression has an incorrect data type');
      writeAt(after, path, (current ?? 0) + value);
    } else if (value instanceof Set) {
      if (current !== undefined && (!(current instanceof Set) || typeOf(current) !== typeOf(value))) throw validation('An operand in the update expression has an incorrect data type');
      writeAt(after, path, new Set([...((current as ReadonlySet<string> | undefined) ?? []), ...(value as unknown as ReadonlySet<string>)]));
    } else {
      throw validation('Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: ' + typeOf(value));
    }
  }
  for (const { path, value } of actions.delete) {
    if (!(value instanceof Set)) throw validation('Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: ' + typeOf(value));
    const current = valueAt(before, path);
    if (current === undefined) continue;
    if (!(current instanceof Set) || typeOf(current) !== typeOf(value)) throw validation('An operand in the update expression has an incorrect data type');
    const remaining = [...(current as ReadonlySet<Value>)].filter((member) => ![...(value as ReadonlySet<Value>)].some((gone) => sameValue(member, gone)));
    // DynamoDB has no empty sets: deleting the last member removes the attribute.
    writeAt(after, path, remaining.length === 0 ? undefined : (new Set(remaining) as ReadonlySet<string>));
  }
  return after;
}

const LIST = Symbol('list');

type Draft = { [step: string]: unknown; [LIST]?: true };

/** Turns the drafts of lists (objects keyed by index) into lists, in index order, gaps closed. */
function finish(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, LIST)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Set) && !(value instanceof Uint8Array)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, finish(v)]));
    }
    return value;
  }
  return Object.keys(value)
    .map(Number)
    .sort((a, b) => a - b)
    .map((index) => finish((value as Draft)[index]));
}

/**
 * The attributes of `item` that `paths` name, nested as in the item; list elements keep their
 * order and the gaps between them close (`a[2]` alone gives `a: [that element]`), as DynamoDB does.
 */
export function project(item: Item, paths: readonly Path[]): Record<string, unknown> {
  const out: Draft = {};
  for (const path of paths) {
    const value = valueAt(item, path);
    if (value === undefined) continue;
    let container = out;
    for (const [i, step] of path.entries()) {
      const name = String(step);
      if (i === path.length - 1) {
        container[name] = structuredClone(value);
      } else {
        const next = (container[name] ??= typeof path[i + 1] === 'number' ? { [LIST]: true } : {}) as Draft;
        container = next;
      }
    }
  }
  return finish(out) as Record<string, unknown>;
}
