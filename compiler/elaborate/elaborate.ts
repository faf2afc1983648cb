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
    const { item, origins } = itemOf(base, where, settings, options);
    const poisoned: string[] = [];
    for (const [field, origin] of origins) if (origin.kind === 'poisoned') poisoned.push(field);
    poisoned.push(...unknownOfExisting(where, item));
    const shown = poisoned.length === 0 ? item : watched(item, new Set(poisoned), poison);
    provenance.record(shown, origins);
    return shown as T;
  };

  const app = build<AppModel>({ kind: 'app', name: program.app?.name.text ?? 'app' }, 'app', program.appSettings);
  const stages = new Map<string, StageModel>();
  for (const stage of program.stages.values()) stages.set(stage.name, build<StageModel>({ kind: 'stage', name: stage.name, symbol: stage }, 'stage', stage.deploy));
  const inherited = { fields: app as unknown as Readonly<Record<string, unknown>>, provenance };
  const handlersFolder = app.handlersFolder.replace(/\/+$/, '');
  const declarations = new Map<string, DeclarationModel>();
  for (const symbol of program.declarations.values()) declarations.set(symbol.name, elaborateDeclaration(symbol, handlersFolder, inherited, build));
  const edges = program.edges.map((edge) => build<EdgeModel>({ kind: edge.kind, edge }, 'edge', edge.settings, { edgeKind: edge.kind }));
  return { app, stages, declarations, edges, provenance, poison };
}

interface BuildOptions {
  readonly edgeKind?: EdgeKind;
  /** For a function: the app's fields, which its `inherit: 'app'` settings fall back to. */
  readonly inherited?: { readonly fields: Readonly<Record<string, unknown>>; readonly provenance: Provenance };
}

type Build = <T extends object>(base: object, where: SettingsContext, settings: SettingsMap, options?: BuildOptions) => T;

/** `handlersFolder`: the app's, without a trailing `/`. */
function elaborateDeclaration(symbol: DeclarationSymbol, handlersFolder: string, inherited: BuildOptions['inherited'], build: Build): DeclarationModel {
  const base = { kind: symbol.kind, name: symbol.name, symbol };
  if (symbol.kind === 'queue' || symbol.kind === 'topic') return withFifoOfExisting(build<QueueModel | TopicModel>(base, symbol.kind, symbol.settings));
  if (symbol.kind !== 'fn') return build<DeclarationModel>(base, symbol.kind, symbol.settings);
  const handler = symbol.settings.get('handler');
  const written = handler?.value.kind === 'StringValue' ? handler.value.value : undefined;
  const handlerPath = written ?? `${handlersFolder}/${symbol.name}.ts`;
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

/** What elaborate needs of one settings context's schema, worked out once per process instead of per item. */
interface ContextSchema {
  readonly specs: ReadonlyMap<string, SettingSpec>;
  /** The settings a function takes from the app when it does not write them (`inherit: 'app'`). */
  readonly inherited: readonly SettingSpec[];
  /** Every field at its default, in schema order, by edge kind (`''` off edges): the start of each item. */
  readonly defaults: Map<string, Readonly<Record<string, unknown>>>;
}

const contextSchemas = new Map<SettingsContext, ContextSchema>();

function contextSchema(where: SettingsContext): ContextSchema {
  let schema = contextSchemas.get(where);
  if (schema === undefined) {
    const specs = new Map(Object.entries(settingSchema[where]));
    schema = { specs, inherited: [...specs.values()].filter((spec) => spec.inherit === 'app'), defaults: new Map() };
    contextSchemas.set(where, schema);
  }
  return schema;
}

function defaultsOf(schema: ContextSchema, edgeKind: EdgeKind | undefined): Readonly<Record<string, unknown>> {
  const key = edgeKind ?? '';
  let defaults = schema.defaults.get(key);
  if (defaults === undefined) {
    const fields: Record<string, unknown> = {};
    for (const spec of schema.specs.values()) fields[spec.field] = defaultOf(spec, edgeKind);
    defaults = fields;
    schema.defaults.set(key, defaults);
  }
  return defaults;
}

/**
 * The item: `base`, then every field of the context in schema order at its effective value.
 * Only the origins that are not the default are recorded (`Provenance.originOf` reads a missing
 * one as the default), so an item costs what its settings are, not what the schema is.
 */
function itemOf(base: object, where: SettingsContext, settings: SettingsMap, options: BuildOptions): { item: Record<string, unknown>; origins: Map<string, FieldOrigin> } {
  const schema = contextSchema(where);
  const item: Record<string, unknown> = { ...base, ...defaultsOf(schema, options.edgeKind) };
  const origins = new Map<string, FieldOrigin>();
  for (const [name, setting] of settings.poisoned) {
    const spec = schema.specs.get(name);
    if (spec !== undefined) origins.set(spec.field, { kind: 'poisoned', setting });
  }
  for (const [name, setting] of settings) {
    const spec = schema.specs.get(name);
    if (spec === undefined) continue;
    const value = readValue(spec, setting.value);
    if (value === undefined) {
      origins.set(spec.field, { kind: 'poisoned', setting });
      continue;
    }
    item[spec.field] = value;
    origins.set(spec.field, { kind: 'written', setting });
  }
  const parent = options.inherited;
  if (parent === undefined) return { item, origins };
  for (const spec of schema.inherited) {
    if (origins.has(spec.field)) continue;
    const parentOrigin = parent.provenance.originOf(parent.fields as unknown as AppModel, spec.field as never);
    if (parentOrigin.kind === 'default') continue;
    item[spec.field] = parent.fields[spec.field];
    origins.set(spec.field, parentOrigin.kind === 'written' ? { kind: 'app', setting: parentOrigin.setting } : parentOrigin);
  }
  return { item, origins };
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
