import { idempotencyRecordAttributes } from '../../runtime/manifest/idempotency.js';
import type { DeclarationSymbol } from '../resolve/program.js';
import type { Field, Setting } from '../syntax/ast.js';
import type { CheckContext } from './context.js';

/**
 * The tables that hold idempotency records (`idempotency = <table>`), each with the functions
 * that keep their records there, in declaration order: shared by the rules about such tables
 * (FL3018, FL3019, FL5007), which report once per table however many functions share it. Not a rule.
 */
export interface IdempotencyTable {
  readonly table: DeclarationSymbol;
  /** Each function's `idempotency = …` setting, the first one first. */
  readonly users: readonly { readonly fn: DeclarationSymbol; readonly setting: Setting }[];
}

export function idempotencyTables(context: CheckContext): IdempotencyTable[] {
  const byTable = new Map<string, { table: DeclarationSymbol; users: { fn: DeclarationSymbol; setting: Setting }[] }>();
  for (const fn of context.program.declarations.values()) {
    if (fn.kind !== 'fn' || context.isDamaged(fn.name)) continue;
    const item = context.fn(fn);
    const setting = context.writtenOf(item, 'idempotencyTable');
    const table = context.named(item.idempotencyTable);
    if (setting === undefined || table?.kind !== 'table' || context.isDamaged(table.name)) continue;
    const entry = byTable.get(table.name) ?? { table, users: [] };
    entry.users.push({ fn, setting });
    byTable.set(table.name, entry);
  }
  return [...byTable.values()];
}

/**
 * The fields of a table's item type as written (`table t: { … }` or `table t: T` with `type T =
 * { … }`), for rules that point at one of them; empty when the type is written otherwise.
 */
export function writtenItemFields(table: DeclarationSymbol, context: CheckContext): readonly Field[] {
  const decl = table.decl.kind === 'ResourceDecl' ? table.decl : undefined;
  let type = decl?.type;
  if (type?.kind === 'NamedType') type = context.program.types.get(type.name.text)?.type;
  return type?.kind === 'RecordType' ? type.fields : [];
}

/**
 * Whether `field`, named in a key or `ttl` setting of `table`, is one of the store's own
 * attributes in a table of idempotency records: FL3019 reports it, with a fix that also gives
 * the field the type it needs, so the rules about the setting's type (FL3018, FL4047) stay quiet.
 */
export function isStoreAttributeOf(table: DeclarationSymbol, field: string, context: CheckContext): boolean {
  return storeAttributes.has(field) && idempotencyTables(context).some((entry) => entry.table === table);
}

const storeAttributes: ReadonlySet<string> = new Set(idempotencyRecordAttributes);
