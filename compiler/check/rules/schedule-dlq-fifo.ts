import type { Rule } from '../rule.js';

/**
 * FL4067: a FIFO queue as a schedule's `dlq`. "EventBridge Scheduler does not support using a
 * FIFO queue as your schedule's DLQ" (https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html).
 */
export const scheduleDlqFifo: Rule = {
  code: 'FL4067',
  visit: {
    schedule(schedule, context) {
      const model = context.schedule(schedule);
      const setting = context.writtenOf(model, 'deadLetterQueue');
      const queue = model.deadLetterQueue === null ? undefined : context.program.declarations.get(model.deadLetterQueue);
      if (setting === undefined || queue?.kind !== 'queue' || !context.queue(queue).fifo) return;
      context.report(setting.value.span, `the dead-letter queue of \`${schedule.name}\` is a FIFO queue`, {
        label: 'Scheduler takes a standard queue here',
        secondary: [{ span: queue.decl.name.span, message: 'declared FIFO here' }],
        why: 'EventBridge Scheduler: "EventBridge Scheduler does not support using a FIFO queue as your schedule\'s DLQ"; it delivers dead-letter events to a standard queue only.',
        help: `use a standard queue: \`queue ${schedule.name}_dead\` and \`dlq = ${schedule.name}_dead\``,
      });
    },
  },
};
