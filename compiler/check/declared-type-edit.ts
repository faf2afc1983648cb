import type { TextEdit } from '../diagnostics/diagnostic.js';
import type { DeclarationSymbol } from '../resolve/program.js';

/**
 * Edits to the `: T` of a queue or topic: dropping it (the type is then inferred from what the
 * flow puts there) or writing another type in its place. Undefined for a declaration without one.
 */
export function removeDeclaredTypeEdit(symbol: DeclarationSymbol): TextEdit | undefined {
  const decl = symbol.decl;
  if (decl.kind !== 'ResourceDecl' || decl.type === undefined) return undefined;
  return { span: { start: decl.name.span.end, end: decl.type.span.end }, replacement: '' };
}

export function replaceDeclaredTypeEdit(symbol: DeclarationSymbol, typeText: string): TextEdit | undefined {
  const decl = symbol.decl;
  if (decl.kind !== 'ResourceDecl' || decl.type === undefined) return undefined;
  return { span: decl.type.span, replacement: typeText };
}
