// Tags on every resource that takes them, in its type's form, and the env values read from SSM
// and Secrets Manager, with exactly the IAM they need (issue 16 §3).
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { buildTemplate, cloudFormationLimits, layoutTemplates } from '../../../compiler/emit/cloudformation/index.js';
import { tagForms } from '../../../compiler/emit/cloudformation/tags.js';
import type { Template, TemplateValue } from '../../../compiler/emit/cloudformation/template.js';
import { flow } from './helpers/compile.js';
import { specProblems } from './helpers/spec.js';

const root = new URL('../../../', import.meta.url).pathname;

const TAGGED = [
  'app shop { tags { team = "payments", cost-center = "42", "owner:email" = "ada@example.com" } }',
  'type Order = { id: string }',
  'topic placed: Order',
  'queue work: Order { dlq = dead }',
  'queue dead: Order',
  'bus audit',
  'stream clicks: Order { partition = id }',
  'table orders: Order { key = id, stream = new }',
  'fn charge(Order) { sends = [audit] }',
  'fn handle(Order)',
  'fn watch',
  'placed -> work -> handle',
  'placed -> charge',
  'clicks -> watch { start = latest }',
  'audit -> watch { match { source = "shop" } }',
];

const expectedList = [
  { Key: 'cost-center', Value: '42' },
  { Key: 'owner:email', Value: 'ada@example.com' },
  { Key: 'team', Value: 'payments' },
];

function taggedTypes(template: Template): { tagged: string[]; untagged: string[] } {
  const resources = Object.values(template.Resources);
  return {
    tagged: [...new Set(resources.filter((r) => r.Properties.Tags !== undefined).map((r) => r.Type))].sort(),
    untagged: [...new Set(resources.filter((r) => r.Properties.Tags === undefined).map((r) => r.Type))].sort(),
  };
}

describe('tags', () => {
  test('the table of tag forms is the CloudFormation registry schemas\' (aws-service-spec tagInformation)', () => {
    const db = loadAwsServiceSpecSync();
    for (const [type, form] of Object.entries(tagForms)) {
      const [resource] = [...db.lookup('resource', 'cloudFormationType', 'equals', type)];
      expect(resource, `${type} is not a CloudFormation type`).toBeDefined();
      const variant = resource?.tagInformation?.variant;
      expect(variant === undefined ? 'none' : variant === 'map' ? 'map' : 'list', type).toBe(form);
      if (variant !== undefined) expect(resource?.tagInformation?.tagPropertyName, type).toBe('Tags');
    }
  });

  test('every resource type of the examples\' golden templates is in the table', () => {
    const types = new Set<string>();
    for (const name of readdirSync(join(root, 'test/golden/examples'))) {
      const template = parse(readFileSync(join(root, 'test/golden/examples', name, 'template.yaml'), 'utf8'), { version: '1.1' }) as Template;
      for (const resource of Object.values(template.Resources)) types.add(resource.Type);
    }
    expect([...types].filter((type) => !(type in tagForms))).toEqual([]);
  });

  test('every resource whose type takes tags has the app\'s, sorted by key, and the template passes the spec check', () => {
    const template = buildTemplate(flow(...TAGGED));
    expect(specProblems(template)).toEqual([]);
    const { tagged, untagged } = taggedTypes(template);
    expect(tagged).toEqual(['AWS::DynamoDB::Table', 'AWS::Events::EventBus', 'AWS::Events::Rule', 'AWS::IAM::Role', 'AWS::Kinesis::Stream', 'AWS::Lambda::EventSourceMapping', 'AWS::Lambda::Function', 'AWS::Logs::LogGroup', 'AWS::SNS::Topic', 'AWS::SQS::Queue']);
    expect(untagged).toEqual(['AWS::Lambda::Permission', 'AWS::SNS::Subscription', 'AWS::SQS::QueuePolicy']);
    for (const resource of Object.values(template.Resources)) {
      if (resource.Properties.Tags !== undefined) expect(resource.Properties.Tags, resource.Type).toEqual(expectedList);
    }
  });

  test('an app without tags: no resource has Tags (templates as before)', () => {
    const untaggedApp = buildTemplate(flow('app shop', ...TAGGED.slice(1)));
    expect(taggedTypes(untaggedApp).tagged).toEqual([]);
  });

  test('a declaration\'s own tags are merged over the app\'s, key by key, on its resources only; an edge\'s carry the app\'s', () => {
    const template = buildTemplate(flow('app shop { tags { team = "payments", env = "prod" } }', 'type Order = { id: string }', 'queue work: Order { tags { team = "ops" } }', 'fn handle(Order) { tags { owner = "ada" } }', 'work -> handle'));
    expect(specProblems(template)).toEqual([]);
    const tagsOf = (id: string) => template.Resources[id]?.Properties.Tags;
    expect(tagsOf('WorkQueue')).toEqual([{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'ops' }]);
    const handleTags = [{ Key: 'env', Value: 'prod' }, { Key: 'owner', Value: 'ada' }, { Key: 'team', Value: 'payments' }];
    for (const id of ['HandleFunction', 'HandleFunctionRole', 'HandleFunctionLogGroup']) expect(tagsOf(id), id).toEqual(handleTags);
    expect(tagsOf('WorkToHandleMapping')).toEqual([{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'payments' }]);
  });

  test('nested stacks: the root\'s AWS::CloudFormation::Stack resources and the nested stacks\' resources are tagged', () => {
    const { templates } = layoutTemplates(flow(...TAGGED), { format: 'json', limits: { ...cloudFormationLimits, resources: 10 } });
    expect(templates.size).toBeGreaterThan(2);
    const [rootTemplate, ...nested] = [...templates.values()];
    const stacks = Object.values(rootTemplate!.Resources).filter((r) => r.Type === 'AWS::CloudFormation::Stack');
    expect(stacks.length).toBe(nested.length);
    for (const stack of stacks) expect(stack.Properties.Tags).toEqual(expectedList);
    for (const child of nested) {
      for (const resource of Object.values(child.Resources)) {
        expect(resource.Properties.Tags === undefined, resource.Type).toBe(tagForms[resource.Type] === 'none');
      }
    }
  });
});

