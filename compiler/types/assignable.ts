import type { PayloadType } from '../../runtime/manifest/types.js';
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

/**
 * Whether a value of type `from` is always a valid value of type `to`, structurally: records
 * may carry extra fields, `int` is a `number`, a literal is a `string`, `unknown` matches
 * anything (so an unresolved name causes no follow-on error). Reports the path to the first
 * mismatch.
 */
export function isAssignable(from: PayloadType, to: PayloadType, env: TypeEnvironment): Assignability {
  return check(from, to, env, '', 0);
}

function fail(path: string, reason: string): Assignability {
  return { ok: false, path, reason };
}

function check(fromType: PayloadType, toType: PayloadType, env: TypeEnvironment, path: string, depth: number): Assignability {
  if (depth > 40) return OK;
  if (fromType.kind === 'unknown' || toType.kind === 'unknown') return OK;
  if (fromType.kind === 'snsEnvelope' && toType.kind === 'snsEnvelope') {
    return check(fromType.message, toType.message, env, `${path}.Message`, depth + 1);
  }
  if (fromType.kind === 'invocation' && toType.kind === 'invocation' && fromType.function === toType.function && fromType.condition === toType.condition) {
    return OK;
  }
  const from = structureOf(fromType, env);
  const to = structureOf(toType, env);
  if (from.kind === 'unknown' || to.kind === 'unknown') return OK;
  const mismatch = () => fail(path, `${quoteType(fromType)} is not ${quoteType(toType)}`);
  switch (to.kind) {
    case 'string':
      return from.kind === 'string' || from.kind === 'timestamp' || isLiterals(from) ? OK : mismatch();
    case 'number':
      return from.kind === 'number' || from.kind === 'int' ? OK : mismatch();
    case 'int':
    case 'boolean':
    case 'timestamp':
      return from.kind === to.kind ? OK : mismatch();
    case 'literal':
      return literalValues(from)?.every((v) => v === to.value) ? OK : mismatch();
    case 'union': {
      const allowed = literalValues(to) ?? [];
      const values = literalValues(from);
      if (values === undefined) return mismatch();
      const missing = values.filter((v) => !allowed.includes(v));
      return missing.length === 0 ? OK : fail(path, `${missing.map((v) => JSON.stringify(v)).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not one of ${quoteType(toType)}`);
    }
    case 'array':
      return from.kind === 'array' ? check(from.element, to.element, env, `${path}[]`, depth + 1) : mismatch();
    case 'record': {
      if (from.kind !== 'record') return mismatch();
      for (const wanted of to.fields) {
        const fieldPath = `${path}.${wanted.name}`;
        const given = from.fields.find((f) => f.name === wanted.name);
        if (given === undefined) {
          if (wanted.optional) continue;
          return fail(fieldPath, `the field is missing from ${quoteType(fromType)}`);
        }
        if (given.optional && !wanted.optional) return fail(fieldPath, 'the field is optional here but required there');
        const result = check(given.type, wanted.type, env, fieldPath, depth + 1);
        if (!result.ok) return result;
      }
      return OK;
    }
    default:
      return mismatch();
  }
}

function isLiterals(type: PayloadType): boolean {
  return literalValues(type) !== undefined;
}

/** The values of a literal or a union of literals; undefined for anything else. */
function literalValues(type: PayloadType): string[] | undefined {
  if (type.kind === 'literal') return [type.value];
  if (type.kind === 'union') {
    const values: string[] = [];
    for (const member of type.members) {
      const inner = literalValues(member);
      if (inner === undefined) return undefined;
      values.push(...inner);
    }
    return values;
  }
  return undefined;
}

/** Two types that accept exactly the same values (each assignable to the other). */
export function sameType(a: PayloadType, b: PayloadType, env: TypeEnvironment): boolean {
  return isAssignable(a, b, env).ok && isAssignable(b, a, env).ok;
}

/** Renders a mismatch for a message: "`.items[].qty`: string is not int". */
export function describeMismatch(result: Assignability & { ok: false }): string {
  return result.path === '' ? result.reason : `\`${result.path}\`: ${result.reason}`;
}
