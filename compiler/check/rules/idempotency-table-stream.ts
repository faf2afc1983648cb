import { idempotencyTables } from '../idempotency-tables.js';
import type { Rule } from '../rule.js';

/**
 * FL5007 (warning): a table that holds idempotency records (`idempotency = t`) also triggers a
 * function through its stream (`t -> f`). Every write of the store is a stream record
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html), so `f` runs
 * for the store's bookkeeping, several times per message, on items that are records, not data.
 */
export const idempotencyTableStream: Rule = {
  code: 'FL5007',
  visit: {
    program(context) {
      for (const { table, users } of idempotencyTables(context)) {
        const owner = users[0];
        if (owner === undefined) continue;
        for (const edge of context.typed.edgesFrom(table.name)) {
          if (edge.kind !== 'table-trigger') continue;
          context.report(edge.span, `\`${table.name} -> ${edge.target.name}\` runs \`${edge.target.name}\` for the idempotency store's own writes: \`${owner.fn.name}\` keeps its records in \`${table.name}\``, {
            label: 'a stream of idempotency records',
            secondary: [{ span: owner.setting.value.span, message: `the records of \`${owner.fn.name}\` go to \`${table.name}\`` }],
            why: "DynamoDB Streams records every change to an item. The idempotency store writes each payload's record at least twice, claiming the key (IN_PROGRESS) and storing the result (COMPLETED) or releasing a failed run's key, and time to live deletes it later: each is a stream record, so the function runs two or three times per message of the idempotent function, on items holding a key, a status and a result rather than the app's data.",
            help: `keep the idempotency records in a table of their own (\`table seen: Seen { ttl = expires_at }\`, \`idempotency = seen\`), and trigger \`${edge.target.name}\` from the table that holds the app's data`,
          });
        }
      }
    },
  },
};
