import { cronFields, parseCron } from '../../../runtime/schedule/cron.js';
import { span } from '../../source/span.js';
import type { Suggestion } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

/**
 * FL4061: a `cron` that is not one of EventBridge Scheduler's six-field cron expressions
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based):
 * `minutes hours day-of-month month day-of-week year`, `?` in exactly one of the two day
 * fields, values in each field's range, `L`, `W` and `#` where they belong. CreateSchedule
 * refuses it ("Invalid Schedule Expression"), so CloudFormation fails the stack.
 */
export const scheduleCron: Rule = {
  code: 'FL4061',
  visit: {
    schedule(schedule, context) {
      const model = context.schedule(schedule);
      const setting = context.writtenOf(model, 'cron');
      if (model.cron === null || setting === undefined || setting.value.kind !== 'StringValue') return;
      const value = setting.value;
      const why = 'EventBridge Scheduler takes six cron fields (minutes, hours, day-of-month, month, day-of-week, year) and refuses any other expression: CreateSchedule fails with "Invalid Schedule Expression", and so does the stack.';
      const wrapped = /^\s*cron\((.*)\)\s*$/.exec(model.cron);
      if (wrapped) {
        const inner = wrapped[1]!.trim();
        context.report(value.span, '`cron` is the six fields, without `cron(…)` around them', {
          label: 'flowc writes the `cron(…)`',
          why,
          help: `write \`cron = "${inner}"\``,
          suggestions: [{ title: `write \`cron = "${inner}"\``, edits: [{ span: value.span, replacement: JSON.stringify(inner) }], applicability: 'machine-applicable' }],
        });
        return;
      }
      const result = parseCron(model.cron);
      if (result.ok) return;
      const { field, message, help } = result.problem;
      const fields = model.cron.trim().split(/\s+/);
      const suggestions: Suggestion[] = [];
      let fix = help;
      if (fields.length === 5) {
        // A Unix cron: add the year, and `?` for day-of-week when both day fields are given.
        const six = [...fields, '*'];
        if (six[2] !== '?' && six[4] !== '?') six[six[4] === '*' ? 4 : 2] = '?';
        const text = six.join(' ');
        fix = `Scheduler's cron has a year field, and \`?\` in one of the day fields: \`cron = "${text}"\``;
        suggestions.push({ title: `write \`cron = "${text}"\``, edits: [{ span: value.span, replacement: JSON.stringify(text) }], applicability: 'maybe-incorrect' });
      }
      context.report(fieldSpan(value, field) ?? value.span, `invalid cron expression: ${message}`, {
        label: field === undefined ? 'not a Scheduler cron expression' : `the ${cronFields[field]!.name} field`,
        why,
        help: fix,
        suggestions,
      });
    },
  },
};

/** The span of one field inside the string literal, when the literal has no escapes (its text is its value). */
function fieldSpan(value: { readonly span: { readonly start: number; readonly end: number }; readonly value: string }, field: number | undefined) {
  if (field === undefined || value.span.end - value.span.start !== value.value.length + 2) return undefined;
  const matches = [...value.value.matchAll(/\S+/g)];
  const match = matches[field];
  if (match === undefined) return undefined;
  const start = value.span.start + 1 + match.index;
  return span(start, start + match[0].length);
}
