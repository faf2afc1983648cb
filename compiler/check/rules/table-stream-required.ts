import type { Rule } from '../rule.js';

/**
 * FL4027: a table that triggers a function without `stream = …` (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html). The
 * event source mapping reads the table's stream (EventSourceArn is the table's StreamArn);
 * without a StreamSpecification the table has no stream and the mapping cannot be created.
 * CDK refuses the same program at synth time.
 */
export const tableStreamRequired: Rule = {
  code: 'FL4027',
  visit: {
    table(table, context) {
      const item = context.table(table);
      if (item.streamView !== null) return;
      // An existing table named without its stream is FL4094's; with it, `stream` says what its records carry.
      if (item.existing !== null && item.existing.streamArn === undefined) return;
      const triggers = context.typed.edgesFrom(table.name).filter((e) => e.kind === 'table-trigger');
      if (triggers.length === 0) return;
      const first = triggers[0];
      if (item.existing !== null) {
        context.report(table.decl.name.span, `\`${table.name}\` triggers ${triggers.length === 1 && first ? `\`${first.target.name}\`` : 'functions'} but does not say what its stream carries`, {
          label: 'no `stream` setting',
          secondary: triggers.map((e) => ({ span: e.span, message: `\`${e.target.name}\` reads the stream of \`${table.name}\`` })),
          why: 'The records a DynamoDB stream carries depend on its view type (StreamViewType), which the owner of the existing table chose; the types of the records the function receives, and the simulator, follow from it.',
          help: `add the view type of the stream of \`${table.name}\`: \`stream = new_and_old\`, \`new\`, \`old\` or \`keys\` (\`aws dynamodb describe-table\` shows it as StreamViewType)`,
        });
        return;
      }
      context.report(table.decl.name.span, `\`${table.name}\` triggers ${triggers.length === 1 && first ? `\`${first.target.name}\`` : 'functions'} but has no stream`, {
        label: 'no `stream` setting',
        secondary: triggers.map((e) => ({ span: e.span, message: `\`${e.target.name}\` reads the stream of \`${table.name}\`` })),
        why: 'A DynamoDB trigger is an event source mapping on the table\'s stream (EventSourceArn = the table\'s StreamArn). Without a StreamSpecification the table has no stream, so there is nothing to map and the deploy fails; CDK refuses it too ("DynamoDB Streams must be enabled on the table").',
        help: `add \`stream = new_and_old\` to \`${table.name}\` (each record carries the item before and after the change; \`new\`, \`old\` and \`keys\` carry less)`,
      });
    },
  },
};
