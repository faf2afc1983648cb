import type { PayloadType } from '../../runtime/manifest/types.js';

/**
 * What the target of an untyped schedule receives. Scheduler's "default notification" (a target
 * without `Input`) is not documented, so flowc writes an input of the context attributes
 * Scheduler fills in (runtime/aws/limits.ts `scheduler.contextAttributes`,
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html):
 * `{ schedule, scheduledTime, executionId, attempt }`, all strings.
 */
export const scheduledEventType: PayloadType = {
  kind: 'record',
  fields: [
    { name: 'schedule', type: { kind: 'string' }, optional: false },
    { name: 'scheduledTime', type: { kind: 'string' }, optional: false },
    { name: 'executionId', type: { kind: 'string' }, optional: false },
    { name: 'attempt', type: { kind: 'string' }, optional: false },
  ],
};
