import type { FieldType, PayloadType, RecordType, UnionType } from '../../runtime/manifest/types.js';
import type { TypeEnvironment } from './environment.js';
import { quoteType } from './print.js';
import { structureOf } from './structure.js';

export type Assignability =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** Where the first mismatch is: `` (the whole value), `.items[].qty`. */
      readonly path: string;
      /** `string is not int`, `the field is missing`. */
      readonly reason: string;
    };

const OK: Assignability = { ok: true };

/** Is `from` assignable to `to`, at `path` of the whole value. */
interface Goal {
  readonly kind: 'goal';
  readonly from: PayloadType;
  readonly to: PayloadType;
  readonly path: string;
}

/** One field the receiving record wants, checked in declaration order so the first mismatch is the one reported. */
interface FieldGoal {
  readonly kind: 'field';
  readonly wanted: FieldType;
  readonly given: FieldType | undefined;
  /** The type the given record came from, for the "missing from" message. */
  readonly fromType: PayloadType;
  readonly path: string;
}

/** Every goal under a pair of named types has been met: the pair holds. */
interface Settle {
  readonly kind: 'settle';
  readonly key: string;
}

type Task = Goal | FieldGoal | Settle;

/**
 * Pairs of named types known to be assignable, per environment, kept across calls only while
 * the environment says its answers are final (inference may still be running otherwise).
 */
const provenPairs = new WeakMap<TypeEnvironment, Set<string>>();

/**
 * Whether a value of type `from` is always a valid value of type `to`, structurally: records
 * may carry extra fields, `int` is a `number`, a literal is a `string`, `unknown` matches
 * anything (so an unresolved name causes no follow-on error). Reports the path to the first
 * mismatch.
 *
 * Sound at any depth and polynomial: the walk keeps its own stack (no recursion, so no depth
 * the user writes can exhaust the call stack), and a pair of named types (declared types,
 * invocation records) is compared once per call; a pair met again while it is being compared
 * holds by assumption, which is what makes records that contain their own invocation record
 * (a function that is its own destination) comparable at all.
 */
export function isAssignable(from: PayloadType, to: PayloadType, env: TypeEnvironment): Assignability {
  const stable = env.settled?.() ?? true;
  const remembered = stable ? provenPairs.get(env) : undefined;
  const proven = new Set<string>();
  const active = new Set<string>();
  const tasks: Task[] = [{ kind: 'goal', from, to, path: '' }];
  for (let task = tasks.pop(); task !== undefined; task = tasks.pop()) {
    if (task.kind === 'settle') {
      active.delete(task.key);
      proven.add(task.key);
      continue;
    }
    const failure = task.kind === 'field' ? checkField(task, tasks) : checkGoal(task, env, tasks, proven, active, remembered);
    if (failure) return failure;
  }
  if (stable && proven.size > 0) {
    let set = provenPairs.get(env);
    if (!set) provenPairs.set(env, (set = new Set()));
    for (const key of proven) set.add(key);
  }
  return OK;
}

function fail(path: string, reason: string): Assignability & { ok: false } {
  return { ok: false, path, reason };
}

function checkField(task: FieldGoal, tasks: Task[]): (Assignability & { ok: false }) | undefined {
  const { wanted, given, path } = task;
  if (given === undefined) return wanted.optional ? undefined : fail(path, `the field is missing from ${quoteType(task.fromType)}`);
  if (given.optional && !wanted.optional) return fail(path, 'the field is optional here but required there');
  tasks.push({ kind: 'goal', from: given.type, to: wanted.type, path });
  return undefined;
}

