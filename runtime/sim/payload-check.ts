import { issueText, payloadSchema, type PayloadSchema, type PayloadTypes } from '../handler/schema.js';
import type { PayloadType } from '../manifest/types.js';

/** The schemas of the types checked so far, compiled once: a manifest's types live as long as its runs. */
const compiled = new WeakMap<PayloadType, { readonly types: PayloadTypes; readonly schema: PayloadSchema<unknown> }>();

/**
 * Checks a JSON value against a manifest payload type, with the validator the generated
 * decoders use (runtime/handler/schema.ts), so the simulator and the deployed code agree on
 * what a payload may be. Returns the first problem as `path: expected …, got …`, or null. The
 * simulator checks what users inject with it, so a typo in events.json fails at load, not as a
 * handler error an hour into the run.
 */
export function checkPayload(value: unknown, type: PayloadType, types: PayloadTypes): string | null {
  let entry = compiled.get(type);
  if (entry === undefined || entry.types !== types) {
    entry = { types, schema: payloadSchema(type, types) };
    compiled.set(type, entry);
  }
  const [first] = entry.schema.check(value);
  return first === undefined ? null : issueText(first);
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
