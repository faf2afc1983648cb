import type { PayloadType } from '../../runtime/manifest/types.js';
import type { TypedProgram } from '../check/typed-program.js';
import { declarationKinds, kinds } from '../kinds/registry.js';
import { edgeTable } from '../resolve/edges.js';
import { builtinTypeNames, kindNoun } from '../resolve/program.js';
import { type DeclarationKind, type SettingsContext, settingSchema } from '../settings/schema.js';
import type { Analysis } from './analysis.js';
import { settingDoc } from './hover.js';

export type CompletionKind = 'keyword' | 'declaration' | 'type' | 'setting' | 'word' | 'field';

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  /** The kind of a declaration (`fn`, `queue`, …), for the icon and the detail line. */
  readonly declarationKind?: DeclarationKind;
  readonly detail?: string;
  readonly documentation?: string;
}

/** The kinds' keywords come from the registry, so a new kind is offered without a change here. */
const allKinds: readonly DeclarationKind[] = declarationKinds;
const declarationKeywords = ['app', 'type', 'stage', ...allKinds.map((kind) => kinds[kind].keyword)];
/** A declaration whose type is being written: `type T = `, `fn f(`, `queue jobs: `. */
const typedDeclaration = new RegExp(`^(type|${allKinds.map((kind) => kinds[kind].keyword).join('|')})\\b`);
/** Top-level keys of an EventBridge pattern, as `match` names them. */
const patternKeys = ['source', 'detail_type', 'detail', 'account', 'region', 'resources'];

/** What is written before the cursor, read from the text alone so a half-written statement still has an answer. */
interface Cursor {
  /** Text of the statement from its start to the cursor. */
  readonly statement: string;
  /** Offsets (into `statement`) of the `{` still open at the cursor, outermost first. */
  readonly open: readonly number[];
  /** The cursor is inside a string or a comment. */
  readonly quiet: boolean;
}

function readCursor(text: string, offset: number): Cursor {
  let statementStart = 0;
  const open: number[] = [];
  let inString = false;
  let inComment = false;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (inComment) {
      if (c === '\n') inComment = false;
      else continue;
    }
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"' || c === '\n') inString = false;
      continue;
    }
    if (c === '#') inComment = true;
    else if (c === '"') inString = true;
    else if (c === '{') open.push(i);
    else if (c === '}') open.pop();
    else if (c === '\n' && open.length === 0) {
      const next = text[i + 1];
      // A line that starts at column 0 with a word starts a statement (continuations are indented or follow `->`/`,`).
      if (next !== undefined && /[A-Za-z_]/.test(next) && !/(->|,)\s*$/.test(text.slice(Math.max(statementStart, i - 40), i))) statementStart = i + 1;
    }
  }
  return { statement: text.slice(statementStart, offset), open: open.map((o) => o - statementStart).filter((o) => o >= 0), quiet: inString || inComment };
}

