import type { Reporter } from '../diagnostics/reporter.js';
import { didYouMeanOf, listWords, replaceWith, suggest } from '../diagnostics/suggest.js';
import { settingSchema, stageSettingNames } from '../settings/schema.js';
import type { Setting, SettingsBlock, StageDecl, Statement } from '../syntax/ast.js';
import { type DeclarationSymbol, kindNoun, type StageOverride, type StageSymbol, withArticle } from './program.js';
import type { Scope } from './scope.js';
import { reportUnknownSetting, resolveSettings } from './settings.js';

/**
 * Resolves every `stage` block once, whatever stage is selected, so each mistake in one is
 * reported once (apply-stage.ts only puts the result together). An entry of a stage block is,
 * by its name: a deploy setting or an app setting (validated as the app's are: FL2008–FL2010),
 * else a declaration whose settings it overrides (`charge { … }`, validated against that
 * declaration's kind), else a mistake: FL2019 for a block that names no declaration, FL2008
 * for a setting that does not exist. Two stages of one name are FL2003.
 */
export function resolveStages(statements: readonly Statement[], reporter: Reporter, scope: Scope): ReadonlyMap<string, StageSymbol> {
  const stages = new Map<string, StageSymbol>();
  for (const statement of statements) {
    if (statement.kind !== 'StageDecl') continue;
    const name = statement.name.text;
    const first = stages.get(name);
    if (first !== undefined) {
      reporter.report('FL2003', statement.name.span, `stage \`${name}\` is declared twice`, {
        label: 'a stage of this name again',
        secondary: [{ span: first.decl.name.span, message: 'first declared here' }],
        help: `put the settings of \`${name}\` in one block, or rename one of the stages`,
      });
      // Its block is still checked, so its mistakes are reported in the same run.
      resolveStage(statement, reporter, scope);
      continue;
    }
    stages.set(name, resolveStage(statement, reporter, scope));
  }
  return stages;
}

function resolveStage(decl: StageDecl, reporter: Reporter, scope: Scope): StageSymbol {
  const owner = `stage \`${decl.name.text}\``;
  const block = decl.settings;
  const deployEntries: Setting[] = [];
  const appEntries: Setting[] = [];
  const overrides = new Map<string, StageOverride>();
  const seenOverrides = new Map<string, Setting>();
  for (const entry of block?.entries ?? []) {
    const name = entry.name.text;
    if (settingSchema.stage[name] !== undefined) {
      deployEntries.push(entry);
      continue;
    }
    if (settingSchema.app[name] !== undefined) {
      appEntries.push(entry);
      continue;
    }
    const symbol = scope.declarations.get(name);
    if (symbol !== undefined) {
      const override = overrideOf(entry, symbol, owner, seenOverrides, reporter, scope);
      if (override !== undefined) overrides.set(name, override);
      continue;
    }
    if (scope.isDamaged(name)) continue;
    if (entry.value.kind === 'SettingsBlock') reportUnknownDeclaration(entry, decl, reporter, scope);
    else reportUnknownSetting(entry, 'stage', owner, reporter);
  }
  const subset = (entries: readonly Setting[]): SettingsBlock | undefined => (block === undefined ? undefined : { ...block, entries });
  return {
    name: decl.name.text,
    decl,
    deploy: resolveSettings(subset(deployEntries), 'stage', owner, reporter, scope),
    app: resolveSettings(subset(appEntries), 'app', owner, reporter, scope),
    overrides,
  };
}

function overrideOf(
  entry: Setting,
  symbol: DeclarationSymbol,
  owner: string,
  seen: Map<string, Setting>,
  reporter: Reporter,
  scope: Scope,
): StageOverride | undefined {
  const name = entry.name.text;
  const noun = withArticle(kindNoun[symbol.kind]);
  if (entry.value.kind !== 'SettingsBlock' || entry.call) {
    reporter.report('FL2010', entry.value.span, `\`${name}\` is ${noun}: a stage changes its settings in a block`, {
      label: 'not a block of settings',
      secondary: [{ span: symbol.decl.name.span, message: `\`${name}\` is declared here` }],
      help: `write \`${name} { … }\` with the settings of \`${name}\` that differ on this stage`,
    });
    return undefined;
  }
  const first = seen.get(name);
  if (first !== undefined) {
    reporter.report('FL2009', entry.name.span, `\`${name}\` is overridden twice in ${owner}`, {
      label: 'again here',
      secondary: [{ span: first.name.span, message: 'first here' }],
      help: 'put its settings in one block',
    });
    return undefined;
  }
  seen.set(name, entry);
  const settings = resolveSettings(entry.value, symbol.kind, `\`${name}\` in ${owner}`, reporter, scope);
  return { symbol, block: entry.value, settings };
}

/** FL2019: `chrage { … }` in a stage, where no declaration is named `chrage`. */
function reportUnknownDeclaration(entry: Setting, decl: StageDecl, reporter: Reporter, scope: Scope): void {
  const name = entry.name.text;
  const found = suggest(name, scope.declarations.keys(), 3, scope.suggestions);
  const settingsFound = found.length > 0 ? [] : suggest(name, stageSettingNames());
  reporter.report('FL2019', entry.name.span, `stage \`${decl.name.text}\` overrides \`${name}\`, but nothing is declared with that name`, {
    label: 'nothing declared has this name',
    help:
      didYouMeanOf(found) ??
      (settingsFound.length > 0
        ? `\`${settingsFound[0]!}\` is a setting of a stage: write \`${settingsFound[0]!} = …\``
        : scope.declarations.size === 0
          ? 'a block in a stage overrides the settings of a declaration, and the file declares none'
          : `a block in a stage overrides the settings of a declaration: ${listWords([...scope.declarations.keys()].slice(0, 8).map((n) => `\`${n}\``), 'or')}${scope.declarations.size > 8 ? ' or another' : ''}`),
    suggestions: replaceWith(entry.name.span, found),
  });
}
