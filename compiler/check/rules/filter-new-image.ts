import type { Rule } from '../rule.js';

/**
 * FL4088: a `filter` on a table trigger whose table's stream carries no new image
 * (`stream = keys` or `stream = old`). flowc's DynamoDB filters match the item after the change,
 * `dynamodb.NewImage` (runtime/pattern/filters.ts); a record of such a stream has none
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html), so the filter
 * matches no record and Lambda skips them all
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html).
 */
export const filterNewImage: Rule = {
  code: 'FL4088',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'table-trigger' || context.typed.filterPattern(edge) === undefined) return;
      const filter = context.writtenOf(context.edge(edge), 'filter');
      const table = context.table(edge.source);
      const view = table.streamView;
      if (filter === undefined || (view !== 'keys' && view !== 'old')) return;
      const stream = context.writtenOf(table, 'streamView');
      context.report(filter.name.span, `the filter of \`${edge.source.name} -> ${edge.target.name}\` matches the new image, which the stream of \`${edge.source.name}\` does not carry`, {
        label: 'matches `NewImage`',
        ...(stream === undefined ? {} : { secondary: [{ span: stream.span, message: `\`stream = ${view}\`: records hold ${view === 'keys' ? 'only the keys' : 'only the old image'}` }] }),
        why: `flowc's DynamoDB filters match the item as it is after the change (\`dynamodb.NewImage\`); with StreamViewType ${view === 'keys' ? 'KEYS_ONLY' : 'OLD_IMAGE'} no record has one, so no record matches and Lambda skips every one of them.`,
        help: `carry the new image: \`stream = new_and_old\` (or \`stream = new\`) on \`${edge.source.name}\``,
        ...(stream === undefined ? {} : { suggestions: [{ title: 'carry both images', edits: [{ span: stream.value.span, replacement: 'new_and_old' }], applicability: 'machine-applicable' as const }] }),
      });
    },
  },
};
