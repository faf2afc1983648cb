import { scheduler } from '../../runtime/aws/limits.js';
import type { KindSpec } from './kind.js';

/** `schedule nightly { cron = "0 3 * * ? *" }`: an EventBridge Scheduler schedule; its one arrow is its target. */
export const scheduleKind = {
  keyword: 'schedule',
  noun: 'schedule',
  manifestList: 'schedules',
  edges: { fn: 'schedule-target', queue: 'schedule-target', topic: 'schedule-target', bus: 'schedule-target' },
  edgeHelp: 'a schedule invokes a function, or sends to a queue, a topic or a bus (Scheduler\'s templated targets); to write to a stream or table on a schedule, let a scheduled function do it (`sends`)',
  cloudformation: { type: 'AWS::Scheduler::Schedule', nameLengthMax: scheduler.scheduleNameLengthMax, nameProperty: 'AWS::Scheduler::Schedule Name', holds: null },
  simulator: 'scheduler',
  describe: 'an EventBridge Scheduler schedule',
} as const satisfies KindSpec<'schedule'>;
