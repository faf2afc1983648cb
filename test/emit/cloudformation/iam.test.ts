import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generateFlow } from '../../../bench/generate.js';
import { buildTemplate } from '../../../compiler/emit/cloudformation/index.js';
import type { Template, TemplateValue } from '../../../compiler/emit/cloudformation/template.js';
import type { FlowManifest, FunctionSpec } from '../../../runtime/manifest/schema.js';
import { fixtureFolders, fixturesRoot } from '../../helpers/fixtures.js';
import { manifestOf, manifestOfFile } from './helpers/compile.js';

/**
 * The execution roles, against what each function's edges and `sends` need, worked out here
 * from the manifest and the AWS documentation (aws-facts §1.6, §2.8) independently of the
 * emitter: every role allows exactly those actions on exactly those ARNs, no action and no
 * resource is `*`, and the only wildcards are the two AWS requires (docs/cloudformation.md).
 */

const root = new URL('../../../', import.meta.url).pathname;

const apps: { name: string; manifest: () => FlowManifest }[] = [
  ...readdirSync(join(root, 'examples'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ name: `examples/${e.name}`, manifest: () => manifestOfFile(join(root, 'examples', e.name, `${e.name}.flow`)) })),
  ...fixtureFolders('valid').map((name) => ({ name: `fixtures/valid/${name}`, manifest: () => manifestOfFile(join(fixturesRoot, 'valid', name, 'input.flow')) })),
  { name: 'bench flow of 100 functions', manifest: () => manifestOf('app.flow', generateFlow(100)) },
];

const arn = (service: string, rest: string) => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${rest}`;

/** What the role of `fn` must allow, as `action resource` lines. */
function expectedGrants(manifest: FlowManifest, fn: FunctionSpec): string[] {
  const physical = (name: string, fifo = false) => `${manifest.app}-${name}${fifo ? '.fifo' : ''}`;
  const fifoOf = (kind: string, name: string) =>
    (kind === 'queue' && manifest.queues.find((q) => q.name === name)?.fifo) || (kind === 'topic' && manifest.topics.find((t) => t.name === name)?.fifo) || false;
  const arnOf = (kind: string, name: string): string => {
    const p = physical(name, fifoOf(kind, name));
    switch (kind) {
      case 'fn':
        return arn('lambda', `function:${p}`);
      case 'queue':
        return arn('sqs', p);
      case 'topic':
        return arn('sns', p);
      case 'bus':
        return arn('events', `event-bus/${p}`);
      case 'stream':
        return arn('kinesis', `stream/${p}`);
      case 'table':
        return arn('dynamodb', `table/${p}`);
      default:
        throw new Error(kind);
    }
  };
  // Lambda delivering a destination or a stream's on-failure record, with the function's role.
  const deliver: Record<string, string[]> = { fn: ['lambda:InvokeFunction'], queue: ['sqs:SendMessage'], topic: ['sns:Publish'], bus: ['events:PutEvents'] };
  // The handler's calls through the generated clients (runtime/clients, runtime/idempotency).
  const send: Record<string, string[]> = {
    queue: ['sqs:SendMessage'],
    topic: ['sns:Publish'],
    bus: ['events:PutEvents'],
    stream: ['kinesis:PutRecord', 'kinesis:PutRecords'],
    table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
  };
  const lines: string[] = [];
  const grant = (actions: readonly string[], resource: string) => {
    for (const action of actions) lines.push(`${action} ${resource}`);
  };
  const group = `/aws/lambda/${physical(fn.name)}`;
  grant(['logs:CreateLogStream', 'logs:PutLogEvents'], arn('logs', `log-group:${group}`));
  grant(['logs:CreateLogStream', 'logs:PutLogEvents'], arn('logs', `log-group:${group}:*`));
  for (const edge of manifest.edges) {
    if (edge.kind === 'destination' && edge.source === fn.name) grant(deliver[edge.targetKind] as string[], arnOf(edge.targetKind, edge.target));
    if (edge.target !== fn.name) continue;
    if (edge.kind === 'queue-trigger') grant(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], arnOf('queue', edge.source));
    if (edge.kind === 'stream-trigger') {
      const read = ['DescribeStream', 'DescribeStreamSummary', 'GetRecords', 'GetShardIterator', 'ListShards', 'ListStreams', 'SubscribeToShard'];
      grant(
        read.map((a) => `kinesis:${a}`),
        arnOf('stream', edge.source),
      );
    }
    if (edge.kind === 'table-trigger') {
      grant(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], `${arnOf('table', edge.source)}/stream/*`);
    }
    if ((edge.kind === 'stream-trigger' || edge.kind === 'table-trigger') && edge.onFailure) grant(deliver[edge.onFailure.kind] as string[], arnOf(edge.onFailure.kind, edge.onFailure.name));
  }
  for (const target of fn.sends) grant(send[target.kind] as string[], arnOf(target.kind, target.name));
  return [...new Set(lines)].sort();
}

/** What a role allows, as `action resource` lines; every statement an Allow. */
function grantsOf(template: Template, roleId: string): string[] {
  const role = template.Resources[roleId];
  const lines: string[] = [];
  for (const policy of (role?.Properties.Policies ?? []) as { PolicyDocument: { Statement: { Effect: string; Action: string | string[]; Resource: TemplateValue[] }[] } }[]) {
    for (const statement of policy.PolicyDocument.Statement) {
      expect(statement.Effect).toBe('Allow');
      for (const action of [statement.Action].flat()) {
        for (const resource of statement.Resource) lines.push(`${action} ${(resource as { 'Fn::Sub': string })['Fn::Sub']}`);
      }
    }
  }
  return lines.sort();
}

