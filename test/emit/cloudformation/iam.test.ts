import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildTemplate } from '../../../compiler/emit/cloudformation/index.js';
import type { Resource, Template, TemplateValue } from '../../../compiler/emit/cloudformation/template.js';
import { type ClientGrant, executionRole, type Grant, lambdaTrust, resourcePolicy, schedulerRole, schedulerTrust } from '../../../runtime/aws/iam.js';
import { routeArnSuffix } from '../../../runtime/aws/arns.js';
import type { ExistingResource, FlowManifest, FunctionSpec } from '../../../runtime/manifest/schema.js';
import { allApps } from './helpers/apps.js';
import { flow } from './helpers/compile.js';

/**
 * The IAM of every template, against the table of what AWS documents as needed
 * (runtime/aws/iam.ts, each entry with the AWS pages that say so): for every role of every
 * example and fixture, the actions each edge and `sends` target needs, on the ARN it is for,
 * worked out here from the manifest; every role allows exactly that set, no more, no less. The
 * table itself is held to the SDK calls of the generated clients and to docs/cloudformation.md.
 */

const root = new URL('../../../', import.meta.url).pathname;

const arn = (service: string, rest: string) => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${rest}`;

/** The `existing` of a queue, topic, bus, stream or table with `arn = "…"`: its own ARN, as written. */
function existingOf(manifest: FlowManifest, kind: string, name: string): ExistingResource | undefined {
  const lists: Record<string, readonly { name: string; existing?: ExistingResource }[]> = { queue: manifest.queues, topic: manifest.topics, bus: manifest.buses, stream: manifest.streams, table: manifest.tables };
  return lists[kind]?.find((item) => item.name === name)?.existing;
}

function arnOf(manifest: FlowManifest, kind: string, name: string): string {
  const existing = existingOf(manifest, kind, name);
  if (existing !== undefined) return existing.arn;
  const fifo = (kind === 'queue' && manifest.queues.find((q) => q.name === name)?.fifo) || (kind === 'topic' && manifest.topics.find((t) => t.name === name)?.fifo);
  const p = `${manifest.app}-${name}${fifo ? '.fifo' : ''}`;
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
    case 'bucket':
      // Global: no Region or account in the ARN, both in the name (runtime/manifest/names.ts `bucketName`).
      return `arn:\${AWS::Partition}:s3:::${p.replace(/_/g, '-')}-\${AWS::AccountId}-\${AWS::Region}`;
    default:
      throw new Error(kind);
  }
}

/** What the role of `fn` must allow, as `action resource` lines: the table's grant for each thing the function does. */
function expectedGrants(manifest: FlowManifest, fn: FunctionSpec): string[] {
  const lines: string[] = [];
  const grant = ({ actions }: Grant, resource: string) => {
    for (const action of actions) lines.push(`${action} ${resource}`);
  };
  const group = `/aws/lambda/${manifest.app}-${fn.name}`;
  grant(executionRole.writeLogs, arn('logs', `log-group:${group}`));
  grant(executionRole.writeLogs, arn('logs', `log-group:${group}:*`));
  for (const edge of manifest.edges) {
    if (edge.kind === 'destination' && edge.source === fn.name) grant(executionRole.deliver[edge.targetKind], arnOf(manifest, edge.targetKind, edge.target));
    if (edge.target !== fn.name) continue;
    if (edge.kind === 'queue-trigger') grant(executionRole.poll.queue, arnOf(manifest, 'queue', edge.source));
    if (edge.kind === 'stream-trigger') grant(executionRole.poll.stream, arnOf(manifest, 'stream', edge.source));
    // The stream's label is a timestamp DynamoDB picks: every stream of the table.
    // An existing table's stream is the one its `arn` names (FL4094).
    if (edge.kind === 'table-trigger') grant(executionRole.poll.tableStream, existingOf(manifest, 'table', edge.source)?.streamArn ?? `${arnOf(manifest, 'table', edge.source)}/stream/*`);
    if ((edge.kind === 'stream-trigger' || edge.kind === 'table-trigger') && edge.onFailure) {
      grant(executionRole.onFailure[edge.onFailure.kind], arnOf(manifest, edge.onFailure.kind, edge.onFailure.name));
    }
  }
  for (const target of fn.sends) {
    if (target.kind !== 'bucket') grant(executionRole.send[target.kind], arnOf(manifest, target.kind, target.name));
    else {
      grant(executionRole.send.bucket, `${arnOf(manifest, 'bucket', target.name)}/*`);
      grant(executionRole.listBucket, arnOf(manifest, 'bucket', target.name));
    }
  }
  if (fn.idempotency !== null) grant(executionRole.idempotency, arnOf(manifest, 'table', fn.idempotency.table));
  // `secret("name")`: exactly that secret (its ARN ends in `-` and six random characters); `ssm(…)` needs nothing.
  for (const parameter of fn.parameters ?? []) if (parameter.source === 'secret') grant(executionRole.readSecret, arn('secretsmanager', `secret:${parameter.name}-??????`));
  return [...new Set(lines)].sort();
}

type Statement = { Effect: string; Action: string | string[]; Resource: TemplateValue[]; Condition?: TemplateValue; Principal?: TemplateValue };

/** What a role allows, as `action resource` lines; every statement an Allow without conditions. */
function grantsOf(role: Resource | undefined): string[] {
  const lines: string[] = [];
  for (const policy of (role?.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]) {
    for (const statement of policy.PolicyDocument.Statement) {
      expect(statement.Effect).toBe('Allow');
      expect(statement).not.toHaveProperty('Condition');
      for (const action of [statement.Action].flat()) {
        // An existing resource's ARN is a plain string; every other an `Fn::Sub` of pseudo parameters.
        for (const resource of statement.Resource) lines.push(`${action} ${typeof resource === 'string' ? resource : (resource as { 'Fn::Sub': string })['Fn::Sub']}`);
      }
    }
  }
  return lines.sort();
}