function checkGoal(
  goal: Goal,
  env: TypeEnvironment,
  tasks: Task[],
  proven: Set<string>,
  active: Set<string>,
  remembered: ReadonlySet<string> | undefined,
): (Assignability & { ok: false }) | undefined {
  const { from: fromType, to: toType, path } = goal;
  if (fromType.kind === 'unknown' || toType.kind === 'unknown') return undefined;
  if (fromType.kind === 'invocation' && toType.kind === 'invocation' && fromType.function === toType.function && fromType.condition === toType.condition) {
    return undefined;
  }
  const key = pairKey(fromType, toType);
  if (key !== undefined) {
    if (proven.has(key) || active.has(key) || remembered?.has(key)) return undefined;
    active.add(key);
    // Popped after every goal pushed below: the pair then holds.
    tasks.push({ kind: 'settle', key });
  }
  if (fromType.kind === 'snsEnvelope' && toType.kind === 'snsEnvelope') {
    tasks.push({ kind: 'goal', from: fromType.message, to: toType.message, path: `${path}.Message` });
    return undefined;
  }
  const from = structureOf(fromType, env);
  const to = structureOf(toType, env);
  if (from.kind === 'unknown' || to.kind === 'unknown') return undefined;
  const mismatch = () => fail(path, `${quoteType(fromType)} is not ${quoteType(toType)}`);
  switch (to.kind) {
    case 'string':
      return from.kind === 'string' || from.kind === 'timestamp' || literalValues(from) !== undefined ? undefined : mismatch();
    case 'number':
      return from.kind === 'number' || from.kind === 'int' ? undefined : mismatch();
    case 'int':
    case 'boolean':
    case 'timestamp':
      return from.kind === to.kind ? undefined : mismatch();
    case 'literal':
      return literalValues(from)?.every((v) => v === to.value) ? undefined : mismatch();
    case 'union': {
      const values = literalValues(from);
      if (values === undefined) return mismatch();
      const allowed = new Set(literalValues(to) ?? []);
      const missing = values.filter((v) => !allowed.has(v));
      return missing.length === 0
        ? undefined
        : fail(path, `${listValues(missing)} ${missing.length === 1 ? 'is' : 'are'} not one of ${quoteType(toType)}`);
    }
    case 'array':
      if (from.kind !== 'array') return mismatch();
      tasks.push({ kind: 'goal', from: from.element, to: to.element, path: `${path}[]` });
      return undefined;
    case 'record': {
      if (from.kind !== 'record') return mismatch();
      const given = fieldsByName(from);
      // Pushed last field first, so the fields are checked in the order they are declared.
      for (let i = to.fields.length - 1; i >= 0; i--) {
        const wanted = to.fields[i] as FieldType;
        tasks.push({ kind: 'field', wanted, given: given.get(wanted.name), fromType, path: `${path}.${wanted.name}` });
      }
      return undefined;
    }
    default:
      return mismatch();
  }
}

/** Values for a message: the first few, then how many more. */
function listValues(values: readonly string[]): string {
  const shown = values.slice(0, 10).map((v) => JSON.stringify(v));
  return values.length > shown.length ? `${shown.join(', ')} and ${(values.length - shown.length).toLocaleString('en-US')} more` : shown.join(', ');
}

/**
 * The memo key of a pair in which at least one side is named (a declared type or an
 * invocation record); undefined for two anonymous types, which are compared as the tree they
 * are written as.
 */
function pairKey(from: PayloadType, to: PayloadType): string | undefined {
  const a = nameOf(from);
  const b = nameOf(to);
  if (a === undefined && b === undefined) return undefined;
  return `${a ?? identity(from)}\u0000${b ?? identity(to)}`;
}

function nameOf(type: PayloadType): string | undefined {
  if (type.kind === 'ref') return `type ${type.name}`;
  if (type.kind === 'invocation') return `${type.condition} ${type.function}`;
  return undefined;
}

const identities = new WeakMap<object, string>();
let nextIdentity = 0;

function identity(type: PayloadType): string {
  let id = identities.get(type);
  if (id === undefined) identities.set(type, (id = `#${nextIdentity++}`));
  return id;
}

const fieldIndexes = new WeakMap<RecordType, ReadonlyMap<string, FieldType>>();

/** A record's fields by name, built once per record: a lookup per wanted field, not a scan. */
function fieldsByName(record: RecordType): ReadonlyMap<string, FieldType> {
  let index = fieldIndexes.get(record);
  if (index === undefined) {
    const map = new Map<string, FieldType>();
    for (const field of record.fields) if (!map.has(field.name)) map.set(field.name, field);
    fieldIndexes.set(record, (index = map));
  }
  return index;
}

const unionValues = new WeakMap<UnionType, readonly string[] | null>();

/** The values of a literal or a union of literals; undefined for anything else. */
function literalValues(type: PayloadType): readonly string[] | undefined {
  if (type.kind === 'literal') return [type.value];
  if (type.kind !== 'union') return undefined;
  const cached = unionValues.get(type);
  if (cached !== undefined) return cached ?? undefined;
  const values: string[] = [];
  const pending: PayloadType[] = [...type.members].reverse();
  let allLiterals = true;
  for (let member = pending.pop(); member !== undefined; member = pending.pop()) {
    if (member.kind === 'literal') values.push(member.value);
    else if (member.kind === 'union') for (let i = member.members.length - 1; i >= 0; i--) pending.push(member.members[i] as PayloadType);
    else {
      allLiterals = false;
      break;
    }
  }
  unionValues.set(type, allLiterals ? values : null);
  return allLiterals ? values : undefined;
}

/** Two types that accept exactly the same values (each assignable to the other). */
export function sameType(a: PayloadType, b: PayloadType, env: TypeEnvironment): boolean {
  return isAssignable(a, b, env).ok && isAssignable(b, a, env).ok;
}

/** Renders a mismatch for a message: "`.items[].qty`: string is not int". */
export function describeMismatch(result: Assignability & { ok: false }): string {
  return result.path === '' ? result.reason : `\`${result.path}\`: ${result.reason}`;
}
