import type { Range } from '../../runtime/aws/limits.js';
import type { DeclarationSymbol, Edge, SettingsMap } from '../resolve/program.js';
import type { Code } from '../diagnostics/codes.js';
import { type SettingsContext, settingSchema } from '../settings/schema.js';
import type { DurationUnit } from '../settings/units.js';
import type { CheckContext } from './context.js';

/**
 * Checks every setting of `owner` against the schema's ranges registered under `code` (those
 * whose edge kinds include `owner`'s, for an edge): the range rules are these registrations.
 */
export function checkRegisteredRanges(context: CheckContext, owner: DeclarationSymbol | Edge | SettingsMap, where: SettingsContext, code: Code): void {
  const edgeKind = !(owner instanceof Map) && 'link' in owner ? owner.kind : undefined;
  for (const [setting, spec] of Object.entries(settingSchema[where])) {
    for (const registration of spec.ranges ?? []) {
      if (registration.code !== code || registration.why === undefined) continue;
      if (edgeKind !== undefined && !(registration.edges ?? spec.edges ?? []).includes(edgeKind)) continue;
      const as = spec.unit ?? 'number';
      const why = registration.why;
      checkRange(context, owner, {
        setting,
        range: registration.range,
        as,
        property: registration.property ?? spec.property?.split('.').pop() ?? setting,
        why: (value) => why(value),
        ...(registration.also ? { also: registration.also } : {}),
      });
    }
  }
}

interface RangeCheck {
  /** The setting, e.g. `retries`. */
  readonly setting: string;
  readonly range: Range;
  /** How the value is read: a number, or a duration in this unit. */
  readonly as: 'number' | DurationUnit;
  /** The AWS property, for the message: `MaximumRetryAttempts`. */
  readonly property: string;
  /** What AWS does with an out-of-range value, quoted where AWS says it. */
  readonly why: (value: number) => string;
  /** Values outside the range that AWS accepts as special (-1 for "no limit"). */
  readonly also?: readonly number[];
}

/**
 * Reports a setting outside its AWS range, with the range in the user's units. Shared by the
 * range rules; each rule still reports only its own code.
 */
function checkRange(context: CheckContext, owner: DeclarationSymbol | Edge | SettingsMap, check: RangeCheck): void {
  const setting = context.setting(owner, check.setting);
  if (!setting) return;
  const value = check.as === 'number' ? context.number(owner, check.setting) : context.duration(owner, check.setting, check.as);
  if (value === undefined) return;
  if ((value >= check.range.min && value <= check.range.max) || check.also?.includes(value)) return;
  const shown = (n: number) => formatIn(n, check.as);
  const also = check.also?.length ? ` (or ${check.also.join(', ')})` : '';
  context.report(setting.value.span, `\`${check.setting}\` must be between ${shown(check.range.min)} and ${shown(check.range.max)}${also}`, {
    label: `${check.property} ${value < check.range.min ? 'below' : 'above'} the AWS ${value < check.range.min ? 'minimum' : 'maximum'}`,
    why: check.why(value),
    help: `use a value from ${shown(check.range.min)} to ${shown(check.range.max)}`,
  });
}

/** `90` seconds → `90s`; `3600` → `1h`; numbers as they are. */
export function formatIn(value: number, as: 'number' | DurationUnit): string {
  if (as === 'number') return value.toLocaleString('en-US');
  const seconds = as === 'hours' ? value * 3600 : value;
  return formatSeconds(seconds);
}

export function formatSeconds(seconds: number): string {
  if (seconds !== 0 && seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds !== 0 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds !== 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
