import { existingOf } from '../existing-uses.js';
import type { Rule } from '../rule.js';

/**
 * FL4094: a function triggered by an existing table whose `arn` is the table's rather than its
 * stream's. The event source mapping reads the stream (EventSourceArn is the stream's ARN,
 * https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-eventsourcemapping.html), and
 * DynamoDB gives the stream a label (a timestamp) when it is enabled, so its ARN cannot be
 * derived from the table's: the flow gives it instead, `…:table/NAME/stream/LABEL`, and the
 * table's ARN is that without `/stream/LABEL`.
 */
export const existingTableStream: Rule = {
  code: 'FL4094',
  visit: {
    table(table, context) {
      const found = existingOf(table, context);
      if (found === null || found.existing.streamArn !== undefined) return;
      const triggers = context.typed.edgesFrom(table.name).filter((e) => e.kind === 'table-trigger');
      const first = triggers[0];
      if (first === undefined) return;
      context.report(found.setting.value.span, `\`${table.name}\` triggers \`${first.target.name}\`, and its \`arn\` is the table's, not its stream's`, {
        label: 'the ARN of the table',
        secondary: triggers.map((e) => ({ span: e.span, message: `\`${e.target.name}\` reads the table's stream` })),
        why: "A DynamoDB trigger is an event source mapping on the table's stream, named by the stream's ARN. DynamoDB puts a label (a timestamp) in it when the stream is enabled, so it cannot be spelled from the table's ARN.",
        help: `give the stream's ARN, \`${found.existing.arn}/stream/LABEL\` (the table's LatestStreamArn: \`aws dynamodb describe-table --table-name ${found.existing.name}\`)`,
      });
    },
  },
};