function roleOf(template: Template, fn: string): Resource | undefined {
  return Object.values(template.Resources).find((r) => r.Type === 'AWS::IAM::Role' && 'name' in r.Metadata.flowc && r.Metadata.flowc.name === fn);
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

/** Every grant of the table, by its path (`poll.stream`). */
function tableGrants(): [string, Grant][] {
  const out: [string, Grant][] = [['writeLogs', executionRole.writeLogs], ['idempotency', executionRole.idempotency], ['listBucket', executionRole.listBucket]];
  for (const group of ['poll', 'deliver', 'onFailure', 'send'] as const) {
    for (const [name, grant] of Object.entries(executionRole[group])) out.push([`${group}.${name}`, grant]);
  }
  return out;
}

describe('the table of grants (runtime/aws/iam.ts)', () => {
  test('every grant cites the AWS documentation, and names actions, never a wildcard', () => {
    const entries: [string, { docs: readonly string[] }][] = [...tableGrants(), ...Object.entries(resourcePolicy), ['lambdaTrust', lambdaTrust]];
    for (const [name, entry] of entries) {
      expect(entry.docs.length, name).toBeGreaterThan(0);
      for (const url of entry.docs) expect(url, name).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/[\w./-]+(#[\w-]+)?$/);
    }
    for (const [name, grant] of tableGrants()) {
      expect([...grant.actions].sort(), name).toEqual(grant.actions);
      for (const action of grant.actions) expect(action, name).toMatch(/^[a-z0-9]+:[A-Z][A-Za-z]+$/);
    }
  });

  test('sends and idempotency: each grant is exactly the SDK commands its clients or the idempotency store call, each with the action that authorizes it', () => {
    // Which SDK each `…Sdk()` loader brings, and the grant its calls fall under, by folder.
    const sdks: Record<string, { kind: keyof typeof executionRole.send; prefix: string }> = {
      sqsSdk: { kind: 'queue', prefix: 'sqs' },
      snsSdk: { kind: 'topic', prefix: 'sns' },
      eventBridgeSdk: { kind: 'bus', prefix: 'events' },
      kinesisSdk: { kind: 'stream', prefix: 'kinesis' },
      dynamoDbSdk: { kind: 'table', prefix: 'dynamodb' },
      s3Sdk: { kind: 'bucket', prefix: 's3' },
    };
    // S3 authorizes some operations by an action of another name (Service Authorization Reference, list_amazons3.html).
    const s3Actions: Readonly<Record<string, string>> = { HeadObject: 's3:GetObject', ListObjectsV2: 's3:ListBucket' };
    const called = new Map<string, Set<string>>();
    for (const folder of ['runtime/clients', 'runtime/idempotency']) {
      for (const file of readdirSync(join(root, folder)).filter((f) => f.endsWith('.ts'))) {
        const source = readFileSync(join(root, folder, file), 'utf8');
        // Each call: `const { client, module } = await xSdk();` then `new module.YCommand(`.
        for (const part of source.split(/(?=await \w+Sdk\(\))/).slice(1)) {
          const sdk = /^await (\w+Sdk)\(\)/.exec(part)?.[1] as string;
          expect(sdks[sdk], `${file}: ${sdk}`).toBeDefined();
          const next = /new module\.(\w+)Command\b/.exec(part)?.[1];
          // A bucket's listing is granted on the bucket, its objects' calls on the objects.
          const grantName = folder === 'runtime/idempotency' ? 'idempotency' : next === 'ListObjectsV2' ? 'listBucket' : `send.${sdks[sdk]?.kind}`;
          const commands = called.get(grantName) ?? new Set<string>();
          expect(next, `${file}: a call of ${sdk} without a command`).toBeDefined();
          commands.add(next as string);
          called.set(grantName, commands);
        }
      }
    }
    const grants: [string, ClientGrant, string][] = [
      ...Object.values(sdks).map(({ kind, prefix }): [string, ClientGrant, string] => [`send.${kind}`, executionRole.send[kind], prefix]),
      ['idempotency', executionRole.idempotency, 'dynamodb'],
      ['listBucket', executionRole.listBucket, 's3'],
    ];
    for (const [name, grant, prefix] of grants) {
      expect([...(called.get(name) ?? [])].sort(), name).toEqual(Object.keys(grant.commands).sort());
      // Each command's action is the service's: named after the operation, or (SQS, SNS batches) after the single form.
      for (const [command, action] of Object.entries(grant.commands)) {
        if (prefix === 's3' && s3Actions[command] !== undefined) expect(action, `${name}: ${command}`).toBe(s3Actions[command]);
        else expect(action, `${name}: ${command}`).toMatch(new RegExp(`^${prefix}:${command.replace(/Batch$/, '')}(Batch)?$`));
      }
      expect(grant.actions, name).toEqual([...new Set(Object.values(grant.commands))].sort());
    }
  });

  test('grants that allow nothing are gone: SubscribeToShard (consumers only), ListStreams (only on *), SendMessageBatch and PublishBatch (no such actions)', () => {
    const everything = tableGrants().flatMap(([, grant]) => grant.actions);
    for (const action of ['kinesis:SubscribeToShard', 'kinesis:ListStreams', 'dynamodb:ListStreams', 'sqs:SendMessageBatch', 'sns:PublishBatch']) expect(everything).not.toContain(action);
    for (const { name, manifest } of allApps) {
      const text = JSON.stringify(buildTemplate(manifest()));
      for (const action of ['SubscribeToShard', 'ListStreams', 'SendMessageBatch', 'PublishBatch']) expect(text.includes(`:${action}"`), `${name}: ${action}`).toBe(false);
    }
  });

  test('docs/cloudformation.md lists every action of the table and cites every page it cites', () => {
    const doc = readFileSync(join(root, 'docs/cloudformation.md'), 'utf8');
    const section = /^## Permissions\n([\s\S]*?)^## /m.exec(doc)?.[1] ?? '';
    expect(section).not.toBe('');
    const actions = new Set([...tableGrants().flatMap(([, g]) => g.actions), ...Object.values(resourcePolicy).map((g) => g.action), lambdaTrust.action]);
    // `service:Action`, or `Action` after a `service:Action` in the same table cell (`kinesis:DescribeStream`, `GetRecords`).
    const actionsIn = (lines: readonly string[]): Set<string> => {
      const found = new Set<string>();
      for (const line of lines.flatMap((l) => l.split('|'))) {
        let prefix = '';
        for (const [, name] of line.matchAll(/`([a-z0-9]+:[A-Za-z]+|[A-Z][A-Za-z]+)`/g)) {
          const [service, action] = (name as string).includes(':') ? (name as string).split(':') : [prefix, name];
          if (!service) continue;
          prefix = service as string;
          found.add(`${service}:${action}`);
        }
      }
      return found;
    };
    const lines = section.split('\n');
    const mentioned = actionsIn(lines);
    for (const action of actions) expect(mentioned.has(action), `${action} is missing from docs/cloudformation.md`).toBe(true);
    // The rows of its tables grant nothing else (the prose also names the actions flowc leaves out).
    for (const action of actionsIn(lines.filter((l) => l.startsWith('|')))) {
      if (/^(sqs|sns|events|kinesis|dynamodb|s3|lambda|logs|sts):/.test(action)) expect(actions.has(action), `docs/cloudformation.md lists ${action}`).toBe(true);
    }
    for (const [name, entry] of [...tableGrants(), ...Object.entries(resourcePolicy), ['lambdaTrust', lambdaTrust] as const]) {
      for (const url of entry.docs) expect(doc.includes(url), `${name}: ${url}`).toBe(true);
    }
  });
});

describe('execution roles', () => {
  for (const { name, manifest } of allApps) {
    test(`${name}: each role allows exactly what its function's edges and sends need`, () => {
      const m = manifest();
      const template = buildTemplate(m);
      for (const fn of m.functions) {
        const role = roleOf(template, fn.name);
        expect(role?.Properties).not.toHaveProperty('ManagedPolicyArns');
        expect(grantsOf(role), fn.name).toEqual(expectedGrants(m, fn));
      }
    });

    test(`${name}: only Lambda (Scheduler, for a schedule's role) of the stack's own account may assume a role; the app's path and boundary on each`, () => {
      const m = manifest();
      const roles = Object.values(buildTemplate(m).Resources).filter((r) => r.Type === 'AWS::IAM::Role');
      const scheduled = new Set(m.edges.filter((e) => e.kind === 'schedule-target').map((e) => e.source));
      expect(roles).toHaveLength(m.functions.length + scheduled.size);
      for (const role of roles) {
        const owner = role.Metadata.flowc as { name: string };
        const service = scheduled.has(owner.name) ? schedulerTrust.service : lambdaTrust.service;
        expect(role.Properties.AssumeRolePolicyDocument).toEqual({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }],
        });
        expect(role.Properties.Path).toBe(m.roles.path ?? undefined);
        expect(role.Properties.PermissionsBoundary).toBe(m.roles.permissionsBoundary ?? undefined);
      }
    });

    test(`${name}: a schedule's role allows exactly the call of its target, and sending to its dead-letter queue`, () => {
      const m = manifest();
      const template = buildTemplate(m);
      for (const edge of m.edges) {
        if (edge.kind !== 'schedule-target') continue;
        const schedule = m.schedules.find((s) => s.name === edge.source)!;
        const expected = schedulerRole.target[edge.targetKind].actions.map((action) => `${action} ${arnOf(m, edge.targetKind, edge.target)}`);
        if (schedule.deadLetterQueue !== null) expected.push(...schedulerRole.deadLetterQueue.actions.map((action) => `${action} ${arnOf(m, 'queue', schedule.deadLetterQueue!)}`));
        expect(grantsOf(roleOf(template, schedule.name)), schedule.name).toEqual([...new Set(expected)].sort());
      }
    });

    test(`${name}: SNS, EventBridge and API Gateway may deliver exactly along the edges, each for its own topic, rule or route`, () => {
      const m = manifest();
      const template = buildTemplate(m);
      const expected: string[] = [];
      const rule = (bus: string, target: string, kind: string) => {
        const fifo = kind === 'queue' && m.queues.find((q) => q.name === target)?.fifo;
        // An existing bus (FL4092, FL4093: the stack's account and Region) by its own name.
        return arn('events', `rule/${existingOf(m, 'bus', bus)?.name ?? `${m.app}-${bus}`}/${m.app}-${target}${fifo ? '.fifo' : ''}`);
      };
      for (const edge of m.edges) {
        // An existing queue's policy is its owner's: the template has none to check.
        if ((edge.kind === 'subscription' || edge.kind === 'rule' || edge.kind === 'notification') && edge.targetKind === 'queue' && existingOf(m, 'queue', edge.target) !== undefined) continue;
        if (edge.kind === 'subscription') expected.push(`${edge.target} sns.amazonaws.com ${edge.targetKind === 'fn' ? 'lambda:InvokeFunction' : 'sqs:SendMessage'} ${existingOf(m, 'topic', edge.source)?.arn ?? `topic:${edge.source}`}`);
        if (edge.kind === 'rule') expected.push(`${edge.target} events.amazonaws.com ${edge.targetKind === 'fn' ? 'lambda:InvokeFunction' : 'sqs:SendMessage'} ${rule(edge.source, edge.target, edge.targetKind)}`);
        if (edge.kind === 'route') {
          const path = edge.routeKey === '$default' ? edge.routeKey : edge.routeKey.slice(edge.routeKey.indexOf(' ') + 1);
          expected.push(`${edge.target} apigateway.amazonaws.com lambda:InvokeFunction api:${edge.source}${routeArnSuffix(edge.method, path)}`);
        }
        // S3: the bucket's ARN from its name, and the account (a bucket ARN has none); one grant
        // per bucket and target, however many filters the bucket notifies it for.
        if (edge.kind === 'notification') {
          const action = { fn: 'lambda:InvokeFunction', queue: 'sqs:SendMessage', topic: 'sns:Publish' }[edge.targetKind];
          const grant = `${edge.target} s3.amazonaws.com ${action} ${arnOf(m, 'bucket', edge.source)} account`;
          if (!expected.includes(grant)) expected.push(grant);
        }
      }
      const nameOf = (id: string) => (template.Resources[id]?.Metadata.flowc as { name: string }).name;
      // A topic by reference (its `Ref` is its ARN), a rule by its ARN spelled from its name.
      const sourceText = (value: TemplateValue): string => {
        const v = value as { Ref?: string; 'Fn::Sub'?: string; 'Fn::Join'?: [string, [{ 'Fn::Sub': string }, { Ref: string }, string]] };
        if (v.Ref && template.Resources[v.Ref]?.Type === 'AWS::SNS::Topic') return `topic:${nameOf(v.Ref)}`;
        // A route by the execute-api ARN of its api (by reference: API Gateway picks the id) and its method and path.
        const joined = v['Fn::Join']?.[1];
        if (joined && joined[0]['Fn::Sub'] === 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:' && template.Resources[joined[1].Ref]?.Type === 'AWS::ApiGatewayV2::Api') {
          return `api:${nameOf(joined[1].Ref)}${joined[2]}`;
        }
        // An existing topic by its ARN, as written.
        if (typeof value === 'string') return value;
        return v['Fn::Sub'] ?? JSON.stringify(value);
      };
      const granted: string[] = [];
      const s3 = 's3.amazonaws.com';
      for (const resource of Object.values(template.Resources)) {
        if (resource.Type === 'AWS::Lambda::Permission') {
          const p = resource.Properties as { FunctionName: { 'Fn::GetAtt': [string, string] }; Principal: string; Action: string; SourceArn: TemplateValue; SourceAccount?: TemplateValue };
          expect(Object.keys(p).sort()).toEqual(p.Principal === s3 ? ['Action', 'FunctionName', 'Principal', 'SourceAccount', 'SourceArn'] : ['Action', 'FunctionName', 'Principal', 'SourceArn']);
          if (p.Principal === s3) expect(p.SourceAccount).toEqual({ Ref: 'AWS::AccountId' });
          granted.push(`${nameOf(p.FunctionName['Fn::GetAtt'][0])} ${p.Principal} ${p.Action} ${sourceText(p.SourceArn)}${p.Principal === s3 ? ' account' : ''}`);
        }
        if (resource.Type === 'AWS::SQS::QueuePolicy' || resource.Type === 'AWS::SNS::TopicPolicy') {
          const ref = (resource.Properties[resource.Type === 'AWS::SQS::QueuePolicy' ? 'Queues' : 'Topics'] as { Ref: string }[])[0]?.Ref as string;
          for (const s of (resource.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
            expect(s.Effect).toBe('Allow');
            const service = (s.Principal as { Service: string }).Service;
            const condition = s.Condition as { ArnEquals: { 'aws:SourceArn': TemplateValue }; StringEquals?: Record<string, TemplateValue> };
            expect(Object.keys(condition)).toEqual(service === s3 ? ['ArnEquals', 'StringEquals'] : ['ArnEquals']);
            if (service === s3) expect(condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
            granted.push(`${nameOf(ref)} ${service} ${String(s.Action)} ${sourceText(condition.ArnEquals['aws:SourceArn'])}${service === s3 ? ' account' : ''}`);
          }
        }
      }
      expect(granted.sort()).toEqual(expected.sort());
      // The table says the same: one kind of statement per kind of edge.
      expect(Object.values(resourcePolicy).map((g) => `${g.service} ${g.action}`).sort()).toEqual([
        'apigateway.amazonaws.com lambda:InvokeFunction',
        'events.amazonaws.com lambda:InvokeFunction',
        'events.amazonaws.com sqs:SendMessage',
        's3.amazonaws.com lambda:InvokeFunction',
        's3.amazonaws.com sns:Publish',
        's3.amazonaws.com sqs:SendMessage',
        'sns.amazonaws.com lambda:InvokeFunction',
        'sns.amazonaws.com sqs:SendMessage',
      ]);
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
            // label is a timestamp picked at creation).
            // And the objects of a bucket (`<bucket ARN>/*`: the keys a handler writes are not known).
            const allowed =
              key === 'Resource' && (/:log-group:\/aws\/lambda\/[^:*"]+:\*"\}$/.test(text) || /:table\/[^/*"]+\/stream\/\*"\}$/.test(text) || /:s3:::[^/*"]+\/\*"\}$/.test(text));
            expect(allowed, `${id}: ${key} ${text}`).toBe(true);
          }
        }
      }
    });
  }
});

describe('permissions boundary and role path', () => {
  test('apply to every role, and are left out without the settings', () => {
    const m = flow(
      'app shop { permissions_boundary = "arn:aws:iam::123456789012:policy/boundaries/App", role_path = "/apps/shop/" }',
      'type O = { id: string }',
      'topic placed: O',
      'queue jobs: O',
      'fn a(O) { sends = [jobs] }',
      'fn b(O)',
      'placed -> a',
      'jobs -> b',
    );
    expect(m.roles).toEqual({ permissionsBoundary: 'arn:aws:iam::123456789012:policy/boundaries/App', path: '/apps/shop/' });
    const roles = Object.values(buildTemplate(m).Resources).filter((r) => r.Type === 'AWS::IAM::Role');
    expect(roles.map((r) => [r.Properties.Path, r.Properties.PermissionsBoundary])).toEqual([
      ['/apps/shop/', 'arn:aws:iam::123456789012:policy/boundaries/App'],
      ['/apps/shop/', 'arn:aws:iam::123456789012:policy/boundaries/App'],
    ]);
    const plain = flow('app shop', 'type O = { id: string }', 'topic placed: O', 'fn a(O)', 'placed -> a');
    expect(plain.roles).toEqual({ permissionsBoundary: null, path: null });
    const role = Object.values(buildTemplate(plain).Resources).find((r) => r.Type === 'AWS::IAM::Role');
    expect(Object.keys(role?.Properties ?? {})).toEqual(['AssumeRolePolicyDocument', 'Policies']);
  });
});
