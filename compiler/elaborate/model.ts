import type { S3EventWord } from '../../runtime/aws/s3.js';
import type { Deduplication, EnvValue, ExistingResource, FieldPath, JsonValue } from '../../runtime/manifest/schema.js';
import type { DeclarationSymbol, Edge, EdgeKind, StageSymbol } from '../resolve/program.js';
import type { settingSpecs, SettingsContext } from '../settings/schema.js';
import type { SettingsBlock } from '../syntax/ast.js';

type Specs = typeof settingSpecs;

/** What a setting's form reads as, in the model. */
type FormValue<V> = V extends { readonly type: 'int' | 'number' | 'duration' }
  ? number
  : V extends { readonly type: 'bool' }
    ? boolean
    : V extends { readonly type: 'word'; readonly words: readonly (infer W)[] }
      ? W
      : V extends { readonly type: 'string' | 'runtime' | 'ref' }
        ? string
        : V extends { readonly type: 'refs' | 'strings' }
          ? readonly string[]
          : V extends { readonly type: 'field' }
            ? FieldPath
            : V extends { readonly type: 'dedupe' }
              ? Deduplication
              : V extends { readonly type: 'env' }
                ? Readonly<Record<string, EnvValue>>
                : V extends { readonly type: 'tags' }
                  ? Readonly<Record<string, string>>
                  : V extends { readonly type: 'pattern' }
                    ? SettingsBlock
                    : V extends { readonly type: 'timestamp' }
                      ? number
                      : V extends { readonly type: 'events' }
                      ? readonly S3EventWord[]
                      : V extends { readonly type: 'json' }
                      ? JsonValue
                      : V extends { readonly type: 'arn' }
                      ? ExistingResource
                      : never;

/** Whether a setting's default (or one of its per-edge defaults) is "none". */
type HasNoneDefault<S> = S extends { readonly default: infer D }
  ? D extends { readonly byEdge: unknown; readonly otherwise: infer O }
    ? null extends O
      ? true
      : false
    : null extends D
      ? true
      : false
  : true;

type FieldValue<S> = S extends { readonly value: infer V } ? (HasNoneDefault<S> extends true ? FormValue<V> | null : FormValue<V>) : never;

/** The model fields of one settings context, named and typed by the schema: `visibility` → `visibilityTimeoutSeconds: number`. */
export type FieldsOf<C extends SettingsContext> = {
  readonly [K in keyof Specs[C] as Specs[C][K] extends { readonly field: infer F extends string } ? F : never]: FieldValue<Specs[C][K]>;
};

export interface AppModel extends FieldsOf<'app'> {
  readonly kind: 'app';
  readonly name: string;
}

/** The deploy settings of one `stage` block (`region`, `account`, …); its other settings are in the app and declaration items. */
export interface StageModel extends FieldsOf<'stage'> {
  readonly kind: 'stage';
  readonly name: string;
  readonly symbol: StageSymbol;
}

interface Declared<K extends DeclarationSymbol['kind']> {
  readonly kind: K;
  readonly name: string;
  readonly symbol: DeclarationSymbol;
}

export interface FunctionModel extends Declared<'fn'>, FieldsOf<'fn'> {
  /** `handler`, else `<app handlers folder>/<name>.ts`: the one place that default is decided. */
  readonly handlerPath: string;
}
export interface QueueModel extends Declared<'queue'>, FieldsOf<'queue'> {}
export interface TopicModel extends Declared<'topic'>, FieldsOf<'topic'> {}
export interface BusModel extends Declared<'bus'>, FieldsOf<'bus'> {}
export interface ApiModel extends Declared<'api'>, FieldsOf<'api'> {}
export interface StreamModel extends Declared<'stream'>, FieldsOf<'stream'> {}
export interface TableModel extends Declared<'table'>, FieldsOf<'table'> {}
export interface BucketModel extends Declared<'bucket'>, FieldsOf<'bucket'> {}
export interface ScheduleModel extends Declared<'schedule'>, FieldsOf<'schedule'> {}

export type DeclarationModel = FunctionModel | QueueModel | TopicModel | BusModel | StreamModel | TableModel | ApiModel | BucketModel | ScheduleModel;

export interface EdgeModel extends FieldsOf<'edge'> {
  readonly kind: EdgeKind;
  readonly edge: Edge;
}

/** Any item of the model that has fields: what provenance is kept for. */
export type ModelItem = AppModel | StageModel | DeclarationModel | EdgeModel;

/** The fields of an item, for `spanOf(item, field)`: its settings' fields, never `kind` or `name`. */
export type FieldOf<T extends ModelItem> = Exclude<keyof T & string, 'kind' | 'name' | 'symbol' | 'edge' | 'handlerPath'>;
