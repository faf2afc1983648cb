import type { Span } from '../source/span.js';
import type { Setting } from '../syntax/ast.js';
import type { FieldOf, ModelItem } from './model.js';

/**
 * Where a field's effective value came from: the setting that wrote it, the app's setting it
 * inherits (`memory` of the app for a function), the schema's default, or a value of the wrong
 * form that resolve already reported (*poisoned*: the field holds its default, and every rule
 * that reads it stays silent).
 */
export type FieldOrigin =
  | { readonly kind: 'written'; readonly setting: Setting }
  | { readonly kind: 'app'; readonly setting: Setting }
  | { readonly kind: 'default' }
  | { readonly kind: 'poisoned'; readonly setting: Setting };

const defaultOrigin: FieldOrigin = { kind: 'default' };

/**
 * Notes when a rule reads a poisoned field. The model hands out poisoned items behind a proxy
 * that raises `touched`; the rule runner clears it before each visit and drops the visit's
 * reports when it is raised, so a malformed value gets its one FL2010 and no follow-on error.
 */
export class PoisonWatch {
  touched = false;
}

/** The side table of the model: every (item, field) → its origin. `lower` drops it. */
export class Provenance {
  readonly #origins = new WeakMap<object, ReadonlyMap<string, FieldOrigin>>();

  /** Asking where a poisoned field came from is reading it, too. */
  constructor(private readonly poison: PoisonWatch) {}

  /** Used by elaborate: records an item's origins. */
  record(item: object, origins: ReadonlyMap<string, FieldOrigin>): void {
    this.#origins.set(item, origins);
  }

  originOf<T extends ModelItem>(item: T, field: FieldOf<T>): FieldOrigin {
    const origin = this.#origins.get(item)?.get(field) ?? defaultOrigin;
    if (origin.kind === 'poisoned') this.poison.touched = true;
    return origin;
  }

  /** The setting a field's value was written at (on the item, or inherited from the app), if any. */
  settingOf<T extends ModelItem>(item: T, field: FieldOf<T>): Setting | undefined {
    const origin = this.originOf(item, field);
    return origin.kind === 'written' || origin.kind === 'app' ? origin.setting : undefined;
  }

  /** The setting written on the item itself (not inherited), if any. */
  writtenOf<T extends ModelItem>(item: T, field: FieldOf<T>): Setting | undefined {
    const origin = this.originOf(item, field);
    return origin.kind === 'written' ? origin.setting : undefined;
  }

  /** The span of the setting a field came from, or `'default'`. */
  spanOf<T extends ModelItem>(item: T, field: FieldOf<T>): Span | 'default' {
    return this.settingOf(item, field)?.span ?? 'default';
  }

  /**
   * The setting as written, well-formed or poisoned, without raising the watch: for inference,
   * which types what it can of a malformed pattern and reports nothing, and for a rule that judges
   * only whether a setting is there (CheckContext.presentOn).
   */
  asWritten<T extends ModelItem>(item: T, field: FieldOf<T>): Setting | undefined {
    const origin = this.#origins.get(item)?.get(field);
    return origin?.kind === 'written' || origin?.kind === 'poisoned' ? origin.setting : undefined;
  }

  isPoisoned<T extends ModelItem>(item: T, field: FieldOf<T>): boolean {
    return this.originOf(item, field).kind === 'poisoned';
  }
}
