import type { FieldOf, ModelItem } from '../elaborate/model.js';
import type { Code } from '../diagnostics/codes.js';
import { type RangeRegistration, type SettingsContext, settingSchema, type SettingSpec } from '../settings/schema.js';
import type { DurationUnit } from '../settings/units.js';
import type { CheckContext } from './context.js';

/**
 * Checks every field of a model item written on it against the schema's ranges registered under
 * `code` (those whose edge kinds include the item's, for an edge): the range rules are these
 * registrations. A value with the app's or the schema's default is not the item's to report.
 */
export function checkRegisteredRanges(context: CheckContext, item: ModelItem, where: SettingsContext, code: Code): void {
  const edgeKind = 'edge' in item ? item.edge.kind : undefined;
  for (const { name, spec, registration, why } of registrationsOf(where, code)) {
    if (edgeKind !== undefined && !(registration.edges ?? spec.edges ?? []).includes(edgeKind)) continue;
    const field = spec.field as FieldOf<typeof item>;
    const setting = context.writtenOf(item, field);
    const value = (item as unknown as Readonly<Record<string, unknown>>)[field];
    if (setting === undefined || typeof value !== 'number') continue;
    const { min, max } = registration.range;
    if ((value >= min && value <= max) || registration.also?.includes(value)) continue;
    const as = spec.unit ?? 'number';
    const shown = (n: number) => formatIn(n, as);
    const property = registration.property ?? spec.property?.split('.').pop() ?? name;
    const also = registration.also?.length ? ` (or ${registration.also.join(', ')})` : '';
    context.report(setting.value.span, `\`${name}\` must be between ${shown(min)} and ${shown(max)}${also}`, {
      label: `${property} ${value < min ? 'below' : 'above'} the AWS ${value < min ? 'minimum' : 'maximum'}`,
      why: why(value),
      help: `use a value from ${shown(min)} to ${shown(max)}`,
    });
  }
}

interface Registered {
  readonly name: string;
  readonly spec: SettingSpec;
  readonly registration: RangeRegistration;
  readonly why: (value: number) => string;
}

/** The registrations of one context under one code, in schema order: gathered once, not on every visit of every item. */
const registered = new Map<SettingsContext, Map<Code, readonly Registered[]>>();

function registrationsOf(where: SettingsContext, code: Code): readonly Registered[] {
  let ofContext = registered.get(where);
  if (ofContext === undefined) registered.set(where, (ofContext = new Map()));
  let found = ofContext.get(code);
  if (found === undefined) {
    const list: Registered[] = [];
    for (const [name, spec] of Object.entries(settingSchema[where])) {
      for (const registration of spec.ranges ?? []) {
        if (registration.code === code && registration.why !== undefined) list.push({ name, spec, registration, why: registration.why });
      }
    }
    found = list;
    ofContext.set(code, found);
  }
  return found;
}

/** `90` seconds → `90s`; `3600` → `1h`; numbers as they are. */
function formatIn(value: number, as: 'number' | DurationUnit): string {
  if (as === 'number') return value.toLocaleString('en-US');
  const seconds = as === 'hours' ? value * 3600 : as === 'minutes' ? value * 60 : value;
  return formatSeconds(seconds);
}

export function formatSeconds(seconds: number): string {
  if (seconds !== 0 && seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds !== 0 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds !== 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