/** Completions at `offset`: by kind of position, read from the text before the cursor. */
export function completionsAt(analysis: Analysis, offset: number): Completion[] {
  const cursor = readCursor(analysis.text, offset);
  if (cursor.quiet) return [];
  const { statement, open } = cursor;
  if (open.length > 0) return blockCompletions(analysis, statement, open);
  const port = /(\w+)\.(\w*)$/.exec(statement);
  if (port && analysis.result.program?.declarations.get(port[1] ?? '')?.kind === 'fn') {
    return ['success', 'failure'].map((p) => ({ label: p, kind: 'word' as const, detail: `the ${p} destination port` }));
  }
  const arrow = /(\w+)(?:\.(success|failure))?\s*->\s*\w*$/.exec(statement);
  if (arrow) return targetsFrom(analysis, arrow[1] ?? '');
  if (/^\s*\w*$/.test(statement)) {
    return [
      ...declarationKeywords.map((k) => ({ label: k, kind: 'keyword' as const })),
      ...declarationNames(analysis, allKinds.filter((k) => Object.keys(edgeTable[k]).length > 0)),
    ];
  }
  if (typedDeclaration.test(statement)) {
    if (/(success|failure)\s*<\s*\w*$/.test(statement)) return declarationNames(analysis, ['fn']);
    if (/[:(=|,<]\s*\w*$|\)\s*->\s*\w*$|\[\s*\w*$/.test(statement)) return typeNames(analysis);
  }
  return [];
}

function declarationNames(analysis: Analysis, kinds: readonly DeclarationKind[]): Completion[] {
  const out: Completion[] = [];
  for (const symbol of analysis.result.program?.declarations.values() ?? []) {
    if (kinds.includes(symbol.kind)) out.push({ label: symbol.name, kind: 'declaration', declarationKind: symbol.kind, detail: kindNoun[symbol.kind] });
  }
  return out;
}

function typeNames(analysis: Analysis): Completion[] {
  return [
    ...builtinTypeNames.map((t) => ({ label: t, kind: 'type' as const, detail: 'built-in type' })),
    ...[...(analysis.result.program?.types.keys() ?? [])].map((t) => ({ label: t, kind: 'type' as const, detail: 'type' })),
    { label: 'success', kind: 'keyword', detail: 'success<f>: the invocation record of a success destination' },
    { label: 'failure', kind: 'keyword', detail: 'failure<f>: the invocation record of a failure destination' },
  ];
}

/** After `source ->`: only the kinds an edge from `source` may go to. */
function targetsFrom(analysis: Analysis, source: string): Completion[] {
  const symbol = analysis.result.program?.declarations.get(source);
  if (symbol === undefined) return declarationNames(analysis, allKinds);
  return declarationNames(analysis, Object.keys(edgeTable[symbol.kind]) as DeclarationKind[]);
}

/** Names of the settings the cursor's block is nested in, and the owner of the outermost block. */
function blockCompletions(analysis: Analysis, statement: string, open: readonly number[]): Completion[] {
  const outer = open[0] ?? 0;
  const head = removeClosedBlocks(statement.slice(0, outer));
  const parents = open.slice(1).map((at) => /(\w+)\s*$/.exec(statement.slice(0, at))?.[1] ?? '');
  const owner = ownerOf(analysis, head);
  if (owner === undefined) return [];
  const entry = currentEntry(statement, open[open.length - 1] ?? 0);
  if (parents.length > 0) {
    if (parents[0] === 'match') return patternCompletions(analysis, owner, parents.slice(1), entry);
    // A filter's fields are the payload's own, from the top.
    if (parents[0] === 'filter') return patternCompletions(analysis, owner, ['detail', ...parents.slice(1)], entry);
    return [];
  }
  const valueOf = /^\s*(\w+)\s*=\s*(?:\[[\w.\s,]*|[\w.]*)$/.exec(entry);
  if (valueOf) return valueCompletions(analysis, owner, valueOf[1] ?? '');
  if (/^\s*\w*$/.test(entry)) {
    const context = owner.context;
    const written = new Set([...statement.slice(open[open.length - 1] ?? 0).matchAll(/(\w+)\s*=/g)].map((m) => m[1]));
    return Object.keys(settingSchema[context])
      .filter((name) => !written.has(name))
      .map((name) => ({ label: name, kind: 'setting' as const, detail: settingSchema[context][name]?.doc ?? '', documentation: settingDoc(context, name) ?? '' }));
  }
  return [];
}

/** The entry of a block the cursor is in: back to the last `,` or line break outside brackets. */
function currentEntry(statement: string, blockStart: number): string {
  let depth = 0;
  for (let i = statement.length - 1; i > blockStart; i--) {
    const c = statement[i];
    if (c === ']' || c === ')') depth++;
    else if (c === '[' || c === '(') depth--;
    else if (depth <= 0 && (c === ',' || c === '\n')) return statement.slice(i + 1);
  }
  return statement.slice(blockStart + 1);
}

function removeClosedBlocks(text: string): string {
  let out = text;
  for (let i = 0; i < 64 && /\{[^{}]*\}/.test(out); i++) out = out.replace(/\{[^{}]*\}/g, ' ');
  return out;
}

interface BlockOwner {
  readonly context: SettingsContext;
  /** The declaration whose payload field paths apply (the owner, or an edge's source). */
  readonly payloadOf?: string;
  readonly edgeSource?: string;
}

function ownerOf(analysis: Analysis, head: string): BlockOwner | undefined {
  if (/^\s*app\b/.test(head)) return { context: 'app' };
  const decl = /^\s*(fn|queue|topic|bus|stream|table)\s+(\w+)/.exec(head);
  if (decl && !head.includes('->')) return { context: decl[1] as DeclarationKind, payloadOf: decl[2] ?? '' };
  if (decl?.[1] === 'fn' && /\)\s*->/.test(head)) return { context: 'fn', payloadOf: decl[2] ?? '' };
  const ends = head.split('->').map((part) => /^\s*(\w+)/.exec(part)?.[1]);
  if (ends.length >= 2) {
    const source = ends[ends.length - 2];
    const known = source !== undefined && analysis.result.program?.declarations.has(source);
    return { context: 'edge', ...(known ? { payloadOf: source, edgeSource: source } : {}) };
  }
  return undefined;
}

function valueCompletions(analysis: Analysis, owner: BlockOwner, name: string): Completion[] {
  const spec = settingSchema[owner.context][name];
  if (spec === undefined) return [];
  const value = spec.value;
  switch (value.type) {
    case 'word':
      return value.words.map((w) => ({ label: w, kind: 'word' as const, detail: spec.doc }));
    case 'bool':
      return ['true', 'false'].map((w) => ({ label: w, kind: 'word' as const }));
    case 'ref':
    case 'refs':
      return declarationNames(analysis, value.kinds);
    case 'field':
    case 'dedupe': {
      const fields = owner.payloadOf === undefined ? [] : payloadFields(analysis, owner.payloadOf);
      return [...(value.type === 'dedupe' ? [{ label: 'content', kind: 'word' as const, detail: 'content-based deduplication (SHA-256 of the body)' }] : []), ...fields];
    }
    default:
      return [];
  }
}

/** Keys of a `match` block: the event's keys, then inside `detail` the field paths of what the bus carries. */
function patternCompletions(analysis: Analysis, owner: BlockOwner, path: readonly string[], entry: string): Completion[] {
  if (!/^\s*\w*$/.test(entry) || owner.edgeSource === undefined) return [];
  if (path.length === 0) return patternKeys.map((k) => ({ label: k, kind: 'field' as const, detail: 'a key of the EventBridge event' }));
  if (path[0] !== 'detail') return [];
  const typed = analysis.result.checked?.typed;
  if (typed === undefined) return [];
  let type: PayloadType | undefined = typed.typeOf(owner.edgeSource);
  for (const segment of path.slice(1)) {
    const record = recordOf(typed, type);
    type = record?.fields.find((f) => f.name === segment)?.type;
  }
  return (recordOf(typed, type)?.fields ?? []).map((f) => ({ label: f.name, kind: 'field' as const, detail: printField(f.type) }));
}

function recordOf(typed: TypedProgram, type: PayloadType | undefined): Extract<PayloadType, { kind: 'record' }> | undefined {
  for (let i = 0; i < 16 && type?.kind === 'ref'; i++) type = typed.named(type.name);
  return type?.kind === 'record' ? type : undefined;
}

function printField(type: PayloadType): string {
  return type.kind === 'ref' ? type.name : type.kind === 'record' ? 'record' : type.kind === 'array' ? 'array' : type.kind;
}

/** Every field path (`id`, `customer.id`) of a declaration's payload type, a few levels deep. */
function payloadFields(analysis: Analysis, name: string): Completion[] {
  const typed = analysis.result.checked?.typed;
  if (typed === undefined || !analysis.result.program?.declarations.has(name)) return [];
  const out: Completion[] = [];
  const visit = (type: PayloadType, prefix: string, depth: number): void => {
    const record = recordOf(typed, type);
    if (record === undefined || depth > 3) return;
    for (const field of record.fields) {
      const path = `${prefix}${field.name}`;
      out.push({ label: path, kind: 'field', detail: printField(field.type) });
      visit(field.type, `${path}.`, depth + 1);
    }
  };
  visit(typed.typeOf(name), '', 0);
  return out;
}
