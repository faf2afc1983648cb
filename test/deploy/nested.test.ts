import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createAwsClients } from '../../compiler/deploy/aws.js';
import { deployApp } from '../../compiler/deploy/deploy.js';
import type { PackagedApp } from '../../compiler/deploy/package.js';
import { parseTemplate } from '../../compiler/deploy/template.js';
import { CHANGE_SET_ID, callSequence, instantClock, newestFirst, packageWith, REGION, recordingUi, STACK_ID, stackEvent, writeFlow } from './helpers.js';

/**
 * A large flow's layout (the emitter's nested-stacks.ts): the root passes the bucket down;
 * `flowc package` writes each code key into the stack resource of the function's template.
 */
const ROOT = `Parameters:
  FlowcAssetsBucket: { Type: String }
Resources:
  JobsQueue:
    Type: AWS::SQS::Queue
    Metadata: { flowc: { name: jobs, line: 3, column: 7 } }
  PartOneStack:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: stacks/stack1.yaml
      Parameters:
        FlowcAssetsBucket: { Ref: FlowcAssetsBucket }
`;

const PART_ONE = `Parameters:
  FlowcAssetsBucket: { Type: String }
  WorkFunctionCodeKey: { Type: String }
Resources:
  WorkFunction:
    Type: AWS::Lambda::Function
    Metadata: { flowc: { name: work, line: 4, column: 4 } }
    Properties:
      Code: { S3Bucket: { Ref: FlowcAssetsBucket }, S3Key: { Ref: WorkFunctionCodeKey } }
      Handler: index.handler
      Runtime: nodejs24.x
`;

const NESTED_ID = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-PartOneStack-XYZ/99999999-0000-0000-0000-000000000000';
const NESTED_CHANGE_SET_ID = 'arn:aws:cloudformation:eu-west-1:123456789012:changeSet/shop-PartOneStack-XYZ/bbbb';

const cloudformation = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);
let packaged: PackagedApp;

beforeAll(async () => {
  packaged = await packageWith(writeFlow(), { 'template.yaml': ROOT, 'stacks/stack1.yaml': PART_ONE });
});

beforeEach(() => {
  cloudformation.reset();
  s3.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
});

function failingNestedCreate() {
  cloudformation
    .on(DescribeStacksCommand, { StackName: 'shop' })
    .rejects(Object.assign(new Error('Stack with id shop does not exist'), { name: 'ValidationError' }));
  s3.on(HeadObjectCommand).rejects(Object.assign(new Error('NotFound'), { name: 'NotFound' }));
  s3.on(PutObjectCommand).resolves({});
  cloudformation.on(CreateChangeSetCommand).resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID });
  cloudformation.on(DescribeChangeSetCommand, { ChangeSetName: CHANGE_SET_ID }).resolves({
    Status: 'CREATE_COMPLETE',
    StackId: STACK_ID,
    Changes: [
      { Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'JobsQueue', ResourceType: 'AWS::SQS::Queue' } },
      {
        Type: 'Resource',
        ResourceChange: { Action: 'Add', LogicalResourceId: 'PartOneStack', ResourceType: 'AWS::CloudFormation::Stack', ChangeSetId: NESTED_CHANGE_SET_ID },
      },
    ],
  });
  cloudformation.on(DescribeChangeSetCommand, { ChangeSetName: NESTED_CHANGE_SET_ID }).resolves({
    Status: 'CREATE_COMPLETE',
    StackId: NESTED_ID,
    Changes: [{ Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'WorkFunction', ResourceType: 'AWS::Lambda::Function' } }],
  });
  const before = stackEvent(0, 'shop', 'REVIEW_IN_PROGRESS');
  const nestedFailed = 'Embedded stack arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-PartOneStack-XYZ/99999999 was not successfully created: The following resource(s) failed to create: [WorkFunction].';
  const rootEvents = [
    stackEvent(1, 'shop', 'CREATE_IN_PROGRESS'),
    stackEvent(2, 'PartOneStack', 'CREATE_IN_PROGRESS', { ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: NESTED_ID }),
    stackEvent(6, 'PartOneStack', 'CREATE_FAILED', { ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: NESTED_ID, ResourceStatusReason: nestedFailed }),
    stackEvent(7, 'shop', 'ROLLBACK_IN_PROGRESS'),
    stackEvent(9, 'shop', 'ROLLBACK_COMPLETE'),
  ];
  cloudformation.on(DescribeStackEventsCommand, { StackName: STACK_ID }).resolvesOnce(newestFirst(before)).resolves(newestFirst(before, ...rootEvents));
  cloudformation.on(DescribeStackEventsCommand, { StackName: NESTED_ID }).resolves(
    newestFirst(
      stackEvent(3, 'WorkFunction', 'CREATE_IN_PROGRESS', { ResourceType: 'AWS::Lambda::Function', StackId: NESTED_ID }),
      stackEvent(4, 'WorkFunction', 'CREATE_FAILED', {
        ResourceType: 'AWS::Lambda::Function',
        StackId: NESTED_ID,
        ResourceStatusReason: 'Resource handler returned message: "Error occurred while GetObject. S3 Error Code: NoSuchKey"',
      }),
    ),
  );
  cloudformation.on(ExecuteChangeSetCommand).resolves({});
  cloudformation.on(DescribeStacksCommand, { StackName: STACK_ID }).resolves({
    Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'ROLLBACK_COMPLETE', CreationTime: new Date() }],
  });
}

