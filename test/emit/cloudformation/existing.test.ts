import { describe, expect, test } from 'vitest';
import { buildTemplate } from '../../../compiler/emit/cloudformation/index.js';
import type { Resource, Template, TemplateValue } from '../../../compiler/emit/cloudformation/template.js';
import { flow } from './helpers/compile.js';

/**
 * Existing resources (`arn = "…"`, docs/language.md "Existing resources"): the template creates
 * nothing for them, and every reference, IAM statement and environment variable uses the ARN
 * as written (docs/cloudformation.md).
 */

const QUEUE = 'arn:aws:sqs:eu-west-1:123456789012:legacy-orders';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:order-events';
const BUS = 'arn:aws:events:eu-west-1:123456789012:event-bus/partner';
const STREAM = 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks';
const TABLE_STREAM = 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000';

function ofType(template: Template, type: string): Resource[] {
  return Object.values(template.Resources).filter((r) => r.Type === type);
}

function only(template: Template, type: string): Resource {
  const found = ofType(template, type);
  expect(found, type).toHaveLength(1);
  return found[0] as Resource;
}

/** The `Resource` of every statement of the role of `fn`, by its actions joined with commas. */
function grantsOf(template: Template, fn: string): Record<string, TemplateValue> {
  const role = ofType(template, 'AWS::IAM::Role').find((r) => 'name' in r.Metadata.flowc && r.Metadata.flowc.name === fn) as Resource;
  const statements = (role.Properties.Policies as { PolicyDocument: { Statement: { Action: string | string[]; Resource: TemplateValue }[] } }[])[0]!.PolicyDocument.Statement;
  return Object.fromEntries(statements.map((s) => [[s.Action].flat().join(','), s.Resource]));
}

function variablesOf(template: Template, fn: string): Record<string, TemplateValue> {
  const resource = ofType(template, 'AWS::Lambda::Function').find((r) => r.Properties.FunctionName === `shop-${fn}`) as Resource;
  return (resource.Properties.Environment as { Variables: Record<string, TemplateValue> }).Variables;
}

