import {
  CloudFormationClient,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, test } from 'vitest';
import { compareWithStack, diffStack } from '../../compiler/deploy/diff.js';
import { existingNotes, formatChanges, guardMessage, isGuarded } from '../../compiler/deploy/explain.js';
import { buildTemplate } from '../../compiler/emit/cloudformation/index.js';
import { manifestOf } from '../sim/helpers.js';
import { type CfnTemplate, parseTemplate } from '../../compiler/deploy/template.js';
import { callSequence, instantClock, ROOT_TEMPLATE, STACK_ID } from './helpers.js';

const deployed = parseTemplate(ROOT_TEMPLATE, 'deployed');
const kinds = new Map([
  ['jobs', 'queue'],
  ['work', 'fn'],
]);

/** The deployed template with edits, as a local template would be after a change to the flow. */
function edited(edit: (template: CfnTemplate) => void): CfnTemplate {
  const copy = structuredClone(deployed);
  edit(copy);
  return copy;
}

const lines = (template: CfnTemplate, base: CfnTemplate | 'new stack' = deployed) =>
  formatChanges(diffStack(base === 'new stack' ? undefined : base, template), 'app.flow', kinds);

describe('flowc diff: template changes in the flow\'s words', () => {
  test('making a queue FIFO replaces it (and what refers to it): its messages are lost, and deploy would refuse', () => {
    const local = edited((t) => {
      Object.assign(t.Resources?.['JobsQueue']?.Properties ?? {}, { FifoQueue: true, QueueName: 'shop-jobs.fifo' });
    });
    const changes = diffStack(deployed, local);
    expect(formatChanges(changes, 'app.flow', kinds)).toEqual([
      '  -/+ queue jobs will be replaced (FifoQueue, QueueName): its messages are lost  (app.flow:3)',
      '  -/+ edge jobs -> work: trigger will be replaced (EventSourceArn)  (app.flow:5)',
    ]);
    expect(changes.filter(isGuarded).map((change) => change.logicalId)).toEqual(['JobsQueue']);
  });

  test('a setting changed in place is an update, with the property named', () => {
    expect(lines(edited((t) => Object.assign(t.Resources?.['JobsQueue']?.Properties ?? {}, { VisibilityTimeout: 180 })))).toEqual([
      '  ~   queue jobs will be updated in place (VisibilityTimeout)  (app.flow:3)',
    ]);
  });

  test('moved .flow lines (Metadata only) are no change: CloudFormation would not update for them', () => {
    expect(lines(edited((t) => ((t.Resources?.['JobsQueue'] as { Metadata: unknown }).Metadata = { flowc: { name: 'jobs', line: 9, column: 7 } })))).toEqual([]);
  });

  test('a removed table is deleted with its items; one kept by Retain only leaves the stack', () => {
    const withTable = edited((t) => {
      t.Resources = { ...t.Resources, StockTable: { Type: 'AWS::DynamoDB::Table', Metadata: { flowc: { name: 'stock', line: 7, column: 7 } }, Properties: { BillingMode: 'PAY_PER_REQUEST' } } };
    });
    const retained = edited((t) => {
      t.Resources = { ...t.Resources, StockTable: { Type: 'AWS::DynamoDB::Table', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Metadata: { flowc: { name: 'stock', line: 7, column: 7 } } } };
    });
    expect(lines(deployed, withTable)).toEqual(['  -   table stock will be deleted: its items are lost  (app.flow:7)']);
    expect(lines(deployed, retained)).toEqual(['  -   table stock will leave the stack: AWS keeps it (Retain), no longer managed or used by the app  (app.flow:7)']);
    expect(diffStack(retained, deployed).filter(isGuarded)).toHaveLength(1);
  });

  test('a new stack: everything is created, supporting resources named after their declaration', () => {
    const local = edited((t) => {
      t.Resources = { ...t.Resources, WorkFunctionRole: { Type: 'AWS::IAM::Role', Metadata: { flowc: { name: 'work', line: 4, column: 4 } }, Properties: {} } };
    });
    expect(lines(local, 'new stack')).toEqual([
      '  +   queue jobs will be created  (app.flow:3)',
      '  +   fn work will be created  (app.flow:4)',
      '  +   fn work: execution role will be created  (app.flow:4)',
      '  +   edge jobs -> work: trigger will be created  (app.flow:5)',
    ]);
  });

  test('the guard message lists what holds data and how to go ahead', () => {
    const local = edited((t) => Object.assign(t.Resources?.['JobsQueue']?.Properties ?? {}, { FifoQueue: true }));
    expect(guardMessage(diffStack(deployed, local).filter(isGuarded), 'app.flow', kinds)).toEqual([
      'this change replaces or removes a resource that holds data:',
      '  -/+ queue jobs will be replaced (FifoQueue): its messages are lost  (app.flow:3)',
      'flowc deploy refuses this unless you pass --allow-replace; to keep the data, revert the setting that forces the replacement',
    ]);
  });
});

