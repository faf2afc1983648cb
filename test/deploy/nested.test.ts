import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
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
let packaged: PackagedApp;

beforeAll(async () => {
  packaged = await packageWith(writeFlow(), { 'template.yaml': ROOT, 'stacks/stack1.yaml': PART_ONE });
});

beforeEach(() => {
  cloudformation.reset();
  s3.reset();
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
      'CreateChangeSet StackName=shop ChangeSetName=flowc-20261129-120000 ChangeSetType=CREATE',
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
      'deploy of stack shop failed: ROLLBACK_COMPLETE (the stack was created and rolled back: it holds nothing, and the next deploy deletes it first)',
      '  WorkFunction (AWS::Lambda::Function) in nested stack PartOneStack CREATE_FAILED: Resource handler returned message: "Error occurred while GetObject. S3 Error Code: NoSuchKey"',
      '  --> app.flow:4:4: fn work',
    ]);
  });
});
