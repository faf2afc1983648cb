import type { Edge, SettingsMap } from '../../resolve/program.js';
import { type SettingsContext, settingSchema } from '../../settings/schema.js';
import { type DurationUnit, millisecondsPer } from '../../settings/units.js';
import type { CheckContext } from '../context.js';
import { formatSeconds } from '../ranges.js';
import type { Rule } from '../rule.js';

const unitNoun: Record<DurationUnit, string> = { seconds: 'seconds', minutes: 'minutes', hours: 'hours' };

/**
 * FL4003: a duration that does not divide evenly into the unit of the AWS property it feeds
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html: every duration property is whole seconds, Kinesis
 * retention whole hours). `timeout = 1500ms` would have to be rounded to 1s or 2s; flowc
 * refuses to guess. Elaborate makes such a value a poisoned field, which every other rule that
 * reads it stays silent about, so each is reported only here.
 */
export const durationUnit: Rule = {
  code: 'FL4003',
  visit: {
    fn: (fn, context) => checkBlock(context, 'fn', fn.settings),
    queue: (queue, context) => checkBlock(context, 'queue', queue.settings),
    topic: (topic, context) => checkBlock(context, 'topic', topic.settings),
    bus: (bus, context) => checkBlock(context, 'bus', bus.settings),
    stream: (stream, context) => checkBlock(context, 'stream', stream.settings),
    table: (table, context) => checkBlock(context, 'table', table.settings),
    schedule: (schedule, context) => checkBlock(context, 'schedule', schedule.settings),
    edge: (edge, context) => checkBlock(context, 'edge', edge.settings, edge),
    program: (context) => checkBlock(context, 'app', context.program.appSettings),
  },
};

function checkBlock(context: CheckContext, where: SettingsContext, settings: SettingsMap, edge?: Edge): void {
  for (const [name, setting] of settings) {
    const spec = settingSchema[where][name];
    const unit = spec?.unit;
    const value = setting.value;
    if (spec === undefined || unit === undefined || value.kind !== 'DurationValue') continue;
    const per = millisecondsPer[unit];
    if (value.milliseconds % per === 0) continue;
    // The property of this edge kind's range when it has its own (a rule target's RetryPolicy).
    const ranged = spec.ranges?.find((r) => edge !== undefined && r.edges?.includes(edge.kind) && r.property !== undefined)?.property;
    const property = ranged ?? spec.property?.split('.').pop() ?? name;
    const below = Math.floor(value.milliseconds / per);
    const above = below + 1;
    const toText = (n: number) => formatSeconds(n * (millisecondsPer[unit] / 1000));
    const choices = (below > 0 ? [below, above] : [above]).map((n) => `\`${name} = ${toText(n)}\``);
    context.report(value.span, `\`${name} = ${value.raw}\` is not a whole number of ${unitNoun[unit]}`, {
      label: `${property} takes whole ${unitNoun[unit]}`,
      why: `AWS takes ${property} as a whole number of ${unitNoun[unit]}. flowc does not round a duration behind your back: ${value.raw} would have to become ${below > 0 ? `${toText(below)} or ${toText(above)}, and either` : `${toText(above)}, which`} may not be what you meant.`,
      help: `write ${choices.join(' or ')}`,
    });
  }
}
