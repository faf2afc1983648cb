import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type CheckResult, checkText } from '../program.js';
import type { DeclarationSymbol, Edge } from '../resolve/program.js';
import type { Span } from '../source/span.js';
import type { Identifier, Setting, SettingsBlock, Statement, TypeExpr } from '../syntax/ast.js';

/** A name as written in the file, and what it names. */
export interface Occurrence {
  readonly span: Span;
  readonly text: string;
  /** `decl`: functions and resources (one namespace); `type`: declared types. */
  readonly namespace: 'decl' | 'type';
  /** The name it refers to (its own text for a declaration). */
  readonly target: string;
  readonly isDeclaration: boolean;
}

/** A setting with the block it is in and what that block belongs to. */
export interface SettingSite {
  readonly setting: Setting;
  readonly block: SettingsBlock;
  /** `app`, a declaration, or an edge; undefined for the block of an edge that did not resolve. */
  readonly owner: SettingsOwner | undefined;
  /** The settings above it when the block is nested in a setting (`match { detail { … } }`), outermost first. */
  readonly parents: readonly Setting[];
}

export type SettingsOwner =
  | { readonly kind: 'app' }
  /** A deploy setting of a `stage` block (`region`, `account`, …); its app settings are the app's. */
  | { readonly kind: 'stage' }
  | { readonly kind: 'decl'; readonly symbol: DeclarationSymbol }
  | { readonly kind: 'edge'; readonly edge: Edge };

/**
 * One version of one open document: the result of `flowc check` on its text (the same
 * function, so the editor shows exactly what the command line does) and an index of its
 * names, built from the AST and the resolver's reference table when first asked for.
 */
export class Analysis {
  readonly result: CheckResult;
  #occurrences: Occurrence[] | undefined;
  #settings: SettingSite[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.result = checkText(path, text);
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.result.diagnostics;
  }

  get statements(): readonly Statement[] {
    return this.result.program?.ast.statements ?? [];
  }

  /** Every name in the file that refers to a declaration or a declared type, in source order. */
  get occurrences(): readonly Occurrence[] {
    this.#occurrences ??= this.collectOccurrences();
    return this.#occurrences;
  }

  get settingSites(): readonly SettingSite[] {
    this.#settings ??= this.collectSettings();
    return this.#settings;
  }

  /** The occurrence under `offset` (a cursor just after a name still touches it). */
  occurrenceAt(offset: number): Occurrence | undefined {
    return this.occurrences.find((o) => o.span.start <= offset && offset <= o.span.end);
  }

  occurrencesOf(namespace: Occurrence['namespace'], target: string): Occurrence[] {
    return this.occurrences.filter((o) => o.namespace === namespace && o.target === target);
  }

  settingAt(offset: number): SettingSite | undefined {
    let found: SettingSite | undefined;
    for (const site of this.settingSites) {
      const s = site.setting.span;
      if (s.start <= offset && offset <= s.end) found = site; // the innermost comes last
    }
    return found;
  }

  edgeAt(offset: number): Edge | undefined {
    return this.result.program?.edges.find((e) => e.link.arrow.start <= offset && offset <= e.link.arrow.end);
  }

  private collectOccurrences(): Occurrence[] {
    const program = this.result.program;
    if (program === undefined) return [];
    const out: Occurrence[] = [];
    const add = (id: Identifier, namespace: Occurrence['namespace'], target: string, isDeclaration: boolean) =>
      out.push({ span: id.span, text: id.text, namespace, target, isDeclaration });
    for (const symbol of program.declarations.values()) add(symbol.decl.name, 'decl', symbol.name, true);
    for (const [name, decl] of program.types) add(decl.name, 'type', name, true);
    for (const [id, symbol] of program.references) add(id, 'decl', symbol.name, false);
    const visitType = (type: TypeExpr | undefined): void => {
      if (type === undefined) return;
      switch (type.kind) {
        case 'NamedType':
          if (program.types.has(type.name.text)) add(type.name, 'type', type.name.text, false);
          return;
        case 'ArrayType':
          return visitType(type.element);
        case 'RecordType':
          for (const field of type.fields) visitType(field.type);
          return;
        case 'UnionType':
          for (const member of type.members) visitType(member);
          return;
        default:
          return;
      }
    };
    for (const statement of program.ast.statements) {
      if (statement.kind === 'TypeDecl') visitType(statement.type);
      else if (statement.kind === 'FnDecl') {
        visitType(statement.input);
        visitType(statement.output);
      } else if (statement.kind === 'ResourceDecl') visitType(statement.type);
    }
    return out.sort((a, b) => a.span.start - b.span.start);
  }

  private collectSettings(): SettingSite[] {
    const program = this.result.program;
    if (program === undefined) return [];
    const out: SettingSite[] = [];
    const visit = (block: SettingsBlock | undefined, owner: SettingsOwner | undefined, parents: readonly Setting[] = []): void => {
      if (block === undefined) return;
      for (const setting of block.entries) {
        out.push({ setting, block, owner, parents });
        if (setting.value.kind === 'SettingsBlock') visit(setting.value, owner, [...parents, setting]);
      }
    };
    visit(program.app?.settings, { kind: 'app' });
    for (const symbol of program.declarations.values()) visit(symbol.decl.settings, { kind: 'decl', symbol });
    for (const edge of program.edges) visit(edge.settingsBlock, { kind: 'edge', edge });
    // A stage block holds deploy settings, app settings, and `NAME { … }` blocks of a declaration's.
    for (const stage of program.stages.values()) {
      const block = stage.decl.settings;
      for (const setting of block?.entries ?? []) {
        const override = stage.overrides.get(setting.name.text);
        if (override !== undefined && override.block === setting.value) visit(override.block, { kind: 'decl', symbol: override.symbol });
        else if (block !== undefined && (stage.deploy.has(setting.name.text) || stage.app.has(setting.name.text))) {
          out.push({ setting, block, owner: stage.deploy.has(setting.name.text) ? { kind: 'stage' } : { kind: 'app' }, parents: [] });
        }
      }
    }
    // Blocks of edges that did not resolve, and of duplicate declarations, still get their settings seen.
    const seen = new Set(out.map((s) => s.block));
    for (const statement of program.ast.statements) {
      if (statement.kind === 'Chain') for (const link of statement.links) if (link.settings && !seen.has(link.settings)) visit(link.settings, undefined);
    }
    return out.sort((a, b) => a.setting.span.start - b.setting.span.start);
  }
}
