import type { Suggestion } from '../diagnostics/diagnostic.js';
import { didYouMeanOf, replaceWith, suggest, SuggestionBudget } from '../diagnostics/suggest.js';
import type { Reporter } from '../diagnostics/reporter.js';
import type { DeclarationKind } from '../settings/schema.js';
import { declarationKinds } from '../kinds/registry.js';
import type { Identifier } from '../syntax/ast.js';
import { type DeclarationSymbol, kindNoun, withArticle } from './program.js';

/**
 * Looks names up among the declarations and reports what is wrong with a reference: unknown
 * (FL2001, with suggestions of the right kind) or of the wrong kind (FL2005). Names whose
 * declaration is damaged by a syntax error resolve to nothing, silently.
 */
export class Scope {
  readonly references = new Map<Identifier, DeclarationSymbol>();
  /** Shared by every suggestion made while resolving the file. */
  readonly suggestions = new SuggestionBudget();
  /** The names of each set of kinds, listed once: not once per unknown name. */
  readonly #candidates = new Map<string, string[]>();

  constructor(
    private readonly reporter: Reporter,
    readonly declarations: ReadonlyMap<string, DeclarationSymbol>,
    private readonly damagedNames: ReadonlySet<string>,
  ) {}

  /**
   * Resolves `name` to a declaration of one of `kinds`. `role` says what the reference is for,
   * in words: "the dead-letter queue of `payouts`".
   */
  resolve(name: Identifier, kinds: readonly DeclarationKind[], role: string): DeclarationSymbol | undefined {
    const symbol = this.declarations.get(name.text);
    if (symbol === undefined) {
      if (this.damagedNames.has(name.text)) return undefined;
      this.reportUnknown(name, kinds);
      return undefined;
    }
    if (!kinds.includes(symbol.kind)) {
      const expected = kinds.map((k) => withArticle(kindNoun[k]));
      const suggestion = this.suggestionOfKinds(name, kinds);
      this.reporter.report(
        'FL2005',
        name.span,
        `${role} must be ${orWords(expected)}, but \`${name.text}\` is ${withArticle(kindNoun[symbol.kind])}`,
        {
          label: `${withArticle(kindNoun[symbol.kind])}`,
          secondary: [{ span: symbol.decl.name.span, message: `\`${name.text}\` is declared here` }],
          help:
            suggestion.help ??
            `name ${orWords(expected)} here; declare one with \`${kinds[0] ?? 'queue'} NAME\` if there is none`,
          suggestions: suggestion.suggestions,
        },
      );
      return undefined;
    }
    this.references.set(name, symbol);
    return symbol;
  }

  /** Whether `name` is declared by a statement with a syntax error: nothing is said about it. */
  isDamaged(name: string): boolean {
    return this.damagedNames.has(name);
  }

  /** Resolves a name of any kind (an edge end); kind rules are the caller's. */
  resolveAny(name: Identifier): DeclarationSymbol | undefined {
    return this.resolve(name, declarationKinds, 'this');
  }

  private reportUnknown(name: Identifier, kinds: readonly DeclarationKind[]): void {
    const nouns = kinds.map((k) => kindNoun[k]);
    // Any kind at all (an edge's end): naming each kind would go stale with the next one.
    const what = kinds.length === declarationKinds.length ? 'nothing declared has this name' : `no ${orWords(nouns)} has this name`;
    const suggestion = this.suggestionOfKinds(name, kinds);
    this.reporter.report('FL2001', name.span, `unknown name \`${name.text}\``, {
      label: what,
      ...(suggestion.help === undefined
        ? {
            help:
              kinds.length === 1
                ? `declare it: \`${kinds[0]} ${name.text}\``
                : // A schedule only starts edges and needs settings to be valid, so it is not offered as the quick fix.
                  `declare it with ${orWords(kinds.filter((k) => k !== 'schedule').map((k) => `\`${k}\``))}, e.g. \`${kinds[0]} ${name.text}\``,
          }
        : suggestion),
    });
  }

  private suggestionOfKinds(name: Identifier, kinds: readonly DeclarationKind[]): { help?: string; suggestions: Suggestion[] } {
    const key = kinds.join(' ');
    let candidates = this.#candidates.get(key);
    if (candidates === undefined) {
      candidates = [...this.declarations.values()].filter((s) => kinds.includes(s.kind)).map((s) => s.name);
      this.#candidates.set(key, candidates);
    }
    const found = suggest(name.text, candidates, 3, this.suggestions);
    const help = didYouMeanOf(found);
    const suggestions = replaceWith(name.span, found);
    return help === undefined ? { suggestions } : { help, suggestions };
  }
}

export function orWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
