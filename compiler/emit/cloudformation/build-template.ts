import type { FlowManifest } from '../../../runtime/manifest/schema.js';
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
import { tagTemplate } from './tags.js';
import { scheduleResources } from './resources/schedules.js';
import { type Parameter, type Resource, type Template, TEMPLATE_FORMAT_VERSION } from './template.js';

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
 * Manifest → one CloudFormation template with every resource of the app, whatever its size
 * (the nested-stack layout splits it afterwards when CloudFormation's limits call for it).
 * Resources come by kind (topics, queues, buses, streams, tables, apis, buckets, functions, schedules), each kind in
 * name order, then the edges' resources in source order. `Outputs` holds every output of the
 * app (outputs.ts); the layout keeps the first 200 when there are more.
 */
export function buildTemplate(manifest: FlowManifest): Template {
  const context = new EmitContext(manifest);
  const resources: NamedResource[] = [];
  for (const topic of manifest.topics) resources.push(...topicResources(context, topic), ...topicPolicy(context, topic));
  for (const queue of manifest.queues) resources.push(...queueResources(context, queue));
  for (const bus of manifest.buses) resources.push(...busResources(context, bus));
  for (const stream of manifest.streams) resources.push(...streamResources(context, stream));
  for (const table of manifest.tables) resources.push(...tableResources(context, table));
  for (const api of manifest.apis) resources.push(...apiResources(context, api));
  for (const bucket of manifest.buckets) resources.push(bucketResource(context, bucket));
  for (const fn of manifest.functions) resources.push(...functionResources(context, fn));
  for (const schedule of manifest.schedules) resources.push(...scheduleResources(context, schedule));
  for (const edge of manifest.edges) resources.push(...edgeResources(context, edge));

  // CloudFormation refuses a template without resources ("At least one Resources member must be defined").
  if (resources.length === 0) resources.push([EMPTY_APP_PLACEHOLDER, emptyAppPlaceholder(manifest)]);
  // Duplicates are looked for in a set: `id in byId` on an object of thousands of keys is slower.
  const ids = new Set<string>();
  const byId: Record<string, Resource> = {};
  for (const [id, resource] of resources) {
    if (ids.has(id)) throw new Error(`internal: two resources with the logical ID ${id}`);
    ids.add(id);
    byId[id] = resource;
  }
  const parameters: Record<string, Parameter> = {};
  const addParameter = (id: string, description: string): void => {
    if (ids.has(id)) throw new Error(`internal: two resources or parameters with the logical ID ${id}`);
    ids.add(id);
    parameters[id] = { Type: 'String', Description: description };
  };
  if (manifest.functions.length > 0) addParameter(ASSETS_BUCKET_PARAMETER, 'The S3 bucket of the code bundles (set by flowc package)');
  for (const fn of manifest.functions) addParameter(codeKeyParameter(fn.name), `The S3 key of the code bundle of ${fn.name} (set by flowc package)`);
  const outputs = appOutputs(manifest);
  return tagTemplate({
    AWSTemplateFormatVersion: TEMPLATE_FORMAT_VERSION,
    Description: templateDescription(manifest),
    Metadata: { flowc: { generated: generatedNote(sourceName(manifest)) } },
    ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}),
    Resources: byId,
    ...(Object.keys(outputs).length > 0 ? { Outputs: outputs } : {}),
  }, manifest.tags, manifest.declarationTags);
}
