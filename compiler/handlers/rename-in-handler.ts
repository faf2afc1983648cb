import { Node, SyntaxKind } from 'ts-morph';
import type { TextEdit } from '../diagnostics/diagnostic.js';
import { span } from '../source/span.js';
import { parseHandlers } from './parse.js';

/**
 * Edits that carry a rename of the flow into one handler's TypeScript: every identifier
 * spelled as an old name of the generated module (`charge`, `ChargeHandler`, `Order`…)
 * becomes the new one, unless it is a property name (`x.charge`, `{ charge: 1 }`); with
 * `sends`, a property `….sends.<old>` becomes `….sends.<new>`; and the stub's header names
 * the function anew. Only those spans change: everything else stays byte for byte.
 */
export function renameInHandler(path: string, text: string, names: ReadonlyMap<string, string>, sends?: { readonly from: string; readonly to: string }): TextEdit[] {
  const { sources } = parseHandlers([{ path, text }]);
  const source = sources.get(path);
  if (source === undefined) return [];
  // Only names the file imports from the generated module are the flow's; a local one that happens to match is the user's.
  const imported = new Set(
    source
      .getImportDeclarations()
      .filter((d) => GENERATED_MODULE.test(d.getModuleSpecifierValue()))
      .flatMap((d) => d.getNamedImports().map((i) => i.getName())),
  );
  const edits: TextEdit[] = [];
  for (const identifier of source.getDescendantsOfKind(SyntaxKind.Identifier)) {
    const parent = identifier.getParent();
    const name = identifier.getText();
    if (sends !== undefined && name === sends.from && Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) {
      const owner = parent.getExpression();
      if (Node.isPropertyAccessExpression(owner) && owner.getName() === 'sends') edits.push({ span: span(identifier.getStart(), identifier.getEnd()), replacement: sends.to });
      continue;
    }
    const renamed = names.get(name);
    if (renamed === undefined || !imported.has(name) || isPropertyName(identifier)) continue;
    edits.push({ span: span(identifier.getStart(), identifier.getEnd()), replacement: renamed });
  }
  // `// The handler of \`charge\` (…)`: the header of a stub names its function.
  const header = /^\/\/ The handler of `([^`]+)`/.exec(text);
  const renamedHeader = header?.[1] === undefined ? undefined : names.get(header[1]);
  if (header?.[1] !== undefined && renamedHeader !== undefined) {
    const start = header[0].length - header[1].length - 1;
    edits.push({ span: span(start, start + header[1].length), replacement: renamedHeader });
  }
  return edits;
}

/** The module specifier of the generated module from a handler (`../generated/flow.js`). */
const GENERATED_MODULE = /(^|\/)flow(\.js)?$/;

/** `x.name`, `{ name: … }`, a method or member name: a name that is not a reference to the import. */
function isPropertyName(identifier: Node): boolean {
  const parent = identifier.getParent();
  if (parent === undefined) return false;
  if (Node.isPropertyAccessExpression(parent)) return parent.getNameNode() === identifier;
  if (Node.isPropertyAssignment(parent) || Node.isPropertySignature(parent) || Node.isMethodDeclaration(parent) || Node.isPropertyDeclaration(parent)) {
    return parent.getNameNode() === identifier;
  }
  if (Node.isQualifiedName(parent)) return parent.getRight() === identifier;
  // `import { charge as c }`: the imported name is renamed, the local alias is the user's.
  if (Node.isImportSpecifier(parent)) return parent.getAliasNode() === identifier;
  return false;
}
