import type { SettingsContext } from './schema.js';

/**
 * The unit of the AWS property each duration setting feeds. A duration that does not divide
 * evenly into it is refused (FL4003) instead of being rounded behind the user's back.
 */
export type DurationUnit = 'seconds' | 'hours';

export const durationUnits: Readonly<Partial<Record<SettingsContext, Readonly<Record<string, DurationUnit>>>>> = {
  app: { timeout: 'seconds' },
  fn: { timeout: 'seconds', max_age: 'seconds' },
  queue: { visibility: 'seconds', retention: 'seconds', delay: 'seconds', wait: 'seconds' },
  stream: { retention: 'hours' },
  edge: { window: 'seconds', max_age: 'seconds' },
};

export const millisecondsPer: Record<DurationUnit, number> = { seconds: 1000, hours: 3_600_000 };