describe('flowc deploy: nested stacks', () => {
  test('uploads the nested template, points the root at its S3 URL, and expands nested stacks in the change set', async () => {
    failingNestedCreate();
    const ui = recordingUi();
    await deployApp(packaged, createAwsClients({ region: REGION }), { stackName: 'shop', bucket: 'assets-bucket', yes: true, allowReplace: false, flowFile: 'app.flow' }, ui, instantClock());

    const zipKey = packaged.assets[0]?.key ?? '';
    const templateKey = s3.commandCalls(PutObjectCommand)[1]?.args[0].input.Key ?? '';
    expect(templateKey).toMatch(/^shop\/templates\/stacks-stack1-[0-9a-f]{16}\.yaml$/);
    expect(s3.commandCalls(PutObjectCommand)[1]?.args[0].input.Body).toBe(PART_ONE);

    const create = cloudformation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
    expect(create?.IncludeNestedStacks).toBe(true);
    expect(create?.Capabilities).toContain('CAPABILITY_AUTO_EXPAND');
    const sentRoot = parseTemplate(create?.TemplateBody ?? '', 'sent');
    expect(sentRoot.Resources?.['PartOneStack']?.Properties?.['TemplateURL']).toBe(`https://assets-bucket.s3.eu-west-1.amazonaws.com/${templateKey}`);
    expect(sentRoot.Resources?.['PartOneStack']?.Properties?.['Parameters']).toEqual({
      FlowcAssetsBucket: { Ref: 'FlowcAssetsBucket' },
      WorkFunctionCodeKey: zipKey,
    });
    expect(sentRoot.Parameters).toEqual({ FlowcAssetsBucket: { Type: 'String' } });
    expect(create?.Parameters).toEqual([{ ParameterKey: 'FlowcAssetsBucket', ParameterValue: 'assets-bucket' }]);

    expect(callSequence(cloudformation, s3).slice(0, 8)).toEqual([
      'DescribeStacks StackName=shop',
      `HeadObject Key=${zipKey}`,
      `PutObject Key=${zipKey}`,
      `HeadObject Key=${templateKey}`,
      `PutObject Key=${templateKey}`,
      'CreateChangeSet StackName=shop ChangeSetName=flowc-20261129-120000-<random> ChangeSetType=CREATE',
      `DescribeChangeSet ChangeSetName=${CHANGE_SET_ID}`,
      `DescribeChangeSet ChangeSetName=${CHANGE_SET_ID}`,
    ]);
    expect(callSequence(cloudformation)).toContain(`DescribeChangeSet ChangeSetName=${NESTED_CHANGE_SET_ID}`);
    expect(ui.out.slice(1, 5)).toEqual([
      'creating stack shop in eu-west-1: waiting for the change set...',
      'changes (change set flowc-20261129-120000):',
      '  +   queue jobs will be created  (app.flow:3)',
      '  +   [PartOneStack] fn work will be created  (app.flow:4)',
    ]);
  });

  test('a failure inside a nested stack is traced to the resource that failed there, and its .flow line', async () => {
    failingNestedCreate();
    const ui = recordingUi();
    const outcome = await deployApp(
      packaged,
      createAwsClients({ region: REGION }),
      { stackName: 'shop', bucket: 'assets-bucket', yes: true, allowReplace: false, flowFile: 'app.flow' },
      ui,
      instantClock(),
    );
    expect(outcome).toBe('failed');
    expect(callSequence(cloudformation).at(-1)).toBe(`DescribeStackEvents StackName=${NESTED_ID}`);
    expect(ui.err).toEqual([
      'deploy of stack shop failed: ROLLBACK_COMPLETE (the stack was created and rolled back: it holds nothing, and the next deploy offers to delete it and create it again)',
      '  WorkFunction (AWS::Lambda::Function) in nested stack PartOneStack CREATE_FAILED: Resource handler returned message: "Error occurred while GetObject. S3 Error Code: NoSuchKey"',
      '  --> app.flow:4:4: fn work',
    ]);
  });
});

