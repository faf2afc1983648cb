import type { DeclarationSymbol, EdgeKind, ResolvedProgram, SettingsMap } from '../resolve/program.js';
import { ownerOnlySettings } from '../settings/existing-arn.js';
import { type EdgeDefault, type SettingsContext, settingSchema, type SettingSpec } from '../settings/schema.js';
import type { AppModel, DeclarationModel, EdgeModel, FunctionModel, QueueModel, StageModel, TopicModel } from './model.js';
import { type FieldOrigin, PoisonWatch, Provenance } from './provenance.js';
import { readValue } from './read-value.js';

/** The typed model of a program, with the side table of where each value came from. */
export interface Model {
  readonly app: AppModel;
  /** The deploy settings of every `stage` block, by name, whatever stage the program is checked for. */
  readonly stages: ReadonlyMap<string, StageModel>;
  /** Every declaration by name, in declaration order. */
  readonly declarations: ReadonlyMap<string, DeclarationModel>;
  /** Every edge, in source order (`edges[i].edge.index === i`). */
  readonly edges: readonly EdgeModel[];
  readonly provenance: Provenance;
  /** Raised when a rule reads a poisoned field (`PoisonWatch`). */
  readonly poison: PoisonWatch;
}

/**
 * Elaboration: after inference, every declaration and edge becomes a typed model item whose
 * fields hold their effective values (the setting as written, else the app's for a function's
 * `memory`, `timeout`, `runtime` and `architecture`, else the schema's default), with the origin
 * of each in `provenance`. Defaults are applied here and nowhere else. Pure: it reports nothing
 * (a malformed value was reported by resolve, a duration that does not divide into its unit is
 * FL4003's), it only records those fields as poisoned.
 */
export function elaborate(program: ResolvedProgram): Model {
  const poison = new PoisonWatch();
  const provenance = new Provenance(poison);
  const build = <T extends object>(base: object, where: SettingsContext, settings: SettingsMap, options: BuildOptions = {}): T => {
    const { fields, origins } = fieldsOf(where, settings, options);
    const item = { ...base, ...fields };
    const poisoned = [...origins].filter(([, origin]) => origin.kind === 'poisoned').map(([field]) => field);
    poisoned.push(...unknownOfExisting(where, fields));
    const shown = poisoned.length === 0 ? item : watched(item, new Set(poisoned), poison);
    provenance.record(shown, origins);
    return shown as T;
  };

  const app = build<AppModel>({ kind: 'app', name: program.app?.name.text ?? 'app' }, 'app', program.appSettings);
  const stages = new Map<string, StageModel>();
  for (const stage of program.stages.values()) stages.set(stage.name, build<StageModel>({ kind: 'stage', name: stage.name, symbol: stage }, 'stage', stage.deploy));
  const inherited = { fields: app as unknown as Readonly<Record<string, unknown>>, provenance };
  const declarations = new Map<string, DeclarationModel>();
  for (const symbol of program.declarations.values()) declarations.set(symbol.name, elaborateDeclaration(symbol, app, inherited, build));
  const edges = program.edges.map((edge) => build<EdgeModel>({ kind: edge.kind, edge }, 'edge', edge.settings, { edgeKind: edge.kind }));
  return { app, stages, declarations, edges, provenance, poison };
}

interface BuildOptions {
  readonly edgeKind?: EdgeKind;
  /** For a function: the app's fields, which its `inherit: 'app'` settings fall back to. */
  readonly inherited?: { readonly fields: Readonly<Record<string, unknown>>; readonly provenance: Provenance };
}

type Build = <T extends object>(base: object, where: SettingsContext, settings: SettingsMap, options?: BuildOptions) => T;