describe('flowc diff: existing resources (`arn = "…"`)', () => {
  const manifest = manifestOf(`app shop
type Order = { id: string }
queue legacy: Order { arn = "arn:aws:sqs:eu-west-1:123456789012:legacy-orders" }
fn fulfil(Order)
legacy -> fulfil
`);

  test('are in no change, so the guard never counts them; a note says they are not managed by the stack', () => {
    const changes = diffStack(undefined, parseTemplate(JSON.stringify(buildTemplate(manifest)), 'local'));
    expect(changes.map((c) => c.resourceType)).not.toContain('AWS::SQS::Queue');
    expect(changes.filter(isGuarded)).toEqual([]);
    expect(existingNotes(manifest, 'app.flow')).toEqual([
      '  =   queue legacy is existing (arn:aws:sqs:eu-west-1:123456789012:legacy-orders), not managed by this stack: nothing of it is created, changed or deleted  (app.flow:3)',
    ]);
  });
});

describe('flowc diff: against the deployed stack', () => {
  const cloudformation = mockClient(CloudFormationClient);
  const client = new CloudFormationClient({ region: 'eu-west-1' });
  beforeEach(() => cloudformation.reset());

  test('reads the deployed template (as written) and compares it', async () => {
    cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date() }] });
    cloudformation.on(GetTemplateCommand, { StackName: STACK_ID, TemplateStage: 'Original' }).resolves({ TemplateBody: ROOT_TEMPLATE });
    const local = edited((t) => Object.assign(t.Resources?.['JobsQueue']?.Properties ?? {}, { VisibilityTimeout: 60 }));
    const { exists, changes } = await compareWithStack(client, 'shop', { root: local, nested: new Map() }, instantClock());
    expect(exists).toBe(true);
    expect(changes.map((c) => `${c.action} ${c.logicalId}`)).toEqual(['update JobsQueue']);
    expect(callSequence(cloudformation)).toEqual(['DescribeStacks StackName=shop', `GetTemplate StackName=${STACK_ID}`]);
  });

  test('reads deployed short-form YAML (!Ref, !GetAtt) as the long form', async () => {
    cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date() }] });
    const shortForm = ROOT_TEMPLATE.replace("EventSourceArn: { 'Fn::GetAtt': [JobsQueue, Arn] }", 'EventSourceArn: !GetAtt JobsQueue.Arn').replace(
      'FunctionName: { Ref: WorkFunction }',
      'FunctionName: !Ref WorkFunction',
    );
    expect(shortForm).toContain('!GetAtt JobsQueue.Arn');
    cloudformation.on(GetTemplateCommand).resolves({ TemplateBody: shortForm });
    const { changes } = await compareWithStack(client, 'shop', { root: deployed, nested: new Map() }, instantClock());
    expect(changes).toEqual([]);
  });

  test('a stack that does not exist: every resource is a creation, nothing is read', async () => {
    cloudformation.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id shop does not exist'), { name: 'ValidationError' }));
    const { exists, changes } = await compareWithStack(client, 'shop', { root: deployed, nested: new Map() }, instantClock());
    expect(exists).toBe(false);
    expect(changes.map((c) => c.action)).toEqual(['create', 'create', 'create']);
    expect(callSequence(cloudformation)).toEqual(['DescribeStacks StackName=shop']);
  });

  test('nested stacks are compared with the template each nested stack runs', async () => {
    const nestedId = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-PartOne-XYZ/1';
    const root: CfnTemplate = { Resources: { PartOne: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'nested/part-1.yaml' } } } };
    const deployedRoot: CfnTemplate = { Resources: { PartOne: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://b.s3.eu-west-1.amazonaws.com/shop/templates/x.yaml' } } } };
    cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date() }] });
    cloudformation.on(GetTemplateCommand, { StackName: STACK_ID }).resolves({ TemplateBody: JSON.stringify(deployedRoot) });
    cloudformation.on(DescribeStackResourceCommand).resolves({
      StackResourceDetail: { LogicalResourceId: 'PartOne', PhysicalResourceId: nestedId, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'UPDATE_COMPLETE', LastUpdatedTimestamp: new Date() },
    });
    cloudformation.on(GetTemplateCommand, { StackName: nestedId }).resolves({ TemplateBody: ROOT_TEMPLATE });
    const localNested = edited((t) => Object.assign(t.Resources?.['JobsQueue']?.Properties ?? {}, { FifoQueue: true }));
    const { changes } = await compareWithStack(client, 'shop', { root, nested: new Map([['PartOne', localNested]]) }, instantClock());
    // The TemplateURL differs (a file here, an S3 URL there) but is no change of its own.
    expect(formatChanges(changes, 'app.flow', kinds)).toEqual([
      '  -/+ [PartOne] queue jobs will be replaced (FifoQueue): its messages are lost  (app.flow:3)',
      '  -/+ [PartOne] edge jobs -> work: trigger will be replaced (EventSourceArn)  (app.flow:5)',
    ]);
    expect(callSequence(cloudformation)).toEqual([
      'DescribeStacks StackName=shop',
      `GetTemplate StackName=${STACK_ID}`,
      `DescribeStackResource StackName=${STACK_ID} LogicalResourceId=PartOne`,
      `GetTemplate StackName=${nestedId}`,
    ]);
  });

  test('a deployed nested stack the flow no longer has: everything in it is deleted, and the queue in it is what deploy would refuse', async () => {
    const partTwoId = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-PartTwo-XYZ/2';
    const stackResource = { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://b.s3.eu-west-1.amazonaws.com/shop/templates/x.yaml' } };
    const deployedRoot: CfnTemplate = { Resources: { PartTwo: stackResource } };
    cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date() }] });
    cloudformation.on(GetTemplateCommand, { StackName: STACK_ID }).resolves({ TemplateBody: JSON.stringify(deployedRoot) });
    cloudformation.on(DescribeStackResourceCommand, { StackName: STACK_ID, LogicalResourceId: 'PartTwo' }).resolves({
      StackResourceDetail: { LogicalResourceId: 'PartTwo', PhysicalResourceId: partTwoId, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'UPDATE_COMPLETE', LastUpdatedTimestamp: new Date() },
    });
    cloudformation.on(ListStackResourcesCommand, { StackName: partTwoId }).resolves({
      StackResourceSummaries: ['JobsQueue', 'WorkFunction', 'JobsToWork'].map((logicalId) => ({
        LogicalResourceId: logicalId,
        ResourceType: deployed.Resources?.[logicalId]?.Type,
        ResourceStatus: 'UPDATE_COMPLETE' as const,
        LastUpdatedTimestamp: new Date(),
      })),
    });
    cloudformation.on(GetTemplateCommand, { StackName: partTwoId }).resolves({ TemplateBody: ROOT_TEMPLATE });
    const { changes } = await compareWithStack(client, 'shop', { root: { Resources: {} }, nested: new Map() }, instantClock());
    expect(formatChanges(changes, 'app.flow', kinds)).toEqual([
      '  -   [PartTwo] queue jobs will be deleted: its messages are lost  (app.flow:3)',
      '  -   [PartTwo] fn work will be deleted  (app.flow:4)',
      '  -   [PartTwo] edge jobs -> work: trigger will be deleted  (app.flow:5)',
      '  -   nested stack PartTwo will be deleted',
    ]);
    expect(changes.filter(isGuarded).map((change) => change.logicalId)).toEqual(['JobsQueue']);
  });
});
