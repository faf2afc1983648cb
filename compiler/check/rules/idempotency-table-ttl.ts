import type { Rule } from '../rule.js';

/**
 * FL4046: a function keeps its idempotency records in a table without `ttl`. Every delivery
 * leaves one record behind; the store treats an expired record as absent, so the results stay
 * right, but without a TimeToLiveSpecification DynamoDB never deletes them and the table grows
 * by one item per message, for ever. AWS's and Powertools' idempotency guidance both enable TTL
 * on the table (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html).
 */
export const idempotencyTableTtl: Rule = {
  code: 'FL4046',
  visit: {
    fn(fn, context) {
      const item = context.fn(fn);
      const setting = context.writtenOf(item, 'idempotencyTable');
      const table = context.named(item.idempotencyTable);
      if (setting === undefined || table?.kind !== 'table' || context.isDamaged(table.name)) return;
      if (context.table(table).ttlAttribute !== null) return;
      const decl = table.decl.kind === 'ResourceDecl' ? table.decl : undefined;
      const typeName = decl?.type?.kind === 'NamedType' ? decl.type.name.text : undefined;
      context.report(setting.value.span, `\`${fn.name}\` keeps its idempotency records in \`${table.name}\`, which has no \`ttl\`: they are never deleted`, {
        label: 'a table without `ttl`',
        secondary: [{ span: table.decl.name.span, message: `\`${table.name}\` declares no \`ttl = …\`` }],
        why: 'Each payload the function runs once leaves a record (its key, status, expiry and result). The idempotency store ignores a record once its expiry has passed, but only DynamoDB\'s time to live (TimeToLiveSpecification) deletes it: without one, the table grows by an item per message for as long as the app runs.',
        help: `add a number field for the expiry to the item type${typeName ? ` (\`expires_at: int\` in \`${typeName}\`)` : ''} and name it on the table: \`ttl = expires_at\``,
      });
    },
  },
};
