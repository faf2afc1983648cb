import { dynamodbStreams } from '../../../runtime/aws/limits.js';
import type { Rule } from '../rule.js';

/**
 * FL4031 (warning): a Kinesis or DynamoDB stream trigger left at infinite retries and infinite
 * record age (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html): no `retries` (or `retries = -1`) and no
 * `max_age`. Lambda then retries a failing batch until its records leave the stream, and the
 * shard makes no progress meanwhile: one poison record blocks it for up to 24 hours (DynamoDB)
 * or the stream's retention (Kinesis). It deploys; it misbehaves.
 */
export const streamBlocksOnPoisonRecord: Rule = {
  code: 'FL4031',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'stream-trigger' && edge.kind !== 'table-trigger') return;
      const model = context.edge(edge);
      // -1, the AWS default of both: retry until the record expires.
      if (model.retryAttempts !== -1 || model.maximumAgeSeconds !== -1) return;
      const retriesSetting = context.writtenOf(model, 'retryAttempts');
      const table = edge.kind === 'table-trigger';
      const hours = table ? dynamodbStreams.retentionHours : context.stream(edge.source).retentionHours;
      const name = `\`${edge.source.name} -> ${edge.target.name}\``;
      const failed = `${edge.source.name}_failed`;
      const hasOnFailure = model.onFailure !== null;
      const edits = [
        'retries = 3',
        'max_age = 1h',
        ...(context.writtenOf(model, 'bisectBatchOnFunctionError') ? [] : ['bisect = true']),
        ...(hasOnFailure ? [] : [`on_failure = ${failed}`]),
      ];
      const declareQueue = hasOnFailure || context.program.declarations.has(failed) ? '' : ` (and declare \`queue ${failed}\` for the records of failed batches)`;
      context.report(retriesSetting?.value.span ?? edge.link.target.span, `a failing record blocks its shard of \`${edge.source.name}\` for up to ${formatHours(hours)}: ${name} retries it until it expires`, {
        label: retriesSetting ? 'retries without limit' : 'no `retries` and no `max_age`: AWS retries until the record expires',
        why: `With MaximumRetryAttempts and MaximumRecordAgeInSeconds at -1 (the AWS defaults), Lambda retries a failing batch until its records leave the stream, and processes nothing else of that shard meanwhile. A record that always fails (a poison record) holds back every later record of its shard for up to ${formatHours(hours)} (${table ? 'a DynamoDB stream keeps records 24 hours' : `the retention of \`${edge.source.name}\``}); records that expire from the stream meanwhile are never processed, and nothing tells you.`,
        help: `bound the retries and keep the failures: set \`${edits.join(', ')}\` on the edge${declareQueue}`,
      });
    },
  },
};

/** `24` → `24h`, `168` → `7d`. */
function formatHours(hours: number): string {
  return hours > 48 && hours % 24 === 0 ? `${hours / 24}d` : `${hours}h`;
}
