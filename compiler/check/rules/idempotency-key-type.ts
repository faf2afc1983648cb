import { structureOf } from '../../types/structure.js';
import { printType } from '../../types/print.js';
import type { CheckContext } from '../context.js';
import { idempotencyTables, type IdempotencyTable, isStoreAttributeOf } from '../idempotency-tables.js';
import { keyKind, lookupField } from '../key-fields.js';
import type { Label } from '../../diagnostics/diagnostic.js';
import type { Rule } from '../rule.js';

const WHY =
  "flowc's idempotency store writes each record under a string key, `<app>.<function>#<hash>` (in a table with a sort key: the partition `idempotency#<app>.<function>` and the key in the sort key). DynamoDB refuses a key attribute whose type is not the one the table declares (ValidationException, \"Type mismatch for key\": https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html), so every delivery would fail before its work runs.";

/**
 * FL3018: a function keeps its idempotency records (`idempotency = t`) in a table whose
 * partition or sort key is a number. The store's keys are strings, so every claim would be
 * refused by DynamoDB at run time. Reported once per table, at the first function naming it.
 */
export const idempotencyKeyType: Rule = {
  code: 'FL3018',
  visit: {
    program(context) {
      for (const entry of idempotencyTables(context)) check(entry, context);
    },
  },
};

function check({ table, users }: IdempotencyTable, context: CheckContext): void {
  const itemType = context.typed.typeOf(table.name);
  if (itemType.kind === 'unknown') return;
  const numeric: Label[] = [];
  const roles: { role: 'key' | 'sort'; field: string }[] = [];
  let first: string | undefined;
  const model = context.table(table);
  for (const [role, setting] of [['key', context.writtenOf(model, 'partitionKey')], ['sort', context.writtenOf(model, 'sortKey')]] as const) {
    if (setting?.value.kind !== 'PathValue' || isStoreAttributeOf(table, setting.value.text, context)) continue;
    const lookup = lookupField(itemType, setting.value.segments.map((s) => s.text), context);
    if (lookup.found !== true) continue;
    const kind = keyKind(lookup.type, context);
    if (kind !== 'int' && kind !== 'number') continue;
    first ??= `\`${setting.value.text}\`, ${article(printType(lookup.type))}`;
    roles.push({ role, field: setting.value.text });
    numeric.push({ span: setting.value.span, message: `\`${role} = ${setting.value.text}\`: ${article(printType(lookup.type))}` });
  }
  const [owner, ...others] = users;
  if (first === undefined || owner === undefined) return;
  context.report(owner.setting.value.span, `\`${owner.fn.name}\` keeps its idempotency records in \`${table.name}\`, keyed by ${first}: the store's keys are strings`, {
    label: 'a table keyed by a number',
    secondary: [...numeric, ...others.map(({ fn, setting }) => ({ span: setting.value.span, message: `\`${fn.name}\` keeps its records here too` }))],
    why: WHY,
    help: help(table.name, roles, context),
  });
}

function article(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} \`${type}\``;
}

/** A string field to key by, if the item type has one; a string sort key; else a table of the records' own. */
function help(tableName: string, roles: readonly { role: 'key' | 'sort'; field: string }[], context: CheckContext): string {
  const structure = structureOf(context.typed.typeOf(tableName), context.typed);
  const strings = structure.kind === 'record' ? structure.fields.filter((f) => !f.optional && keyKind(f.type, context) === 'string').map((f) => f.name) : [];
  const ways: string[] = [];
  if (roles.some((r) => r.role === 'key') && strings[0] !== undefined) ways.push(`key \`${tableName}\` by a string field (\`key = ${strings[0]}\`)`);
  for (const { role, field } of roles) if (role === 'sort') ways.push(`make \`${field}\` a \`string\` or drop \`sort = ${field}\``);
  ways.push('give the records a table of their own, keyed by a string: `type Seen = { id: string, expires_at: int }` and `table seen: Seen { ttl = expires_at }`');
  return ways.join(', or ');
}