describe('flowc deploy: the replacement guard sees into nested stacks', () => {
  const TWO_ID = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-PartTwoStack-ABC/22222222-0000-0000-0000-000000000000';
  const DEEPER_ID = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-PartTwoStack-ABC-Deeper-DEF/33333333-0000-0000-0000-000000000000';
  const summary = (logicalId: string, type: string, physicalId = `physical-${logicalId}`) => ({
    LogicalResourceId: logicalId,
    PhysicalResourceId: physicalId,
    ResourceType: type,
    ResourceStatus: 'UPDATE_COMPLETE' as const,
    LastUpdatedTimestamp: new Date(),
  });

  /**
   * The app shrank (say from 20 to 16 queue pairs): the flow's templates no longer have the
   * second nested stack, so the change set removes it. It holds a queue (kept by Retain), a
   * function, and a stack nested in it with a table.
   */
  function shrinkingApp() {
    cloudformation.on(DescribeStacksCommand, { StackName: 'shop' }).resolves({
      Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date(), Parameters: [{ ParameterKey: 'FlowcAssetsBucket', ParameterValue: 'assets-bucket' }] }],
    });
    s3.on(HeadObjectCommand).resolves({});
    cloudformation.on(CreateChangeSetCommand).resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID });
    cloudformation.on(DescribeChangeSetCommand, { ChangeSetName: CHANGE_SET_ID }).resolves({
      Status: 'CREATE_COMPLETE',
      StackId: STACK_ID,
      Changes: [
        {
          Type: 'Resource',
          ResourceChange: { Action: 'Modify', LogicalResourceId: 'PartOneStack', ResourceType: 'AWS::CloudFormation::Stack', ChangeSetId: NESTED_CHANGE_SET_ID, Replacement: 'False' },
        },
        {
          Type: 'Resource',
          ResourceChange: { Action: 'Remove', LogicalResourceId: 'PartTwoStack', ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: TWO_ID },
        },
      ],
    });
    cloudformation.on(DescribeChangeSetCommand, { ChangeSetName: NESTED_CHANGE_SET_ID }).resolves({
      Status: 'CREATE_COMPLETE',
      StackId: NESTED_ID,
      Changes: [{ Type: 'Resource', ResourceChange: { Action: 'Modify', LogicalResourceId: 'WorkFunction', ResourceType: 'AWS::Lambda::Function', Replacement: 'False' } }],
    });
    cloudformation.on(GetTemplateCommand, { StackName: STACK_ID }).resolves({
      TemplateBody: JSON.stringify({ Resources: { PartOneStack: { Type: 'AWS::CloudFormation::Stack' }, PartTwoStack: { Type: 'AWS::CloudFormation::Stack' } } }),
    });
    cloudformation
      .on(ListStackResourcesCommand, { StackName: TWO_ID })
      .resolves({ StackResourceSummaries: [summary('Q20Queue', 'AWS::SQS::Queue'), summary('W20Function', 'AWS::Lambda::Function')], NextToken: 'page-2' });
    cloudformation
      .on(ListStackResourcesCommand, { StackName: TWO_ID, NextToken: 'page-2' })
      .resolves({ StackResourceSummaries: [summary('Deeper', 'AWS::CloudFormation::Stack', DEEPER_ID)] });
    cloudformation.on(GetTemplateCommand, { StackName: TWO_ID }).resolves({
      TemplateBody: JSON.stringify({
        Resources: {
          Q20Queue: { Type: 'AWS::SQS::Queue', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Metadata: { flowc: { name: 'q20', line: 40, column: 7 } } },
          W20Function: { Type: 'AWS::Lambda::Function', Metadata: { flowc: { name: 'w20', line: 41, column: 4 } } },
          Deeper: { Type: 'AWS::CloudFormation::Stack' },
        },
      }),
    });
    cloudformation.on(ListStackResourcesCommand, { StackName: DEEPER_ID }).resolves({ StackResourceSummaries: [summary('StockTable', 'AWS::DynamoDB::Table')] });
    cloudformation.on(GetTemplateCommand, { StackName: DEEPER_ID }).resolves({
      TemplateBody: JSON.stringify({ Resources: { StockTable: { Type: 'AWS::DynamoDB::Table', Metadata: { flowc: { name: 'stock', line: 50, column: 7 } } } } }),
    });
    cloudformation.on(DeleteChangeSetCommand).resolves({});
  }

  test('removing a nested stack deletes what it holds, at any depth: refused without --allow-replace, each resource named with its .flow line', async () => {
    shrinkingApp();
    const ui = recordingUi();
    const options = { stackName: 'shop', yes: true, allowReplace: false, flowFile: 'app.flow' };
    expect(await deployApp(packaged, createAwsClients({ region: REGION }), options, ui, instantClock())).toBe('refused');
    expect(ui.err).toEqual([
      'these changes replace or remove resources that hold data:',
      '  -   [PartTwoStack] queue q20 will leave the stack: AWS keeps it (Retain), no longer managed or used by the app  (app.flow:40)',
      '  -   [PartTwoStack/Deeper] table stock will be deleted: its items are lost  (app.flow:50)',
      'flowc deploy refuses this unless you pass --allow-replace; to keep the data, revert the setting that forces the replacement',
    ]);
    expect(ui.out).toEqual(
      expect.arrayContaining([
        '  -   nested stack PartTwoStack will be deleted',
        '  -   [PartTwoStack] fn w20 will be deleted  (app.flow:41)',
        '  -   [PartTwoStack] nested stack Deeper will be deleted',
      ]),
    );
    expect(cloudformation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect(callSequence(cloudformation).filter((call) => /ListStackResources|GetTemplate/.test(call))).toEqual([
      `GetTemplate StackName=${STACK_ID}`,
      `ListStackResources StackName=${TWO_ID}`,
      `ListStackResources StackName=${TWO_ID} NextToken=page-2`,
      `GetTemplate StackName=${TWO_ID}`,
      `ListStackResources StackName=${DEEPER_ID}`,
      `GetTemplate StackName=${DEEPER_ID}`,
    ]);
    expect(callSequence(cloudformation).at(-1)).toBe(`DeleteChangeSet StackName=${STACK_ID} ChangeSetName=${CHANGE_SET_ID}`);
  });

  test('with --allow-replace the same change goes ahead', async () => {
    shrinkingApp();
    const before = stackEvent(0, 'shop', 'UPDATE_COMPLETE');
    cloudformation
      .on(DescribeStackEventsCommand)
      .resolvesOnce(newestFirst(before))
      .resolves(newestFirst(before, stackEvent(1, 'shop', 'UPDATE_IN_PROGRESS'), stackEvent(2, 'shop', 'UPDATE_COMPLETE')));
    cloudformation.on(ExecuteChangeSetCommand).resolves({});
    cloudformation.on(DescribeStacksCommand, { StackName: STACK_ID }).resolves({
      Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date() }],
    });
    const ui = recordingUi();
    const options = { stackName: 'shop', yes: true, allowReplace: true, flowFile: 'app.flow' };
    expect(await deployApp(packaged, createAwsClients({ region: REGION }), options, ui, instantClock())).toBe('deployed');
    expect(ui.out).toContain('--allow-replace: going ahead although 2 resources holding data will be replaced or removed');
  });
});

