import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import type { ManifestItem, ManifestList } from '../../kinds/kind.js';
import { type DeclarationKind, kinds } from '../../kinds/registry.js';
import { generatedNote } from '../file-map.js';
import { EmitContext, type NamedResource } from './context.js';
import { ASSETS_BUCKET_PARAMETER, codeKeyParameter } from './logical-id.js';
import { appOutputs } from './outputs.js';
import { apiResources } from './resources/apis.js';
import { bucketResource, topicPolicy } from './resources/buckets.js';
import { busResources, streamResources, tableResources, topicResources } from './resources/channels.js';
import { edgeResources } from './resources/edges.js';
import { functionResources } from './resources/functions.js';
import { queueResources } from './resources/queues.js';
import { resourceTagger } from './tags.js';
import { scheduleResources } from './resources/schedules.js';
import { type Output, type Parameter, type Resource, type Template, TEMPLATE_FORMAT_VERSION } from './template.js';

/** The one resource of an app that declares nothing: a wait condition handle, which does nothing. */
export const EMPTY_APP_PLACEHOLDER = 'FlowcEmptyApp';

function emptyAppPlaceholder(manifest: FlowManifest): Resource {
  return { Type: 'AWS::CloudFormation::WaitConditionHandle', Properties: {}, Metadata: { flowc: { name: manifest.app, line: 1, column: 1 } } };
}

/** The .flow file's name without its folder, as the templates name it. */
export function sourceName(manifest: FlowManifest): string {
  return manifest.source.split(/[\\/]/).pop() ?? manifest.source;
}

export function templateDescription(manifest: FlowManifest): string {
  return `flowc app ${manifest.app}`;
}

/**
 * The resources of each kind of declaration, in the order the template lists the kinds (the key
 * order here): a `Record` over the registry's kinds, so a new kind is a type error until it says
 * what it becomes. Edges' resources come after all of them (resources/edges.ts).
 */
const declarationResources: { readonly [K in DeclarationKind]: (context: EmitContext, spec: ManifestItem<(typeof kinds)[K]['manifestList']>) => NamedResource[] } = {
  topic: (context, topic) => [...topicResources(context, topic), ...topicPolicy(context, topic)],
  queue: queueResources,
  bus: busResources,
  stream: streamResources,
  table: tableResources,
  api: apiResources,
  bucket: (context, bucket) => [bucketResource(context, bucket)],
  fn: functionResources,
  schedule: scheduleResources,
};

/**
 * A template's parts before they are one object: the nested-stack layout takes the resources
 * out of them (nested-stacks.ts) rather than reading a whole template it would then hold.
 */
export interface TemplateParts {
  readonly description: string;
  readonly metadata: Template['Metadata'];
  readonly parameters: { readonly [logicalId: string]: Parameter };
  /** In template order, tagged. */
  readonly resources: NamedResource[];
  readonly outputs: { readonly [logicalId: string]: Output };
}

/**
 * Manifest → one CloudFormation template with every resource of the app, whatever its size
 * (the nested-stack layout splits it afterwards when CloudFormation's limits call for it).
 * Resources come by kind (topics, queues, buses, streams, tables, apis, buckets, functions, schedules), each kind in
 * name order, then the edges' resources in source order. `Outputs` holds every output of the
 * app (outputs.ts); the layout keeps the first 200 when there are more.
 */
export function buildTemplate(manifest: FlowManifest): Template {
  return templateOf(buildTemplateParts(manifest));
}

/** The parts of `buildTemplate`'s template. */
export function buildTemplateParts(manifest: FlowManifest): TemplateParts {
  const context = new EmitContext(manifest);
  const resources: NamedResource[] = [];
  const tag = resourceTagger(manifest.tags, manifest.declarationTags);
  const add = (built: readonly NamedResource[]): void => {
    for (const entry of built) resources.push(tag === undefined ? entry : [entry[0], tag(entry[1])]);
  };
  for (const kind of Object.keys(declarationResources) as DeclarationKind[]) {
    const build = declarationResources[kind] as (context: EmitContext, spec: ManifestItem<ManifestList>) => NamedResource[];
    for (const spec of manifest[kinds[kind].manifestList]) add(build(context, spec));
  }
  for (const edge of manifest.edges) add(edgeResources(context, edge));

  // CloudFormation refuses a template without resources ("At least one Resources member must be defined").
  if (resources.length === 0) add([[EMPTY_APP_PLACEHOLDER, emptyAppPlaceholder(manifest)]]);
  // Duplicates are looked for in a set: `id in byId` on an object of thousands of keys is slower.
  const ids = new Set<string>();
  for (const [id] of resources) {
    if (ids.has(id)) throw new Error(`internal: two resources with the logical ID ${id}`);
    ids.add(id);
  }
  const parameters: Record<string, Parameter> = {};
  const addParameter = (id: string, description: string): void => {
    if (ids.has(id)) throw new Error(`internal: two resources or parameters with the logical ID ${id}`);
    ids.add(id);
    parameters[id] = { Type: 'String', Description: description };
  };
  if (manifest.functions.length > 0) addParameter(ASSETS_BUCKET_PARAMETER, 'The S3 bucket of the code bundles (set by flowc package)');
  for (const fn of manifest.functions) addParameter(codeKeyParameter(fn.name), `The S3 key of the code bundle of ${fn.name} (set by flowc package)`);
  return {
    description: templateDescription(manifest),
    metadata: { flowc: { generated: generatedNote(sourceName(manifest)) } },
    parameters,
    resources,
    outputs: appOutputs(manifest),
  };
}

/** The one-stack template of `parts`. */
export function templateOf(parts: TemplateParts): Template {
  const resources: Record<string, Resource> = {};
  for (const [id, resource] of parts.resources) resources[id] = resource;
  return {
    AWSTemplateFormatVersion: TEMPLATE_FORMAT_VERSION,
    Description: parts.description,
    Metadata: parts.metadata,
    ...(Object.keys(parts.parameters).length > 0 ? { Parameters: parts.parameters } : {}),
    Resources: resources,
    ...(Object.keys(parts.outputs).length > 0 ? { Outputs: parts.outputs } : {}),
  };
}
