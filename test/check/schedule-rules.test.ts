// The message branches of the schedule rules beyond their fixtures (test/fixtures/*/FL406x-*):
// each on the smallest flow that reaches it, through the unit harness.
import { describe, test } from 'vitest';
import { destinationNeverFires } from '../../compiler/check/rules/destination-never-fires.js';
import { edgeSettingNotApplicable } from '../../compiler/check/rules/edge-setting-not-applicable.js';
import { scheduleCron } from '../../compiler/check/rules/schedule-cron.js';
import { scheduleFifoTarget } from '../../compiler/check/rules/schedule-fifo-target.js';
import { scheduleInputType } from '../../compiler/check/rules/schedule-input-type.js';
import { scheduleRate } from '../../compiler/check/rules/schedule-rate.js';
import { scheduleTimezone } from '../../compiler/check/rules/schedule-timezone.js';
import { unusedDeclaration } from '../../compiler/check/rules/unused-declaration.js';
import { expectDiagnostics } from '../helpers/expect-diagnostics.js';

const flow = (schedule: string, more = '') => `app clock\ntype Tick = { source: string, count?: int, tags?: string[] }\nfn report\nfn beat(Tick)\n${schedule}\n${more}`;

describe('FL4060: rates', () => {
  test('90s is not whole minutes: the two neighbours are offered', () => {
    expectDiagnostics(scheduleRate, flow('schedule s { every = 90s }', 's -> report\n'), [
      { at: '5:22', message: '`every = 90s` is not a whole number of minutes', help: 'write `every = 1m` or `every = 2m`' },
    ]);
  });
  test('whole hours and days are rates', () => {
    expectDiagnostics(scheduleRate, flow('schedule s { every = 2h }', 's -> report\nschedule t { every = 1d }\nt -> report\n'), []);
  });
});

describe('FL4061: cron expressions', () => {
  test('a Unix cron of five fields gets the six-field form', () => {
    expectDiagnostics(scheduleCron, flow('schedule s { cron = "0 3 * * *" }', 's -> report\n'), [
      { at: '5:21', message: 'invalid cron expression: a Scheduler cron expression has six fields, this one has 5', help: "Scheduler's cron has a year field, and `?` in one of the day fields: `cron = \"0 3 * * ? *\"`" },
    ]);
  });
  test('`cron(…)` around the fields is taken off', () => {
    expectDiagnostics(scheduleCron, flow('schedule s { cron = "cron(0 3 * * ? *)" }', 's -> report\n'), [
      { at: '5:21', message: '`cron` is the six fields, without `cron(…)` around them', help: 'write `cron = "0 3 * * ? *"`' },
    ]);
  });
  test('a value out of its field\'s range points at the field', () => {
    expectDiagnostics(scheduleCron, flow('schedule s { cron = "0 25 * * ? *" }', 's -> report\n'), [{ at: '5:24', message: 'invalid cron expression: `25` is not a value of hours' }]);
  });
});

describe('FL4062: time zones', () => {
  test('the right name in other letters is the suggestion', () => {
    expectDiagnostics(scheduleTimezone, flow('schedule s { cron = "0 3 * * ? *", timezone = "america/new york" }', 's -> report\n'), [
      { at: '5:47', message: '`america/new york` is not an IANA time zone', help: 'did you mean `"America/New_York"`?' },
    ]);
  });
});

describe('FL4063: the input against the type', () => {
  test('a missing field, a field the type does not have, and a list of the wrong elements', () => {
    expectDiagnostics(scheduleInputType, flow('schedule s: Tick { every = 5m, input = { count = 1, colour = "red", tags = [1] } }', 's -> beat\n'), [
      { at: '5:53', message: 'the `input` of `s` has the field `colour`, which its type does not declare' },
      { at: '5:77', message: 'the `input` of `s` has the number 1 at `tags[0]` where its type has `string`' },
      { at: '5:40', message: 'the `input` of `s` lacks the field `source`' },
    ]);
  });
  test('a typed schedule without input sends `{}`', () => {
    expectDiagnostics(scheduleInputType, flow('schedule s: Tick { every = 5m }', 's -> beat\n'), [{ at: '5:10', message: '`s` sends `{}`, which lacks the field `source` of its type' }]);
  });
  test('an input needs a type', () => {
    expectDiagnostics(scheduleInputType, flow('schedule s { every = 5m, input = { source = "x" } }', 's -> report\n'), [{ at: '5:26', message: '`input` on `s`, which has no type' }]);
  });
});

describe('FL4068: FIFO topics', () => {
  test('Scheduler publishes without a message group', () => {
    expectDiagnostics(scheduleFifoTarget, flow('schedule s { every = 5m }', 'topic t { fifo = true, dedupe = content }\ns -> t\nt -> report\n'), [{ at: '7:1', message: '`s` publishes to the FIFO topic `t`' }]);
  });
});

describe('other rules and schedules', () => {
  test('FL5001: a function a schedule invokes is invoked asynchronously, so its destinations fire', () => {
    expectDiagnostics(destinationNeverFires, flow('schedule s { every = 5m }', 'queue failed\ns -> report\nreport.failure -> failed\n'), []);
  });
  test('FL4006: retries on the edge belong to the schedule', () => {
    expectDiagnostics(edgeSettingNotApplicable, flow('schedule s { every = 5m }', 's -> report { retries = 3 }\n'), [
      { at: '6:15', message: '`retries` does not apply to a schedule target', help: 'move it to the schedule: `schedule s { retries = … }`' },
    ]);
  });
  test('FL5003: a schedule without a target runs nothing', () => {
    expectDiagnostics(unusedDeclaration, 'app clock\nschedule s { every = 5m }\n', [{ at: '2:10', message: 'schedule `s` has no target', help: 'give it its target: `s -> f` (a function, queue, topic or bus), or remove it' }]);
  });
});
