import type { FlowManifest } from '../../../runtime/manifest/schema.js';
import { declarationId } from './logical-id.js';
import { getAtt, type Output, ref, type Template } from './template.js';

/**
 * The template's `Outputs`: for each resource a user or a script addresses, the value the AWS
 * CLI and SDKs take for it. No `Export`: exports couple stacks (an exported value cannot change
 * while another stack imports it), and nothing outside the app needs one.
 *
 * | declaration | output | value |
 * | --- | --- | --- |
 * | `fn f` | `FFunctionArn` | the function ARN |
 * | `queue q` | `QQueueUrl` | the queue URL |
 * | `topic t` | `TTopicArn` | the topic ARN |
 * | `bus b` | `BBusArn` | the bus ARN |
 * | `stream s` | `SStreamArn` | the stream ARN |
 * | `table t` | `TTableName`, and `TTableStreamArn` with a stream | the table name, its stream ARN |
 * | `api a` | `AApiUrl` | the URL of its `$default` stage (`ApiEndpoint`) |
 *
 * The name is the logical ID plus what the value is. No logical ID ends in `Arn`, `Url` or
 * `Name`, so output names never meet resource or parameter IDs. The order is the order in which
 * outputs are kept when a template can hold only some (CloudFormation allows 200): functions,
 * queues, topics, buses, streams, tables, apis, each by name.
 */
export function appOutputs(manifest: FlowManifest): Record<string, Output> {
  const outputs: Record<string, Output> = {};
  const add = (id: string, suffix: string, value: Output['Value'], description: string) => {
    outputs[`${id}${suffix}`] = { Description: description, Value: value };
  };
  for (const { name } of byName(manifest.functions)) {
    const id = declarationId(name, 'Function');
    add(id, 'Arn', getAtt(id, 'Arn'), `The ARN of function ${name}`);
  }
  // An existing resource is not the stack's to output: its ARN is in the .flow file.
  const created = <T extends { readonly existing?: unknown }>(items: readonly T[]) => items.filter((item) => item.existing === undefined);
  for (const { name } of byName(created(manifest.queues))) {
    const id = declarationId(name, 'Queue');
    add(id, 'Url', ref(id), `The URL of queue ${name}`);
  }
  for (const { name } of byName(created(manifest.topics))) {
    const id = declarationId(name, 'Topic');
    add(id, 'Arn', ref(id), `The ARN of topic ${name}`);
  }
  for (const { name } of byName(created(manifest.buses))) {
    const id = declarationId(name, 'Bus');
    add(id, 'Arn', getAtt(id, 'Arn'), `The ARN of bus ${name}`);
  }
  for (const { name } of byName(created(manifest.streams))) {
    const id = declarationId(name, 'Stream');
    add(id, 'Arn', getAtt(id, 'Arn'), `The ARN of stream ${name}`);
  }
  for (const { name, streamView } of byName(created(manifest.tables))) {
    const id = declarationId(name, 'Table');
    add(id, 'Name', ref(id), `The name of table ${name}`);
    if (streamView) add(id, 'StreamArn', getAtt(id, 'StreamArn'), `The ARN of the stream of table ${name}`);
  }
  for (const { name } of byName(manifest.apis)) {
    const id = declarationId(name, 'Api');
    add(id, 'Url', getAtt(id, 'ApiEndpoint'), `The URL of HTTP API ${name}`);
  }
  return outputs;
}

/** The template with only its first `limit` outputs (all of them when they fit). */
export function withOutputsUpTo(template: Template, limit: number): Template {
  const outputs = Object.entries(template.Outputs ?? {});
  if (outputs.length <= limit) return template;
  const { Outputs: _all, ...rest } = template;
  return limit > 0 ? { ...rest, Outputs: Object.fromEntries(outputs.slice(0, limit)) } : rest;
}

function byName<T extends { readonly name: string }>(specs: readonly T[]): T[] {
  return [...specs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