function role(template: Template, fn: string): TemplateValue[] {
  const id = `${fn[0]!.toUpperCase()}${fn.slice(1)}FunctionRole`;
  const properties = template.Resources[id]?.Properties as { Policies: { PolicyDocument: { Statement: TemplateValue[] } }[] };
  return properties.Policies[0]!.PolicyDocument.Statement;
}

describe('env values from SSM and Secrets Manager', () => {
  const template = buildTemplate(
    flow(
      'app shop',
      'fn plain { env { MODE = "live" } }',
      'fn config { env { DB_URL = ssm("/shop/prod/db"), MODE = "live" } }',
      'fn keyed { env { API_KEY = secret("shop/api-key"), OTHER = secret("shop/other"), DB_URL = ssm("/shop/prod/db") } }',
    ),
  );
  const variables = (id: string) => (template.Resources[id]?.Properties.Environment as { Variables: Record<string, TemplateValue> }).Variables;

  test('ssm(…) is a dynamic reference in the variable; the role gets nothing for it', () => {
    expect(specProblems(template)).toEqual([]);
    expect(variables('ConfigFunction')).toEqual({ DB_URL: '{{resolve:ssm:/shop/prod/db}}', FLOWC_APP: 'shop', MODE: 'live', NODE_OPTIONS: '--enable-source-maps' });
    expect(role(template, 'config')).toEqual(role(template, 'plain').map((s) => JSON.parse(JSON.stringify(s).replaceAll('shop-plain', 'shop-config')) as TemplateValue));
  });

  test('secret(…): the function has the secret\'s name, never its value, and the role exactly GetSecretValue on each secret\'s ARN', () => {
    expect(variables('KeyedFunction')).toEqual({
      DB_URL: '{{resolve:ssm:/shop/prod/db}}',
      FLOWC_APP: 'shop',
      FLOWC_SECRET_API_KEY: 'shop/api-key',
      FLOWC_SECRET_OTHER: 'shop/other',
      NODE_OPTIONS: '--enable-source-maps',
    });
    const statements = role(template, 'keyed');
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: [
        { 'Fn::Sub': 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:shop/api-key-??????' },
        { 'Fn::Sub': 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:shop/other-??????' },
      ],
    });
    const actions = JSON.stringify(statements);
    expect(actions).not.toContain('kms:');
    expect(actions).not.toContain('ssm:');
    expect(statements).toHaveLength(role(template, 'plain').length + 1);
  });
});
