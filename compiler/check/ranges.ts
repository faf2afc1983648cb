import type { Range } from '../../runtime/aws/limits.js';
import type { DeclarationSymbol, Edge, SettingsMap } from '../resolve/program.js';
import type { DurationUnit } from '../settings/units.js';
import type { CheckContext } from './context.js';

export interface RangeCheck {
  /** The setting, e.g. `retries`. */
  readonly setting: string;
  readonly range: Range;
  /** How the value is read: a number, or a duration in this unit. */
  readonly as: 'number' | DurationUnit;
  /** The AWS property, for the message: `MaximumRetryAttempts`. */
  readonly property: string;
  /** What AWS does with an out-of-range value, quoted where AWS says it. */
  readonly why: string;
  /** Values outside the range that AWS accepts as special (-1 for "no limit"). */
  readonly also?: readonly number[];
}

/**
 * Reports a setting outside its AWS range, with the range in the user's units. Shared by the
 * range rules; each rule still reports only its own code.
 */
export function checkRange(context: CheckContext, owner: DeclarationSymbol | Edge | SettingsMap, check: RangeCheck): void {
  const setting = context.setting(owner, check.setting);
  if (!setting) return;
  const value = check.as === 'number' ? context.number(owner, check.setting) : context.duration(owner, check.setting, check.as);
  if (value === undefined) return;
  if ((value >= check.range.min && value <= check.range.max) || check.also?.includes(value)) return;
  const shown = (n: number) => formatIn(n, check.as);
  const also = check.also?.length ? ` (or ${check.also.join(', ')})` : '';
  context.report(setting.value.span, `\`${check.setting}\` must be between ${shown(check.range.min)} and ${shown(check.range.max)}${also}`, {
    label: `${check.property} ${value < check.range.min ? 'below' : 'above'} the AWS ${value < check.range.min ? 'minimum' : 'maximum'}`,
    why: check.why,
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