describe('an existing resource in the template', () => {
  test('a queue: no AWS::SQS::Queue, the mapping and the role name its ARN, a sender gets the URL spelled from it', () => {
    const template = buildTemplate(
      flow(
        'app shop',
        'type Order = { id: string }',
        `queue legacy: Order { arn = "${QUEUE}" }`,
        'fn fulfil(Order) { timeout = 20s }',
        'fn take(Order) { sends = [legacy] }',
        'legacy -> fulfil { batch = 10 }',
      ),
    );
    expect(ofType(template, 'AWS::SQS::Queue')).toEqual([]);
    expect(ofType(template, 'AWS::SQS::QueuePolicy')).toEqual([]);
    expect(only(template, 'AWS::Lambda::EventSourceMapping').Properties.EventSourceArn).toBe(QUEUE);
    expect(grantsOf(template, 'fulfil')['sqs:DeleteMessage,sqs:GetQueueAttributes,sqs:ReceiveMessage']).toEqual([QUEUE]);
    expect(grantsOf(template, 'take')['sqs:SendMessage']).toEqual([QUEUE]);
    expect(variablesOf(template, 'take').FLOWC_QUEUE_LEGACY).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/legacy-orders');
    expect(Object.keys(template.Outputs ?? {}).filter((key) => key.startsWith('Legacy'))).toEqual([]);
  });

  test('a topic: the subscription and our queue\'s policy name its ARN; an existing queue subscribed gets no policy to wait for', () => {
    const template = buildTemplate(
      flow(
        'app shop',
        'type Order = { id: string }',
        `topic events: Order { arn = "${TOPIC}" }`,
        'queue mine: Order',
        `queue theirs: Order { arn = "${QUEUE}" }`,
        'fn work(Order)',
        'events -> mine',
        'topic ours: Order',
        'ours -> theirs',
        'mine -> work',
        'theirs -> work',
      ),
    );
    expect(ofType(template, 'AWS::SNS::Topic').map((t) => t.Properties.TopicName)).toEqual(['shop-ours']);
    const subscriptions = ofType(template, 'AWS::SNS::Subscription');
    const intoMine = subscriptions.find((s) => s.Properties.TopicArn === TOPIC) as Resource;
    expect(intoMine.DependsOn).toEqual(['MineQueuePolicy']);
    const policy = only(template, 'AWS::SQS::QueuePolicy');
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain(`"aws:SourceArn":"${TOPIC}"`);
    const intoTheirs = subscriptions.find((s) => s.Properties.Endpoint === QUEUE) as Resource;
    expect(intoTheirs.DependsOn).toBeUndefined();
  });

  test('a bus: the rule is made on it by its ARN, and a sender puts events by its ARN', () => {
    const template = buildTemplate(
      flow('app shop', 'type Order = { id: string }', `bus partner: Order { arn = "${BUS}" }`, 'fn work(Order)', 'fn put(Order) { sends = [partner] }', 'partner -> work { match { source = "partner" } }'),
    );
    expect(ofType(template, 'AWS::Events::EventBus')).toEqual([]);
    expect(only(template, 'AWS::Events::Rule').Properties.EventBusName).toBe(BUS);
    expect(grantsOf(template, 'put')['events:PutEvents']).toEqual([BUS]);
    expect(variablesOf(template, 'put').FLOWC_BUS_PARTNER).toBe(BUS);
  });

  test('a stream and a table: the mappings read the stream ARNs, the role polls exactly them, a writer names the stream by its name', () => {
    const template = buildTemplate(
      flow(
        'app shop',
        'type Order = { id: string }',
        `stream clicks: Order { arn = "${STREAM}" }`,
        `table orders: Order { arn = "${TABLE_STREAM}", key = id, stream = new_and_old }`,
        'fn count(Order)',
        'fn audit(Order)',
        'fn write(Order) { sends = [clicks, orders] }',
        'clicks -> count { start = latest, retries = 3 }',
        'orders -> audit { start = latest, retries = 3 }',
      ),
    );
    expect(ofType(template, 'AWS::Kinesis::Stream')).toEqual([]);
    expect(ofType(template, 'AWS::DynamoDB::Table')).toEqual([]);
    expect(ofType(template, 'AWS::Lambda::EventSourceMapping').map((m) => m.Properties.EventSourceArn).sort()).toEqual([TABLE_STREAM, STREAM].sort());
    expect(Object.values(grantsOf(template, 'audit'))).toContainEqual([TABLE_STREAM]);
    expect(Object.values(grantsOf(template, 'count'))).toContainEqual([STREAM]);
    expect(Object.values(grantsOf(template, 'write')).flat()).toEqual(expect.arrayContaining(['arn:aws:dynamodb:eu-west-1:123456789012:table/orders', STREAM]));
    expect(variablesOf(template, 'write')).toMatchObject({ FLOWC_STREAM_CLICKS: 'clicks', FLOWC_TABLE_ORDERS: 'orders' });
  });

  test('an existing dead-letter queue: the redrive policy names its ARN', () => {
    const template = buildTemplate(flow('app shop', 'type Order = { id: string }', 'queue jobs: Order { dlq = dead }', `queue dead: Order { arn = "${QUEUE}" }`, 'fn work(Order)', 'jobs -> work'));
    expect(only(template, 'AWS::SQS::Queue').Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: QUEUE, maxReceiveCount: 10 });
  });
});

describe('the golden template of existing resources', () => {
  test('test/golden/existing: every kind, each used where AWS takes it; valid against the spec and the AWS bounds', async () => {
    const { manifestOfFile } = await import('./helpers/compile.js');
    const { emitCloudFormation } = await import('../../../compiler/emit/cloudformation/index.js');
    const { specProblems } = await import('./helpers/spec.js');
    const { boundProblems } = await import('./helpers/bounds.js');
    const root = new URL('../../../', import.meta.url).pathname;
    const manifest = manifestOfFile(`${root}test/golden/existing/existing.flow`, 'test/golden/existing/existing.flow');
    const yaml = emitCloudFormation(manifest, { format: 'yaml' }).files.get('template.yaml') as string;
    await expect(yaml).toMatchFileSnapshot(`${root}test/golden/existing/template.yaml`);
    expect(specProblems(buildTemplate(manifest))).toEqual([]);
    expect(boundProblems(buildTemplate(manifest))).toEqual([]);
  });
});
