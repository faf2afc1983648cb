import type { PayloadType } from '../manifest/types.js';

/**
 * Checks a JSON value against a manifest payload type, structurally (extra fields are allowed,
 * as in TypeScript). Returns the first mismatch as `path: expected …, got …`, or null. The
 * simulator checks what users inject with it, so a typo in events.json fails at load, not as a
 * handler error an hour into the run.
 */
export function checkPayload(value: unknown, type: PayloadType, types: Readonly<Record<string, PayloadType>>, path = '$'): string | null {
  switch (type.kind) {
    case 'unknown':
      return null;
    case 'string':
      return typeof value === 'string' ? null : mismatch(path, 'a string', value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : mismatch(path, 'a number', value);
    case 'int':
      return Number.isInteger(value) ? null : mismatch(path, 'an integer', value);
    case 'boolean':
      return typeof value === 'boolean' ? null : mismatch(path, 'true or false', value);
    case 'timestamp':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
        ? null
        : mismatch(path, 'an ISO-8601 timestamp', value);
    case 'literal':
      return value === type.value ? null : mismatch(path, JSON.stringify(type.value), value);
    case 'union': {
      for (const member of type.members) if (checkPayload(value, member, types, path) === null) return null;
      return mismatch(path, type.members.map(describe).join(' | '), value);
    }
    case 'array': {
      if (!Array.isArray(value)) return mismatch(path, 'an array', value);
      for (let i = 0; i < value.length; i++) {
        const problem = checkPayload(value[i], type.element, types, `${path}[${i}]`);
        if (problem !== null) return problem;
      }
      return null;
    }
    case 'record': {
      if (!isObject(value)) return mismatch(path, 'an object', value);
      for (const field of type.fields) {
        const fieldValue = value[field.name];
        if (fieldValue === undefined) {
          if (field.optional) continue;
          return `${path}.${field.name}: missing (required)`;
        }
        const problem = checkPayload(fieldValue, field.type, types, `${path}.${field.name}`);
        if (problem !== null) return problem;
      }
      return null;
    }
    case 'ref': {
      const target = types[type.name];
      return target === undefined ? null : checkPayload(value, target, types, path);
    }
    case 'invocation':
    case 'streamFailure':
    case 'snsEnvelope':
    case 'eventBridgeEvent':
      // AWS-made records: the simulator builds these itself; injected ones need only be objects.
      return isObject(value) ? null : mismatch(path, 'an object', value);
  }
}

/** The value at a field path (`["customer", "id"]`), or undefined. */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(type: PayloadType): string {
  return type.kind === 'literal' ? JSON.stringify(type.value) : type.kind;
}

function mismatch(path: string, expected: string, value: unknown): string {
  const got = value === undefined ? 'nothing' : JSON.stringify(value);
  return `${path}: expected ${expected}, got ${got !== undefined && got.length > 40 ? `${got.slice(0, 39)}…` : got}`;
}