describe('flowc deploy: a queue that moves to another nested stack', () => {
  test('is refused even with --allow-replace: its own name is taken until CloudFormation deletes the old one, which comes after the create', async () => {
    const root = ROOT.replace(/ {2}JobsQueue:\n.*\n.*\n/, '');
    const part = `${PART_ONE}  JobsQueue:
    Type: AWS::SQS::Queue
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Metadata: { flowc: { name: jobs, line: 3, column: 7 } }
    Properties: { QueueName: shop-jobs }
`;
    const moved = await packageWith(writeFlow(), { 'template.yaml': root, 'stacks/stack1.yaml': part });
    const sqs = mockClient(SQSClient);
    sqs.on(GetQueueUrlCommand, { QueueName: 'shop-jobs' }).resolves({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/shop-jobs' });
    cloudformation.on(DescribeStacksCommand, { StackName: 'shop' }).resolves({
      Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date(), Parameters: [{ ParameterKey: 'FlowcAssetsBucket', ParameterValue: 'assets-bucket' }] }],
    });
    s3.on(HeadObjectCommand).resolves({});
    cloudformation.on(CreateChangeSetCommand).resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID });
    cloudformation.on(DescribeChangeSetCommand, { ChangeSetName: CHANGE_SET_ID }).resolves({
      Status: 'CREATE_COMPLETE',
      StackId: STACK_ID,
      Changes: [
        { Type: 'Resource', ResourceChange: { Action: 'Remove', LogicalResourceId: 'JobsQueue', ResourceType: 'AWS::SQS::Queue' } },
        { Type: 'Resource', ResourceChange: { Action: 'Modify', LogicalResourceId: 'PartOneStack', ResourceType: 'AWS::CloudFormation::Stack', ChangeSetId: NESTED_CHANGE_SET_ID } },
      ],
    });
    cloudformation.on(DescribeChangeSetCommand, { ChangeSetName: NESTED_CHANGE_SET_ID }).resolves({
      Status: 'CREATE_COMPLETE',
      StackId: NESTED_ID,
      Changes: [{ Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'JobsQueue', ResourceType: 'AWS::SQS::Queue' } }],
    });
    cloudformation.on(GetTemplateCommand, { StackName: STACK_ID }).resolves({ TemplateBody: ROOT.replace('Metadata: { flowc: { name: jobs, line: 3, column: 7 } }', 'DeletionPolicy: Retain\n    Metadata: { flowc: { name: jobs, line: 3, column: 7 } }') });
    cloudformation.on(DeleteChangeSetCommand).resolves({});
    const ui = recordingUi();
    const options = { stackName: 'shop', yes: true, allowReplace: true, flowFile: 'app.flow' };
    expect(await deployApp(moved, createAwsClients({ region: REGION }), options, ui, instantClock())).toBe('refused');
    expect(ui.err).toEqual([
      'this resource of the flow exists already under its name, so creating it would fail:',
      '  [PartOneStack] queue jobs: SQS queue shop-jobs (it moves from the root stack to [PartOneStack]: CloudFormation creates the new one before deleting the old)  (app.flow:3)',
      'a queue, table or stream cannot move to another nested stack in one deploy: stacks are filled in the order of the .flow file, so keep it where it was by declaring what is new after it',
    ]);
    expect(cloudformation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    sqs.restore();
  });
});
