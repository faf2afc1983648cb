import { printType } from '../types/print.js';
import type { SettingsBlock, Statement } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import type { Analysis } from './analysis.js';

export interface OutlineEntry {
  readonly name: string;
  readonly detail: string;
  readonly kind: 'app' | 'stage' | 'type' | 'fn' | 'queue' | 'topic' | 'bus' | 'stream' | 'table' | 'api' | 'bucket' | 'schedule';
  /** The whole statement, and its name. */
  readonly span: Span;
  readonly nameSpan: Span;
}

/** The declarations of the file in order: the outline editors show. */
export function outline(analysis: Analysis): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  for (const statement of analysis.statements) {
    switch (statement.kind) {
      case 'AppDecl':
        out.push({ name: statement.name.text, detail: 'app', kind: 'app', span: statement.span, nameSpan: statement.name.span });
        break;
      case 'StageDecl':
        out.push({ name: statement.name.text, detail: 'stage', kind: 'stage', span: statement.span, nameSpan: statement.name.span });
        break;
      case 'TypeDecl':
        out.push({ name: statement.name.text, detail: 'type', kind: 'type', span: statement.span, nameSpan: statement.name.span });
        break;
      case 'FnDecl':
        out.push({ name: statement.name.text, detail: 'function', kind: 'fn', span: statement.span, nameSpan: statement.name.span });
        break;
      case 'ResourceDecl':
        out.push({ name: statement.name.text, detail: statement.resource, kind: statement.resource, span: statement.span, nameSpan: statement.name.span });
        break;
      case 'Chain':
        break;
    }
  }
  return out;
}

/** Blocks and statements that span lines, as folding ranges (0-based lines). */
export function foldingRanges(analysis: Analysis): { startLine: number; endLine: number }[] {
  const source = analysis.result.source;
  const out: { startLine: number; endLine: number }[] = [];
  const add = (span: Span) => {
    const start = source.position(span.start).line - 1;
    const end = source.position(span.end).line - 1;
    if (end > start) out.push({ startLine: start, endLine: end });
  };
  const visitBlock = (block: SettingsBlock | undefined): void => {
    if (block === undefined) return;
    add(block.span);
    for (const entry of block.entries) if (entry.value.kind === 'SettingsBlock') visitBlock(entry.value);
  };
  for (const statement of analysis.statements) {
    const blocks = settingsBlocks(statement);
    if (blocks.length === 0) add(statement.span);
    for (const block of blocks) visitBlock(block);
  }
  return out;
}

function settingsBlocks(statement: Statement): SettingsBlock[] {
  if (statement.kind === 'Chain') return statement.links.flatMap((l) => (l.settings ? [l.settings] : []));
  if (statement.kind === 'TypeDecl') return [];
  return statement.settings ? [statement.settings] : [];
}

export const tokenTypes = ['function', 'variable', 'type', 'property', 'keyword', 'enumMember'] as const;
export const tokenModifiers = ['declaration'] as const;

/**
 * Semantic tokens, LSP-encoded (relative line, relative start, length, type, modifiers): names
 * by what they name, declarations marked, setting names as properties. Keywords and literals
 * are the TextMate grammar's.
 */
export function semanticTokens(analysis: Analysis): number[] {
  const program = analysis.result.program;
  if (program === undefined) return [];
  const tokens: { start: number; end: number; type: number; modifiers: number }[] = [];
  for (const o of analysis.occurrences) {
    const kind = o.namespace === 'type' ? 2 : program.declarations.get(o.target)?.kind === 'fn' ? 0 : 1;
    tokens.push({ start: o.span.start, end: o.span.end, type: kind, modifiers: o.isDeclaration ? 1 : 0 });
  }
  for (const site of analysis.settingSites) tokens.push({ start: site.setting.name.span.start, end: site.setting.name.span.end, type: 3, modifiers: 0 });
  tokens.sort((a, b) => a.start - b.start);
  const source = analysis.result.source;
  const data: number[] = [];
  let line = 0;
  let character = 0;
  let lastEnd = -1;
  for (const token of tokens) {
    if (token.start < lastEnd) continue; // never overlapping
    const start = source.position(token.start);
    const end = source.position(token.end);
    if (end.line !== start.line) continue; // tokens do not span lines
    const l = start.line - 1;
    const c = start.column - 1;
    data.push(l - line, l === line ? c - character : c, token.end - token.start, token.type, token.modifiers);
    line = l;
    character = c;
    lastEnd = token.end;
  }
  return data;
}

/** `: Type` after each queue, topic, stream or function whose payload type is inferred. */
export function inlayHints(analysis: Analysis, from: number, to: number): { offset: number; label: string }[] {
  const { program, checked } = analysis.result;
  if (program === undefined || checked === undefined) return [];
  const out: { offset: number; label: string }[] = [];
  for (const symbol of program.declarations.values()) {
    const at = symbol.decl.name.span.end;
    if (at < from || at > to || program.damagedNames.has(symbol.name) || checked.typed.isDeclared(symbol.name)) continue;
    if (symbol.kind === 'bus' || symbol.kind === 'table' || symbol.kind === 'bucket') continue;
    const type = checked.typed.typeOf(symbol.name);
    if (type.kind === 'unknown') continue;
    out.push({ offset: at, label: symbol.kind === 'fn' ? `(${printType(type)})` : `: ${printType(type)}` });
  }
  return out;
}
