import { idempotencyRecordAttributes } from '../../../runtime/manifest/idempotency.js';
import type { Span } from '../../source/span.js';
import { structureOf } from '../../types/structure.js';
import type { CheckContext } from '../context.js';
import { idempotencyTables, type IdempotencyTable, writtenItemFields } from '../idempotency-tables.js';
import type { Rule } from '../rule.js';

const WHY = `Besides the table's key and its \`ttl\` attribute, every record of flowc's idempotency store carries ${idempotencyRecordAttributes.map((a) => `\`${a}\``).join(', ')}: the run's state (IN_PROGRESS or COMPLETED), until when a run holds the key (Unix milliseconds), the run's result as JSON, and a hash of the payload. A field of the item type with one of those names is overwritten with the store's value whatever type it declares, so the type no longer describes the items; as the table's key or \`ttl\`, the store cannot keep both and refuses to start, failing every message.`;

/**
 * FL3019: the item type of an idempotency table (`idempotency = t`) declares a field named like
 * an attribute the store writes itself (runtime/manifest/idempotency.ts). Reported once per
 * field, at the field, even when several tables share the type.
 */
export const idempotencyReservedField: Rule = {
  code: 'FL3019',
  visit: {
    program(context) {
      const reported = new Set<string>();
      for (const entry of idempotencyTables(context)) check(entry, context, reported);
    },
  },
};

const reserved: ReadonlySet<string> = new Set(idempotencyRecordAttributes);

function check({ table, users }: IdempotencyTable, context: CheckContext, reported: Set<string>): void {
  const structure = structureOf(context.typed.typeOf(table.name), context.typed);
  if (structure.kind !== 'record') return;
  const written = writtenItemFields(table, context);
  const decl = table.decl.kind === 'ResourceDecl' ? table.decl : undefined;
  const typeName = decl?.type?.kind === 'NamedType' ? `\`${decl.type.name.text}\`` : `the item type of \`${table.name}\``;
  const owner = users[0];
  if (owner === undefined) return;
  for (const field of structure.fields) {
    if (!reserved.has(field.name)) continue;
    const span: Span = written.find((f) => f.name.text === field.name)?.name.span ?? table.decl.name.span;
    // One report per field as written: tables sharing a type share its fields.
    const id = `${span.start} ${field.name}`;
    if (reported.has(id)) continue;
    reported.add(id);
    const model = context.table(table);
    // An existing table's `ttl` is its owner's (FL4091), unknown here: reading it would silence the whole visit.
    const named = { key: model.partitionKey, sort: model.sortKey, ttl: model.existing === null ? model.ttlAttribute : null } as const;
    const role = (['key', 'sort', 'ttl'] as const).find((r) => named[r]?.join('.') === field.name);
    const consequence = role === undefined ? ': the store overwrites it with its own value' : `, and \`${table.name}\` names it in \`${role}\`: the store refuses to start`;
    context.report(span, `${typeName}, the item type of idempotency table \`${table.name}\`, declares \`${field.name}\`, an attribute the store writes itself${consequence}`, {
      label: 'written by the idempotency store',
      secondary: [{ span: owner.setting.value.span, message: `\`${owner.fn.name}\` keeps its idempotency records in \`${table.name}\`` }],
      why: WHY,
      help:
        role === undefined
          ? `rename \`${field.name}\` or leave it out of ${typeName}: the records need only the key and the expiry`
          : role === 'ttl'
            ? `name the expiry \`expires_at: int\` (Unix seconds) in ${typeName}, and \`ttl = expires_at\``
            : `name the ${role === 'key' ? 'key `id' : 'sort key `sk'}: string\` in ${typeName}, and \`${role} = ${role === 'key' ? 'id' : 'sk'}\``,
    });
  }
}
