import type { FlowManifest, FunctionSpec } from '../../runtime/manifest/schema.js';
import { buildModel } from '../emit/typescript/model.js';
import { methodOf } from '../emit/typescript/stubs.js';

/** What the generated module exports for one function, as a handler refers to it. */
export interface GeneratedNames {
  readonly fn: FunctionSpec;
  /** The value with the function's helpers (`charge.onMessage(…)`). */
  readonly value: string;
  /** The handler type alias (`ChargeHandler`). */
  readonly handlerType: string;
  /** The helper a stub calls: the one of its trigger kind, or `route` for several. */
  readonly helper: string;
}

/**
 * The names the generated module gives each function, from the emitter's own model, so the
 * analysis never disagrees with what `flowc build` writes (names may carry a `_` suffix when
 * a flow name is a reserved word or meets a declared type).
 */
export function generatedNames(manifest: FlowManifest): Map<string, GeneratedNames> {
  const names = new Map<string, GeneratedNames>();
  for (const fn of buildModel(manifest).functions) {
    const [only] = fn.envelopes;
    const helper = fn.envelopes.length === 1 && only !== undefined ? methodOf[only.kind] : 'route';
    names.set(fn.spec.name, { fn: fn.spec, value: fn.value, handlerType: fn.types.Handler, helper });
  }
  return names;
}

/** The helpers of a function's value that return its handler: one per trigger kind, and `route`. */
export const HANDLER_HELPERS: ReadonlySet<string> = new Set([...Object.values(methodOf), 'route']);
