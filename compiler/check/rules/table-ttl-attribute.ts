import { didYouMean } from '../../diagnostics/suggest.js';
import { printType } from '../../types/print.js';
import type { CheckContext } from '../context.js';
import { isStoreAttributeOf } from '../idempotency-tables.js';
import { keyKind, lookupField } from '../key-fields.js';
import type { DeclarationSymbol } from '../../resolve/program.js';
import type { Rule } from '../rule.js';

const WHY =
  'DynamoDB deletes an item once the time in its TTL attribute has passed, and reads that attribute only as a top-level Number of Unix epoch seconds: an item whose attribute is missing, nested, a string (an ISO timestamp too) or not a number is never expired (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html). A `ttl` DynamoDB would ignore deletes nothing, silently.';

/**
 * FL4047: a table's `ttl = …` that DynamoDB would never act on: it must name a top-level field
 * of the item type whose type is a number (`int` or `number`), the Unix seconds of expiry.
 */
export const tableTtlAttribute: Rule = {
  code: 'FL4047',
  visit: {
    table: check,
  },
};

function check(table: DeclarationSymbol, context: CheckContext): void {
  const setting = context.writtenOf(context.table(table), 'ttlAttribute');
  if (setting?.value.kind !== 'PathValue' || context.isDamaged(table.name)) return;
  const path = setting.value;
  const itemType = context.typed.typeOf(table.name);
  if (itemType.kind === 'unknown') return;
  const segments = path.segments.map((s) => s.text);
  const flat = segments.join('_');
  if (segments.length > 1) {
    context.report(path.span, `\`ttl\` names \`${path.text}\`, a nested field: DynamoDB reads the TTL of a top-level attribute only`, {
      label: 'not a top-level field',
      why: WHY,
      help: `add a top-level number field to the item type, e.g. \`${flat}: int\`, and name it: \`ttl = ${flat}\``,
    });
    return;
  }
  const lookup = lookupField(itemType, segments, context);
  if (lookup.found === 'unknown') return;
  if (lookup.found === false) {
    const suggestion = didYouMean(path.text, lookup.fields);
    context.report(path.span, `the items of \`${table.name}\` have no field \`${path.text}\` for \`ttl\` to name`, {
      label: 'not a field of the item type',
      why: WHY,
      help: suggestion ?? `add \`${path.text}: int\` (Unix seconds) to the item type of \`${table.name}\``,
    });
    return;
  }
  const kind = keyKind(lookup.type, context);
  // A store attribute of an idempotency table is FL3019's, whose fix renames and retypes it.
  if (kind === 'int' || kind === 'number' || kind === 'unknown' || isStoreAttributeOf(table, path.text, context)) return;
  context.report(path.span, `\`ttl\` names \`${path.text}\`, of type \`${printType(lookup.type)}\`: DynamoDB expires items by a number of Unix seconds`, {
    label: `\`${printType(lookup.type)}\` is not a number`,
    why: WHY,
    help: `make \`${path.text}\` an \`int\` of Unix seconds (e.g. the expiry as \`Math.floor(Date.now() / 1000) + 3600\`), or name another field`,
  });
}
