import { Node, type SourceFile as TsSourceFile, SyntaxKind, type TypeNode, type Expression } from 'ts-morph';
import type { DetailTypePut } from './facts.js';

/** A piece of handler text: offsets (UTF-16, as flowc's spans) and the text itself. */
export interface Place {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** What a handler file exports as `handler`, read from its syntax alone. */
export type HandlerExport =
  /** None; `other` is an export Lambda would not call (a default export), to point at. */
  | { readonly kind: 'missing'; readonly other?: Place }
  /** `export const handler…` (or a local constant exported as `handler`). */
  | { readonly kind: 'variable'; readonly name: Place; readonly type?: Place; readonly typeName?: string; readonly helper?: { readonly value: string; readonly method: string } }
  /** `export function handler…`: a declaration no type annotation can cover. */
  | { readonly kind: 'function'; readonly name: Place }
  /** From another module (`export { handler } from…`, `export *`, CommonJS): not judged here. */
  | { readonly kind: 'elsewhere' };

function place(node: Node): Place {
  return { start: node.getStart(), end: node.getEnd(), text: node.getText() };
}

/** `import { charge as c }` maps `c` to `charge`: what a local name is in the module it came from. */
export function importedNames(source: TsSourceFile): Map<string, string> {
  const names = new Map<string, string>();
  for (const declaration of source.getImportDeclarations()) {
    for (const specifier of declaration.getNamedImports()) {
      names.set(specifier.getAliasNode()?.getText() ?? specifier.getName(), specifier.getName());
    }
  }
  return names;
}

export function findHandlerExport(source: TsSourceFile): HandlerExport {
  const imported = importedNames(source);
  const original = (name: string) => imported.get(name) ?? name;
  let reexports = false;
  let other: Place | undefined;
  for (const statement of source.getStatements()) {
    if (Node.isVariableStatement(statement) && statement.isExported()) {
      const declaration = statement.getDeclarations().find((d) => d.getName() === 'handler');
      if (declaration) return variableExport(declaration.getNameNode(), declaration.getTypeNode(), declaration.getInitializer(), original);
    }
    if (Node.isFunctionDeclaration(statement) && statement.isExported()) {
      const name = statement.getNameNode();
      if (name?.getText() === 'handler' && !statement.isDefaultExport()) return { kind: 'function', name: place(name) };
      if (statement.isDefaultExport()) other ??= place(name ?? statement.getFirstModifierByKind(SyntaxKind.DefaultKeyword) ?? statement);
    }
    if (Node.isExportAssignment(statement)) {
      if (statement.isExportEquals()) reexports = true;
      else other ??= place(statement);
    }
    if (Node.isExportDeclaration(statement)) {
      if (statement.getModuleSpecifier() !== undefined) {
        if (statement.isNamespaceExport() || statement.getNamedExports().some((e) => (e.getAliasNode()?.getText() ?? e.getName()) === 'handler')) reexports = true;
        continue;
      }
      const specifier = statement.getNamedExports().find((e) => (e.getAliasNode()?.getText() ?? e.getName()) === 'handler');
      if (specifier) return localExport(source, specifier.getName(), original) ?? { kind: 'elsewhere' };
    }
  }
  // CommonJS handlers (`exports.handler = …` in a .js/.cjs file) are not judged from their syntax.
  if (reexports || /\b(module\.)?exports\.handler\s*=|module\.exports\s*=/.test(source.getFullText())) return { kind: 'elsewhere' };
  return other === undefined ? { kind: 'missing' } : { kind: 'missing', other };
}

/** `const impl = …; export { impl as handler }`: the local declaration judged as if exported. */
function localExport(source: TsSourceFile, local: string, original: (name: string) => string): HandlerExport | undefined {
  const variable = source.getVariableDeclaration(local);
  if (variable) return variableExport(variable.getNameNode(), variable.getTypeNode(), variable.getInitializer(), original);
  const fn = source.getFunction(local);
  const name = fn?.getNameNode();
  return name === undefined ? undefined : { kind: 'function', name: place(name) };
}

function variableExport(name: Node, type: TypeNode | undefined, initializer: Expression | undefined, original: (name: string) => string): HandlerExport {
  const typeName = type !== undefined && Node.isTypeReference(type) && Node.isIdentifier(type.getTypeName()) ? original(type.getTypeName().getText()) : undefined;
  const call = initializer !== undefined && Node.isCallExpression(initializer) ? initializer.getExpression() : undefined;
  const helper =
    call !== undefined && Node.isPropertyAccessExpression(call) && Node.isIdentifier(call.getExpression())
      ? { value: original(call.getExpression().getText()), method: call.getName() }
      : undefined;
  return {
    kind: 'variable',
    name: place(name),
    ...(type === undefined ? {} : { type: place(type) }),
    ...(typeName === undefined ? {} : { typeName }),
    ...(helper === undefined ? {} : { helper }),
  };
}

/** The message of a stub's `throw` (emit/typescript/stubs.ts): what tells a stub from a handler. */
const STUB_MESSAGE = ' is not implemented yet (';

/** The `throw new Error(\`… is not implemented yet (…)…\`)` statements the stub still has. */
export function stubThrows(source: TsSourceFile): Place[] {
  return source
    .getDescendantsOfKind(SyntaxKind.ThrowStatement)
    .filter((statement) => {
      const thrown = statement.getExpression();
      if (!Node.isNewExpression(thrown) || thrown.getExpression().getText() !== 'Error') return false;
      const [message] = thrown.getArguments();
      return message !== undefined && message.getText().includes(STUB_MESSAGE);
    })
    .map(place);
}

/**
 * The `sends` clients a handler uses (`….sends.receipts`), or undefined when that cannot be
 * told from this file: it reaches `sends` some other way (`const { receipts } = charge.sends`,
 * `charge.sends[name]`) or imports a module of its own that may do the sending.
 */
export function sendsUsed(source: TsSourceFile): Set<string> | undefined {
  if (source.getImportDeclarations().some((d) => d.getModuleSpecifierValue().startsWith('.') && !/(^|\/)flow(\.js)?$/.test(d.getModuleSpecifierValue()))) return undefined;
  const used = new Set<string>();
  for (const access of source.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    if (access.getName() !== 'sends') continue;
    const parent = access.getParent();
    if (!Node.isPropertyAccessExpression(parent) || parent.getExpression() !== access) return undefined;
    used.add(parent.getName());
  }
  return used;
}

/**
 * The `detailType` literals of `….sends.<client>.put(detail, { detailType: '…' })` and of the
 * entries of `….sends.<client>.putBatch([{ detail, detailType: '…' }])`, for FL6008.
 */
export function detailTypePuts(source: TsSourceFile): DetailTypePut[] {
  const found: DetailTypePut[] = [];
  for (const call of source.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) continue;
    const method = callee.getName();
    if (method !== 'put' && method !== 'putBatch') continue;
    const client = callee.getExpression();
    if (!Node.isPropertyAccessExpression(client)) continue;
    const holder = client.getExpression();
    if (!Node.isPropertyAccessExpression(holder) || holder.getName() !== 'sends') continue;
    const [first, second] = call.getArguments();
    const options = method === 'put' ? [second] : Node.isArrayLiteralExpression(first) ? first.getElements() : [];
    for (const literal of options.map(detailTypeLiteral)) {
      if (literal !== undefined) found.push({ client: client.getName(), detailType: literal.text, place: literal.place });
    }
  }
  return found;
}

/** `{ detailType: 'OrderPlaced' }`: the string literal, where it is written. */
function detailTypeLiteral(node: Node | undefined): { text: string; place: Place } | undefined {
  if (node === undefined || !Node.isObjectLiteralExpression(node)) return undefined;
  const property = node.getProperty('detailType');
  if (property === undefined || !Node.isPropertyAssignment(property)) return undefined;
  const value = property.getInitializer();
  if (value === undefined || !(Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value))) return undefined;
  return { text: value.getLiteralValue(), place: { start: value.getStart(), end: value.getEnd(), text: value.getText() } };
}
