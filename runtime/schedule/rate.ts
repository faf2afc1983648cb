/**
 * Scheduler's rate expressions, `rate(value unit)` with unit `minute(s)`, `hour(s)` or `day(s)`
 * and a positive whole value: https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#rate-based.
 * flowc writes the largest unit that divides the period, so `every = 120m` is `rate(2 hours)`.
 */
export function rateExpression(periodMinutes: number): string {
  const [value, unit] = periodMinutes % 1440 === 0 ? [periodMinutes / 1440, 'day'] : periodMinutes % 60 === 0 ? [periodMinutes / 60, 'hour'] : [periodMinutes, 'minute'];
  return `rate(${value} ${unit}${value === 1 ? '' : 's'})`;
}
