import { kinesis } from '../../../runtime/aws/limits.js';
import { checkRegisteredRanges } from '../ranges.js';
import type { Rule } from '../rule.js';

/**
 * FL4028: Kinesis stream attributes outside what AWS takes (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html):
 * RetentionPeriodHours 24–8,760 (the CloudFormation schema says 1, the Kinesis API refuses
 * under 24), ShardCount ≥ 1 (schema maximum 100,000), and a ShardCount on an on-demand
 * stream (ShardCount is for provisioned mode).
 */
export const streamAttributeRange: Rule = {
  code: 'FL4028',
  visit: {
    stream(stream, context) {
      const item = context.stream(stream);
      const retention = context.writtenOf(item, 'retentionHours');
      const hours = item.retentionHours;
      if (retention && (hours < kinesis.retentionHours.min || hours > kinesis.retentionHours.max)) {
        const below = hours < kinesis.retentionHours.min;
        context.report(retention.value.span, `\`retention\` must be between ${formatHours(kinesis.retentionHours.min)} and ${formatHours(kinesis.retentionHours.max)} (8,760 hours)`, {
          label: `RetentionPeriodHours ${below ? 'below the AWS minimum' : 'above the AWS maximum'}`,
          why: `A Kinesis stream keeps records for 24 to 8,760 hours (RetentionPeriodHours; 24 is the default). The Kinesis API refuses ${below ? 'a shorter' : 'a longer'} retention, so the stack fails to create or update the stream.`,
          help: below ? `use \`retention = 24h\` (the minimum), or leave it out for the default of 24 hours` : 'use at most `retention = 365d`',
        });
      }
      checkRegisteredRanges(context, item, 'stream', 'FL4028');
      const shards = context.writtenOf(item, 'shardCount');
      const mode = context.writtenOf(item, 'capacityMode');
      if (shards && mode && item.capacityMode === 'on_demand') {
        context.report(shards.span, '`shards` applies only to a provisioned stream, and this one is on-demand', {
          label: 'ShardCount is for PROVISIONED mode',
          secondary: [{ span: mode.span, message: `\`${stream.name}\` is on-demand` }],
          why: 'In ON_DEMAND mode Kinesis adds and removes shards by itself as the traffic changes; ShardCount is the fixed shard count of PROVISIONED mode. flowc will not drop the setting silently.',
          help: 'remove `shards`, or remove `mode = on_demand` to keep a fixed number of shards',
        });
      }
    },
  },
};

/** `24` → `24h`, `8760` → `365d`. */
function formatHours(hours: number): string {
  return hours > 48 && hours % 24 === 0 ? `${hours / 24}d` : `${hours}h`;
}
