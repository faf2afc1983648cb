import type { Reporter } from '../diagnostics/reporter.js';
import { didYouMeanOf, listWords, suggest } from '../diagnostics/suggest.js';
import { settingSchema } from '../settings/schema.js';
import type { Setting } from '../syntax/ast.js';
import { type DeclarationSymbol, type Edge, type ResolvedProgram, type SettingsMap, settingsMap, type StageSymbol } from './program.js';

/**
 * The pass that puts a program on a stage (`--stage prod`), between resolve and check, so every
 * rule sees the stage as part of the program it checks: the name-length rule (FL4036) measures
 * `<app>-<stage>-<name>`, and lowering carries the stage into the manifest, where the
 * emitters and the simulator spell names with it (runtime/manifest/names.ts).
 *
 * With a `stage` block of that name, its settings replace the app's and the overridden
 * declarations' settings of the same names: the rules then judge the stage's values, and a
 * diagnostic about one points into the stage block, where it was written. Without any `stage`
 * block, any stage name only changes names (as before stage blocks existed); with some, a name
 * none declares is FL2018.
 */
export function applyStage(program: ResolvedProgram, stage: string | undefined, reporter: Reporter): ResolvedProgram {
  if (stage === undefined) return program;
  const block = program.stages.get(stage);
  if (block === undefined) {
    if (program.stages.size > 0 && !program.damagedStages.has(stage)) reportUnknownStage(program, stage, reporter);
    return { ...program, stage };
  }
  return onStage(program, block);
}

function onStage(program: ResolvedProgram, stage: StageSymbol): ResolvedProgram {
  const symbols = new Map<DeclarationSymbol, DeclarationSymbol>();
  const declarations = new Map<string, DeclarationSymbol>();
  for (const [name, symbol] of program.declarations) {
    const override = stage.overrides.get(name);
    const staged = override === undefined ? symbol : { ...symbol, settings: merged(symbol.settings, override.settings), override: override.block };
    symbols.set(symbol, staged);
    declarations.set(name, staged);
  }
  const on = (symbol: DeclarationSymbol): DeclarationSymbol => symbols.get(symbol) ?? symbol;
  // Edges and references hold symbols: they are re-pointed at the staged ones, so a rule that
  // follows an edge to its target reads the target's settings on this stage.
  const edges: Edge[] = program.edges.map((edge) => ({ ...edge, source: on(edge.source), target: on(edge.target) }));
  const references = new Map([...program.references].map(([identifier, symbol]) => [identifier, on(symbol)] as const));
  return { ...program, appSettings: merged(program.appSettings, stage.app), declarations, edges, references, stage: stage.name };
}

/**
 * The settings whose value is a block of tags: a stage's `tags { env = "prod" }` adds to the
 * app's tags (or a declaration's) key by key, as the declaration's own tags do over the app's,
 * instead of replacing them all.
 */
const TAG_BLOCKS: ReadonlySet<string> = new Set(
  Object.values(settingSchema).flatMap((context) => Object.entries(context).filter(([, spec]) => spec.value.type === 'tags').map(([name]) => name)),
);

/** A block of tags: `base`'s entries that `over` does not set, then `over`'s. */
function mergedTags(base: Setting, over: Setting): Setting {
  if (base.value.kind !== 'SettingsBlock' || over.value.kind !== 'SettingsBlock') return over;
  const keys = new Set(over.value.entries.map((entry) => entry.name.text));
  return { ...over, value: { ...over.value, entries: [...base.value.entries.filter((entry) => !keys.has(entry.name.text)), ...over.value.entries] } };
}

/** `base` with every setting `over` writes (well formed or poisoned) replaced by `over`'s; blocks of tags merged key by key. */
function merged(base: SettingsMap, over: SettingsMap): SettingsMap {
  if (over.size === 0 && over.poisoned.size === 0) return base;
  const result = settingsMap();
  const written = new Set([...over.keys(), ...over.poisoned.keys()]);
  const keep = (into: Map<string, Setting>, from: ReadonlyMap<string, Setting>) => {
    for (const [name, setting] of from) if (!written.has(name)) into.set(name, setting);
  };
  keep(result, base);
  keep(result.poisoned, base.poisoned);
  for (const [name, setting] of over) {
    const under = base.get(name);
    result.set(name, under !== undefined && TAG_BLOCKS.has(name) ? mergedTags(under, setting) : setting);
  }
  for (const [name, setting] of over.poisoned) result.poisoned.set(name, setting);
  return result;
}

/**
 * FL2018: `--stage prd` when the file declares `stage dev` and `stage prod`. The option is not
 * in the file, so the diagnostic points at the closest stage block (or the first), which is
 * where the stages it may mean are.
 */
function reportUnknownStage(program: ResolvedProgram, stage: string, reporter: Reporter): void {
  const names = [...program.stages.keys()];
  const found = suggest(stage, names);
  const at = program.stages.get(found[0] ?? names[0] ?? '');
  if (at === undefined) return;
  reporter.report('FL2018', at.decl.name.span, `\`--stage ${stage}\`: the file declares no stage \`${stage}\``, {
    label: found.length > 0 ? 'a stage of a close name' : 'the stages are declared with `stage NAME { … }`',
    help: didYouMeanOf(found.map((n) => `--stage ${n}`)) ?? `use one of its stages: ${listWords(names.map((n) => `\`--stage ${n}\``), 'or')}`,
    notes: [
      `the stages of this file: ${listWords(names.map((n) => `\`${n}\``), 'and')}`,
      `a new stage with the app's settings as they are is one line: \`stage ${stage} {}\``,
    ],
  });
}
