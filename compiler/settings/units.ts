/**
 * The unit of the AWS property each duration setting feeds (the schema's `unit`). A duration
 * that does not divide evenly into it is refused (FL4003) instead of being rounded behind the
 * user's back.
 */
export type DurationUnit = 'seconds' | 'minutes' | 'hours';

export const millisecondsPer: Record<DurationUnit, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000 };