function elaborateDeclaration(symbol: DeclarationSymbol, app: AppModel, inherited: BuildOptions['inherited'], build: Build): DeclarationModel {
  const base = { kind: symbol.kind, name: symbol.name, symbol };
  if (symbol.kind === 'queue' || symbol.kind === 'topic') return withFifoOfExisting(build<QueueModel | TopicModel>(base, symbol.kind, symbol.settings));
  if (symbol.kind !== 'fn') return build<DeclarationModel>(base, symbol.kind, symbol.settings);
  const handler = symbol.settings.get('handler');
  const written = handler?.value.kind === 'StringValue' ? handler.value.value : undefined;
  const handlerPath = written ?? `${app.handlersFolder.replace(/\/+$/, '')}/${symbol.name}.ts`;
  return build<FunctionModel>({ ...base, handlerPath }, 'fn', symbol.settings, inherited === undefined ? {} : { inherited });
}

/**
 * An existing queue or topic is FIFO exactly when its name ends in `.fifo` (AWS names every FIFO
 * queue and topic so): the field holds that, whatever `fifo` says, so the FIFO rules judge the
 * resource as it is; a `fifo` that disagrees is FL4090's one diagnostic.
 */
function withFifoOfExisting<T extends QueueModel | TopicModel>(item: T): T {
  if (item.existing !== null) (item as { fifo: boolean }).fifo = item.existing.name.endsWith('.fifo');
  return item;
}

/**
 * The fields of an existing resource that only its owner sets (compiler/settings/existing-arn.ts):
 * unknown to the rules, so they are watched like poisoned ones (a rule that reads one reports
 * nothing), while the model keeps their values for lowering and the simulator.
 */
function unknownOfExisting(where: SettingsContext, fields: Readonly<Record<string, unknown>>): string[] {
  if (!(where in ownerOnlySettings) || fields.existing === null || fields.existing === undefined) return [];
  const schema = settingSchema[where];
  return ownerOnlySettings[where as keyof typeof ownerOnlySettings].flatMap((name) => (schema[name] === undefined ? [] : [schema[name].field]));
}

function fieldsOf(where: SettingsContext, settings: SettingsMap, options: BuildOptions): { fields: Record<string, unknown>; origins: Map<string, FieldOrigin> } {
  const fields: Record<string, unknown> = {};
  const origins = new Map<string, FieldOrigin>();
  for (const [name, spec] of Object.entries(settingSchema[where])) {
    const setting = settings.get(name);
    const value = setting === undefined ? undefined : readValue(spec, setting.value);
    if (setting !== undefined && value !== undefined) {
      fields[spec.field] = value;
      origins.set(spec.field, { kind: 'written', setting });
      continue;
    }
    fields[spec.field] = defaultOf(spec, options.edgeKind);
    const poisoned = setting ?? settings.poisoned.get(name);
    if (poisoned !== undefined) {
      origins.set(spec.field, { kind: 'poisoned', setting: poisoned });
      continue;
    }
    const parent = spec.inherit === 'app' ? options.inherited : undefined;
    const parentOrigin = parent?.provenance.originOf(parent.fields as unknown as AppModel, spec.field as never);
    if (parent !== undefined && parentOrigin !== undefined && parentOrigin.kind !== 'default') {
      fields[spec.field] = parent.fields[spec.field];
      origins.set(spec.field, parentOrigin.kind === 'written' ? { kind: 'app', setting: parentOrigin.setting } : parentOrigin);
      continue;
    }
    origins.set(spec.field, { kind: 'default' });
  }
  return { fields, origins };
}

function defaultOf(spec: SettingSpec, edgeKind: EdgeKind | undefined): unknown {
  const value = spec.default;
  if (isEdgeDefault(value)) return (edgeKind === undefined ? undefined : value.byEdge[edgeKind]) ?? value.otherwise;
  return value === undefined ? null : value;
}

function isEdgeDefault(value: unknown): value is EdgeDefault<unknown> {
  return typeof value === 'object' && value !== null && 'byEdge' in value;
}

/** The item behind a proxy that raises `poison.touched` when a rule reads one of its poisoned fields. */
function watched<T extends object>(item: T, poisoned: ReadonlySet<string>, poison: PoisonWatch): T {
  return new Proxy(item, {
    get(target, property, receiver) {
      if (typeof property === 'string' && poisoned.has(property)) poison.touched = true;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
