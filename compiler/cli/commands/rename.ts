import { dirname, resolve } from 'node:path';
import { handlerFile } from '../../../runtime/manifest/handler-path.js';
import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import { applyEdits } from '../../diagnostics/apply-edits.js';
import { type DeclarationKind, declarationKinds } from '../../kinds/registry.js';
import { Analysis } from '../../lsp/analysis.js';
import { renameAt } from '../../lsp/navigation.js';
import { compileText } from '../../program.js';
import { displayPathFor, type Host, HostError } from '../host.js';
import type { GeneratedNames } from '../../handlers/names.js';
import { readInput } from '../read-input.js';
import { printDiagnostics, UsageError } from '../report.js';

/** What `flowc rename` renames: a function, a resource or a declared type. */
/** What `flowc rename` renames: a declaration of any kind of the registry, or a type. */
export type RenameKind = DeclarationKind | 'type';
export const RENAME_KINDS: readonly RenameKind[] = [...declarationKinds, 'type'];

/**
 * `flowc rename KIND OLD NEW FILE`: renames every use in the .flow file (the language
 * server's rename, compiler/lsp/navigation.ts), and carries it into the handlers with
 * ts-morph (compiler/handlers/rename-in-handler.ts): the names they import from the generated
 * module, `sends.<old>` clients, and, for a function whose handler is at its default path,
 * the file itself, moved to the new path. Refuses, changing nothing, a flow with errors, a
 * name taken, or a handler path that exists. Exit 0 renamed, 1 refused.
 */
export async function runRename(host: Host, kind: RenameKind, from: string, to: string, file: string): Promise<number> {
  const bytes = readInput(host, file);
  if (bytes === undefined) return 2;
  const text = new TextDecoder().decode(bytes);
  const analysis = new Analysis(file, text);
  if (analysis.diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(host, analysis.diagnostics, 'pretty');
    throw new UsageError(`${file} has errors: fix them before renaming`);
  }
  const namespace = kind === 'type' ? 'type' : 'decl';
  const declaration = analysis.occurrences.find((o) => o.isDeclaration && o.namespace === namespace && o.target === from);
  const declared = analysis.result.program?.declarations.get(from);
  if (declaration === undefined || (kind !== 'type' && declared?.kind !== kind)) throw new UsageError(`${file} declares no ${kind} \`${from}\``);
  const renamed = renameAt(analysis, declaration.span.start, to);
  if (!renamed.ok) throw new UsageError(`cannot rename \`${from}\` to \`${to}\`: ${renamed.reason}`);
  const newText = applyEdits(text, renamed.edits);
  const before = compileText(file, text).manifest;
  const after = compileText(file, newText).manifest;
  if (before === undefined || after === undefined) throw new UsageError(`cannot rename \`${from}\` to \`${to}\`: the renamed flow does not compile`);

  const flowDir = dirname(resolve(host.cwd, file));
  const show = displayPathFor(host.cwd);
  const { generatedNames } = await import('../../handlers/names.js');
  const { renameInHandler } = await import('../../handlers/rename-in-handler.js');
  const names = renamedNames(generatedNames(before), generatedNames(after), kind, from, to);
  const sends = kind !== 'fn' && kind !== 'type' ? { from, to } : undefined;
  const moves = handlerMoves(before, after, flowDir, kind === 'fn' ? { from, to } : undefined);
  // Plan every write first: a collision refuses the whole rename before anything changes.
  for (const move of moves) {
    if (move.to !== move.from && host.inspect(move.to).kind !== 'missing') {
      throw new UsageError(`cannot rename \`${from}\` to \`${to}\`: ${show(move.to)} exists; move or remove it first (flowc never overwrites a handler)`);
    }
  }
  const writes: { from: string; to: string; text: string }[] = [];
  for (const move of moves) {
    let source: string;
    try {
      source = new TextDecoder().decode(host.readFile(move.from));
    } catch (error) {
      if (error instanceof HostError) continue;
      throw error;
    }
    const edits = renameInHandler(move.from, source, names, sends);
    if (edits.length > 0 || move.to !== move.from) writes.push({ from: move.from, to: move.to, text: applyEdits(source, edits) });
  }
  host.writeFileAtomic(resolve(host.cwd, file), newText);
  host.stderr(`renamed \`${from}\` to \`${to}\` in ${file} (${renamed.edits.length} ${renamed.edits.length === 1 ? 'place' : 'places'})\n`);
  for (const write of writes) {
    if (write.to === write.from) {
      host.writeFileAtomic(write.to, write.text);
      host.stderr(`updated ${show(write.to)}\n`);
    } else {
      if (!host.writeFileIfAbsent(write.to, write.text)) throw new HostError(`${show(write.to)} appeared meanwhile; ${show(write.from)} is unchanged`);
      host.removeFile(write.from);
      host.stderr(`moved ${show(write.from)} to ${show(write.to)}\n`);
    }
  }
  host.stderr(`run \`flowc build\` to regenerate the module the handlers import\n`);
  return 0;
}

/**
 * Old → new for each name of the generated module that the rename changes: a function's value
 * and type aliases (which share its stem: `ChargeInput`…`ChargeHandler`), or a declared type.
 */
function renamedNames(before: Map<string, GeneratedNames>, after: Map<string, GeneratedNames>, kind: RenameKind, from: string, to: string): Map<string, string> {
  const names = new Map<string, string>();
  if (kind === 'type') names.set(from, to);
  for (const [name, b] of before) {
    const a = after.get(kind === 'fn' && name === from ? to : name);
    if (a === undefined) continue;
    if (a.value !== b.value) names.set(b.value, a.value);
    if (a.handlerType !== b.handlerType) {
      const stemBefore = b.handlerType.slice(0, -'Handler'.length);
      const stemAfter = a.handlerType.slice(0, -'Handler'.length);
      for (const suffix of ['Input', 'Output', 'Event', 'Result', 'Handler']) names.set(stemBefore + suffix, stemAfter + suffix);
    }
  }
  return names;
}

/** Each existing handler file: where it is, and where it goes (a function's default path follows its name). */
function handlerMoves(before: FlowManifest, after: FlowManifest, flowDir: string, fn: { from: string; to: string } | undefined): { from: string; to: string }[] {
  const moves = new Map<string, string>();
  for (const spec of before.functions) {
    const path = handlerFile(flowDir, spec.handler);
    const renamedSpec = after.functions.find((f) => f.name === (fn !== undefined && spec.name === fn.from ? fn.to : spec.name));
    moves.set(path, renamedSpec === undefined ? path : handlerFile(flowDir, renamedSpec.handler));
  }
  return [...moves].map(([from, to]) => ({ from, to }));
}