/** Every `Action`, `NotAction`, `Resource` and `Principal` of every policy document in the template. */
function policyElements(value: TemplateValue, out: { key: string; value: TemplateValue }[] = []): { key: string; value: TemplateValue }[] {
  if (typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const item of value as readonly TemplateValue[]) policyElements(item, out);
    return out;
  }
  for (const [key, item] of Object.entries(value as { readonly [key: string]: TemplateValue })) {
    if (['Action', 'NotAction', 'Resource', 'NotResource', 'Principal'].includes(key)) out.push({ key, value: item });
    policyElements(item, out);
  }
  return out;
}

describe('execution roles', () => {
  for (const { name, manifest } of apps) {
    test(`${name}: each role allows exactly what its function's edges and sends need`, () => {
      const m = manifest();
      const template = buildTemplate(m);
      for (const fn of m.functions) {
        const roleId = Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::IAM::Role' && r.Metadata.flowc && 'name' in r.Metadata.flowc && r.Metadata.flowc.name === fn.name)?.[0] as string;
        expect(template.Resources[roleId]?.Properties).not.toHaveProperty('ManagedPolicyArns');
        expect(grantsOf(template, roleId), fn.name).toEqual(expectedGrants(m, fn));
      }
    });

    test(`${name}: no "*" action, resource or principal; wildcards only where AWS requires them`, () => {
      const template = buildTemplate(manifest());
      for (const [id, resource] of Object.entries(template.Resources)) {
        for (const { key, value } of policyElements(resource.Properties)) {
          const texts = [value]
            .flat()
            .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
            .filter((t) => t.includes('*'));
          for (const text of texts) {
            // The log streams of the function's own log group, and the stream of a table (its
            // label is a timestamp picked at creation); nothing else.
            const allowed = key === 'Resource' && (/:log-group:\/aws\/lambda\/[^:*"]+:\*"\}$/.test(text) || /:table\/[^/*"]+\/stream\/\*"\}$/.test(text));
            expect(allowed, `${id}: ${key} ${text}`).toBe(true);
          }
        }
      }
    });
  }
});

describe('sends to a table', () => {
  test('the role may call exactly the DynamoDB operations of the generated table client and idempotency store', () => {
    const sources = ['runtime/clients/bus-stream-table.ts', 'runtime/idempotency/dynamodb-store.ts'].map((path) => readFileSync(join(root, path), 'utf8'));
    const called = new Set<string>();
    for (const source of sources) for (const match of source.matchAll(/new module\.(\w+Item|Query|Scan|Transact\w+|Batch\w+)Command\b/g)) called.add(`dynamodb:${match[1]}`);
    const m = manifestOf('app.flow', 'app shop\ntype O = { id: string }\ntopic placed: O\ntable orders: O { key = id }\nfn f(O) { sends = [orders] }\nplaced -> f\n');
    const grants = grantsOf(buildTemplate(m), 'FFunctionRole').filter((line) => line.startsWith('dynamodb:'));
    expect([...new Set(grants.map((line) => line.split(' ')[0]))].sort()).toEqual([...called].sort());
    expect(called).toEqual(new Set(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem']));
  });
});
