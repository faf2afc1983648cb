import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { handlerFile, HandlerPathError } from '../../runtime/manifest/handler-path.js';
import { applyEdits } from '../diagnostics/apply-edits.js';
import type { TextEdit } from '../diagnostics/diagnostic.js';
import { declarationKinds, kinds } from '../kinds/registry.js';
import { checkText } from '../program.js';
import { builtinTypeNames } from '../resolve/program.js';
import type { Span } from '../source/span.js';
import type { Analysis, Occurrence } from './analysis.js';
import { effectiveSettings } from './effective-settings.js';

/** Where a name at `offset` is declared; from a function's own name, its handler file. */
export type Definition = { readonly kind: 'span'; readonly span: Span } | { readonly kind: 'file'; readonly path: string };

export function definitionAt(analysis: Analysis, offset: number): Definition | undefined {
  const occurrence = analysis.occurrenceAt(offset);
  if (occurrence === undefined) return handlerStringAt(analysis, offset);
  if (occurrence.isDeclaration && occurrence.namespace === 'decl') {
    const symbol = analysis.result.program?.declarations.get(occurrence.target);
    if (symbol?.kind === 'fn') {
      const path = handlerPathOf(analysis, occurrence.target);
      if (path !== undefined) return { kind: 'file', path };
    }
  }
  const declaration = analysis.occurrencesOf(occurrence.namespace, occurrence.target).find((o) => o.isDeclaration);
  return declaration === undefined ? undefined : { kind: 'span', span: declaration.span };
}

/** `handler = "handlers/charge.ts"` goes to that file. */
function handlerStringAt(analysis: Analysis, offset: number): Definition | undefined {
  const site = analysis.settingAt(offset);
  if (site === undefined || site.setting.name.text !== 'handler' || site.owner?.kind !== 'decl' || site.setting.value.kind !== 'StringValue') return undefined;
  if (offset < site.setting.value.span.start) return undefined;
  const path = resolveHandler(analysis, site.setting.value.value);
  return path === undefined ? undefined : { kind: 'file', path };
}

/** The handler file of a function, when it exists: the effective `handler`, else the default path. */
function handlerPathOf(analysis: Analysis, fn: string): string | undefined {
  const effective = effectiveSettings(analysis, fn)?.['handler'];
  const symbol = analysis.result.program?.declarations.get(fn);
  const written = symbol?.settings.get('handler')?.value;
  const folder = analysis.result.program?.appSettings.get('handlers')?.value;
  const handler =
    typeof effective === 'string'
      ? effective
      : written?.kind === 'StringValue'
        ? written.value
        : `${folder?.kind === 'StringValue' ? folder.value.replace(/\/+$/, '') : 'handlers'}/${fn}.ts`;
  return resolveHandler(analysis, handler);
}

function resolveHandler(analysis: Analysis, handler: string): string | undefined {
  try {
    const path = handlerFile(dirname(analysis.path), handler);
    return existsSync(path) ? path : undefined;
  } catch (error) {
    if (error instanceof HandlerPathError) return undefined;
    throw error;
  }
}

export function referencesAt(analysis: Analysis, offset: number, includeDeclaration: boolean): Occurrence[] {
  const occurrence = analysis.occurrenceAt(offset);
  if (occurrence === undefined) return [];
  return analysis.occurrencesOf(occurrence.namespace, occurrence.target).filter((o) => includeDeclaration || !o.isDeclaration);
}

/** The name rename would change at `offset`: a declaration or declared type (not a built-in, not an unresolved name). */
export function renameTarget(analysis: Analysis, offset: number): Occurrence | undefined {
  return analysis.occurrenceAt(offset);
}

export type RenameResult = { readonly ok: true; readonly edits: TextEdit[] } | { readonly ok: false; readonly reason: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words a declaration cannot be renamed to: the language's keywords (every kind's from the registry) and its reserved values. */
const reserved = new Set(['app', 'type', 'stage', ...declarationKinds.map((kind) => kinds[kind].keyword), 'true', 'false', 'success', 'failure', 'content']);

/**
 * Renames every use of the name at `offset`. Refuses a name that is not a name, a keyword, a
 * name already taken in the same namespace, and — checked by re-checking the renamed text —
 * any rename after which the file has an error it did not have.
 */
export function renameAt(analysis: Analysis, offset: number, newName: string): RenameResult {
  const target = renameTarget(analysis, offset);
  if (target === undefined) return { ok: false, reason: 'only the name of a declaration or a declared type can be renamed' };
  if (newName === target.target) return { ok: true, edits: [] };
  if (!NAME.test(newName)) return { ok: false, reason: `\`${newName}\` is not a name: a letter or \`_\`, then letters, digits or \`_\`` };
  if (reserved.has(newName)) return { ok: false, reason: `\`${newName}\` is a word of the language` };
  const program = analysis.result.program;
  if (target.namespace === 'decl' && program?.declarations.has(newName)) {
    return { ok: false, reason: `\`${newName}\` is already declared: functions, queues, topics, buses, streams and tables share one namespace` };
  }
  if (target.namespace === 'type' && (program?.types.has(newName) || (builtinTypeNames as readonly string[]).includes(newName))) {
    return { ok: false, reason: `\`${newName}\` is already a type` };
  }
  const edits = analysis.occurrencesOf(target.namespace, target.target).map((o) => ({ span: o.span, replacement: newName }));
  const errors = (diagnostics: readonly { severity: string }[]) => diagnostics.filter((d) => d.severity === 'error').length;
  const after = checkText(analysis.path, applyEdits(analysis.text, edits));
  if (errors(after.diagnostics) > errors(analysis.diagnostics)) {
    const first = after.diagnostics.find((d) => d.severity === 'error');
    return { ok: false, reason: `renaming to \`${newName}\` would make the file fail to check${first ? `: ${first.code} ${first.message}` : ''}` };
  }
  return { ok: true, edits };
}
