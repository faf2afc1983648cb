import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createAwsClients } from '../../compiler/deploy/aws.js';
import { CHANGE_SET_NAME, changeSetName } from '../../compiler/deploy/changeset.js';
import { deployApp, type DeployOptions } from '../../compiler/deploy/deploy.js';
import type { PackagedApp } from '../../compiler/deploy/package.js';
import {
  CHANGE_SET_ID,
  callSequence,
  change,
  instantClock,
  newestFirst,
  packageWith,
  REGION,
  ROOT_TEMPLATE,
  recordingUi,
  STACK_ID,
  stackEvent,
  stackFixtures,
  writeFlow,
} from './helpers.js';

const cloudformation = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);

let packaged: PackagedApp;
let workKey: string;

beforeAll(async () => {
  packaged = await packageWith(writeFlow());
  workKey = packaged.assets[0]?.key ?? '';
});

beforeEach(() => {
  cloudformation.reset();
  s3.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
});

afterEach(() => {
  cloudformation.reset();
  s3.reset();
});

const options: DeployOptions = { stackName: 'shop', bucket: 'assets-bucket', yes: true, allowReplace: false, flowFile: 'app.flow' };

const { bucket: _bucket, ...withoutBucket } = options;

function deploy(overrides: Partial<DeployOptions> = {}, ui = recordingUi(), clock = instantClock(), base: DeployOptions = options) {
  return {
    ui,
    clock,
    outcome: deployApp(packaged, createAwsClients({ region: REGION }), { ...base, ...overrides }, ui, clock),
  };
}

const { stackMissing, stackIs, finalStatus, assetMissing, changeSetCreated, changeSetReady } = stackFixtures(cloudformation, s3);

const allAdded = [
  change('Add', 'JobsQueue', 'AWS::SQS::Queue'),
  change('Add', 'JobsToWork', 'AWS::Lambda::EventSourceMapping'),
  change('Add', 'WorkFunction', 'AWS::Lambda::Function'),
];

describe('flowc deploy: first deploy', () => {
  test('uploads the code, creates the stack through a CREATE change set, and follows it to CREATE_COMPLETE', async () => {
    stackMissing();
    assetMissing();
    changeSetCreated();
    changeSetReady(allAdded);
    const before = stackEvent(0, 'shop', 'REVIEW_IN_PROGRESS');
    const events = [
      stackEvent(1, 'shop', 'CREATE_IN_PROGRESS'),
      stackEvent(2, 'JobsQueue', 'CREATE_IN_PROGRESS'),
      stackEvent(3, 'JobsQueue', 'CREATE_COMPLETE'),
      stackEvent(4, 'WorkFunction', 'CREATE_IN_PROGRESS', { ResourceType: 'AWS::Lambda::Function' }),
      stackEvent(9, 'WorkFunction', 'CREATE_COMPLETE', { ResourceType: 'AWS::Lambda::Function' }),
      stackEvent(10, 'JobsToWork', 'CREATE_COMPLETE', { ResourceType: 'AWS::Lambda::EventSourceMapping' }),
      stackEvent(11, 'shop', 'CREATE_COMPLETE'),
    ];
    cloudformation
      .on(DescribeStackEventsCommand)
      .resolvesOnce(newestFirst(before))
      .resolvesOnce(newestFirst(before, ...events.slice(0, 3)))
      .resolves(newestFirst(before, ...events));
    cloudformation.on(ExecuteChangeSetCommand).resolves({});
    finalStatus('CREATE_COMPLETE', { JobsQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/shop-jobs' });

    const { outcome, ui, clock } = deploy();
    expect(await outcome).toBe('deployed');

    expect(callSequence(cloudformation, s3)).toEqual([
      'DescribeStacks StackName=shop',
      `HeadObject Key=${workKey}`,
      `PutObject Key=${workKey}`,
      'CreateChangeSet StackName=shop ChangeSetName=flowc-20261129-120000-<random> ChangeSetType=CREATE',
      `DescribeChangeSet ChangeSetName=${CHANGE_SET_ID}`,
      `DescribeChangeSet ChangeSetName=${CHANGE_SET_ID}`,
      `DescribeChangeSet ChangeSetName=${CHANGE_SET_ID}`,
      `DescribeStackEvents StackName=${STACK_ID}`,
      `ExecuteChangeSet StackName=${STACK_ID} ChangeSetName=${CHANGE_SET_ID}`,
      `DescribeStackEvents StackName=${STACK_ID}`,
      `DescribeStackEvents StackName=${STACK_ID}`,
      `DescribeStacks StackName=${STACK_ID}`,
    ]);
    const create = cloudformation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
    expect(create?.Capabilities).toEqual(['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND']);
    expect(create?.IncludeNestedStacks).toBeUndefined();
    expect(create?.Parameters).toEqual([
      { ParameterKey: 'WorkFunctionCodeKey', ParameterValue: workKey },
      { ParameterKey: 'FlowcAssetsBucket', ParameterValue: 'assets-bucket' },
    ]);
    expect(create?.TemplateBody).toContain(`Default: ${workKey}`);
    const put = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(put).toMatchObject({ Bucket: 'assets-bucket', Key: workKey, ContentType: 'application/zip' });
    expect(put?.Body).toEqual(packaged.assets[0]?.zip);

    expect(ui.out).toEqual([
      's3://assets-bucket/shop/: uploaded 1, unchanged 0',
      'creating stack shop in eu-west-1: waiting for the change set...',
      'changes (change set flowc-20261129-120000):',
      '  +   queue jobs will be created  (app.flow:3)',
      '  +   fn work will be created  (app.flow:4)',
      '  +   edge jobs -> work: trigger will be created  (app.flow:5)',
      '[0/3] 12:00:01  CREATE_IN_PROGRESS           stack shop',
      '[0/3] 12:00:02  CREATE_IN_PROGRESS           queue jobs (app.flow:3)',
      '[1/3] 12:00:03  CREATE_COMPLETE              queue jobs (app.flow:3)',
      '[1/3] 12:00:04  CREATE_IN_PROGRESS           fn work (app.flow:4)',
      '[2/3] 12:00:09  CREATE_COMPLETE              fn work (app.flow:4)',
      '[3/3] 12:00:10  CREATE_COMPLETE              edge jobs -> work: trigger (app.flow:5)',
      '[3/3] 12:00:11  CREATE_COMPLETE              stack shop',
      'stack shop: CREATE_COMPLETE',
      '  JobsQueueUrl = https://sqs.eu-west-1.amazonaws.com/123456789012/shop-jobs',
    ]);
    expect(ui.err).toEqual([]);
    // One wait for the pending change set, one between the two polls of events.
    expect(clock.sleeps).toBe(2);
  });

  test('without --bucket and without a previous deploy, stops before touching anything', async () => {
    stackMissing();
    const { outcome } = deploy({}, recordingUi(), instantClock(), withoutBucket);
    await expect(outcome).rejects.toThrow(
      'flowc deploy needs an S3 bucket in eu-west-1 for the function code: pass --bucket NAME (later deploys of the stack reuse it)',
    );
    expect(callSequence(cloudformation, s3)).toEqual(['DescribeStacks StackName=shop']);
  });
});

describe('flowc deploy: update', () => {
  test('reuses the bucket of the last deploy, skips code already there, and updates through an UPDATE change set', async () => {
    stackIs('UPDATE_COMPLETE');
    s3.on(HeadObjectCommand).resolves({ ContentLength: 1234 });
    changeSetCreated();
    changeSetReady([change('Modify', 'JobsQueue', 'AWS::SQS::Queue', 'False', 'VisibilityTimeout')]);
    const before = stackEvent(0, 'shop', 'UPDATE_COMPLETE');
    const events = [
      stackEvent(1, 'shop', 'UPDATE_IN_PROGRESS'),
      stackEvent(2, 'JobsQueue', 'UPDATE_IN_PROGRESS'),
      stackEvent(3, 'JobsQueue', 'UPDATE_COMPLETE'),
      stackEvent(4, 'shop', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'),
      stackEvent(5, 'shop', 'UPDATE_COMPLETE'),
    ];
    cloudformation.on(DescribeStackEventsCommand).resolvesOnce(newestFirst(before)).resolves(newestFirst(before, ...events));
    cloudformation.on(ExecuteChangeSetCommand).resolves({});
    finalStatus('UPDATE_COMPLETE');

    const { outcome, ui } = deploy({}, recordingUi(), instantClock(), withoutBucket);
    expect(await outcome).toBe('deployed');
    expect(callSequence(cloudformation, s3)).toEqual([
      'DescribeStacks StackName=shop',
      `HeadObject Key=${workKey}`,
      'CreateChangeSet StackName=shop ChangeSetName=flowc-20261129-120000-<random> ChangeSetType=UPDATE',
      `DescribeChangeSet ChangeSetName=${CHANGE_SET_ID}`,
      `DescribeChangeSet ChangeSetName=${CHANGE_SET_ID}`,
      `DescribeChangeSet ChangeSetName=${CHANGE_SET_ID}`,
      `DescribeStackEvents StackName=${STACK_ID}`,
      `ExecuteChangeSet StackName=${STACK_ID} ChangeSetName=${CHANGE_SET_ID}`,
      `DescribeStackEvents StackName=${STACK_ID}`,
      `DescribeStacks StackName=${STACK_ID}`,
    ]);
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toEqual({ Bucket: 'assets-bucket', Key: workKey, ExpectedBucketOwner: '123456789012' });
    expect(ui.out).toEqual([
      's3://assets-bucket/shop/: uploaded 0, unchanged 1',
      'updating stack shop in eu-west-1: waiting for the change set...',
      'changes (change set flowc-20261129-120000):',
      '  ~   queue jobs will be updated in place (VisibilityTimeout)  (app.flow:3)',
      '[0/1] 12:00:01  UPDATE_IN_PROGRESS           stack shop',
      '[0/1] 12:00:02  UPDATE_IN_PROGRESS           queue jobs (app.flow:3)',
      '[1/1] 12:00:03  UPDATE_COMPLETE              queue jobs (app.flow:3)',
      '[1/1] 12:00:04  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS stack shop',
      '[1/1] 12:00:05  UPDATE_COMPLETE              stack shop',
      'stack shop: UPDATE_COMPLETE',
    ]);
  });

  test('a stack whose change set was never executed (REVIEW_IN_PROGRESS) is created, not updated', async () => {
    stackIs('REVIEW_IN_PROGRESS');
    s3.on(HeadObjectCommand).resolves({});
    changeSetCreated();
    cloudformation.on(DescribeChangeSetCommand).resolves({ Status: 'FAILED', StatusReason: 'Template error: boom', StackId: STACK_ID });
    await expect(deploy().outcome).rejects.toThrow('CloudFormation rejected the change set: Template error: boom');
    expect(cloudformation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.ChangeSetType).toBe('CREATE');
  });

  test('a busy stack is refused with what to do, before anything is uploaded', async () => {
    stackIs('UPDATE_IN_PROGRESS');
    await expect(deploy().outcome).rejects.toThrow(
      'stack shop is busy: another operation is changing it (UPDATE_IN_PROGRESS), not this deploy; wait until it ends ' +
        '(follow it with `aws cloudformation describe-stack-events --stack-name shop` or in the CloudFormation console), then deploy again',
    );
    expect(callSequence(cloudformation, s3)).toEqual(['DescribeStacks StackName=shop']);
  });
});

describe('flowc deploy: no change', () => {
  test('"didn\'t contain changes" is success: the empty change set is deleted and nothing is executed', async () => {
    stackIs('UPDATE_COMPLETE');
    s3.on(HeadObjectCommand).resolves({});
    changeSetCreated();
    cloudformation.on(DescribeChangeSetCommand).resolves({
      Status: 'FAILED',
      StatusReason: "The submitted information didn't contain changes. Submit different information to create a change set.",
      StackId: STACK_ID,
    });
    cloudformation.on(DeleteChangeSetCommand).resolves({});
    const { outcome, ui } = deploy();
    expect(await outcome).toBe('unchanged');
    expect(callSequence(cloudformation, s3)).toEqual([
      'DescribeStacks StackName=shop',
      `HeadObject Key=${workKey}`,
      'CreateChangeSet StackName=shop ChangeSetName=flowc-20261129-120000-<random> ChangeSetType=UPDATE',
      `DescribeChangeSet ChangeSetName=${CHANGE_SET_ID}`,
      `DeleteChangeSet StackName=${STACK_ID} ChangeSetName=${CHANGE_SET_ID}`,
    ]);
    expect(ui.out.at(-1)).toBe('stack shop is up to date: nothing to deploy');
  });
});

describe('flowc deploy: failure and rollback', () => {
  test('prints the failing resource, AWS\'s reason and the .flow line; skips the "cancelled" follow-ups', async () => {
    stackIs('UPDATE_COMPLETE');
    s3.on(HeadObjectCommand).resolves({});
    changeSetCreated();
    changeSetReady([
      change('Modify', 'WorkFunction', 'AWS::Lambda::Function', 'False', 'MemorySize'),
      change('Modify', 'JobsQueue', 'AWS::SQS::Queue', 'False', 'VisibilityTimeout'),
    ]);
    const reason = 'Resource handler returned message: "Memory size must be at most 10240 MB" (RequestToken: abc, HandlerErrorCode: InvalidRequest)';
    const before = stackEvent(0, 'shop', 'UPDATE_COMPLETE');
    const events = [
      stackEvent(1, 'shop', 'UPDATE_IN_PROGRESS'),
      stackEvent(2, 'JobsQueue', 'UPDATE_IN_PROGRESS'),
      stackEvent(3, 'WorkFunction', 'UPDATE_IN_PROGRESS', { ResourceType: 'AWS::Lambda::Function' }),
      stackEvent(4, 'WorkFunction', 'UPDATE_FAILED', { ResourceType: 'AWS::Lambda::Function', ResourceStatusReason: reason }),
      stackEvent(4, 'JobsQueue', 'UPDATE_FAILED', { ResourceStatusReason: 'Resource update cancelled' }),
      stackEvent(5, 'shop', 'UPDATE_ROLLBACK_IN_PROGRESS', { ResourceStatusReason: 'The following resource(s) failed to update: [WorkFunction].' }),
      stackEvent(8, 'JobsQueue', 'UPDATE_COMPLETE'),
      stackEvent(9, 'shop', 'UPDATE_ROLLBACK_COMPLETE'),
    ];
    cloudformation.on(DescribeStackEventsCommand).resolvesOnce(newestFirst(before)).resolves(newestFirst(before, ...events));
    cloudformation.on(ExecuteChangeSetCommand).resolves({});
    finalStatus('UPDATE_ROLLBACK_COMPLETE');

    const { outcome, ui } = deploy();
    expect(await outcome).toBe('failed');
    expect(ui.out).toContain('[0/2] 12:00:04  UPDATE_FAILED                fn work (app.flow:4)');
    expect(ui.out).toContain(`                ${reason}`);
    expect(ui.err).toEqual([
      'deploy of stack shop failed: UPDATE_ROLLBACK_COMPLETE (the stack is back to its previous version)',
      `  WorkFunction (AWS::Lambda::Function) UPDATE_FAILED: ${reason}`,
      '  --> app.flow:4:4: fn work',
    ]);
  });

  test('with --yes, a stack left in ROLLBACK_COMPLETE by a failed first deploy is deleted first, and said so', async () => {
    stackIs('ROLLBACK_COMPLETE');
    cloudformation.on(DeleteStackCommand).resolves({});
    cloudformation
      .on(DescribeStacksCommand, { StackName: STACK_ID })
      .resolvesOnce({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'DELETE_IN_PROGRESS', CreationTime: new Date() }] })
      .resolvesOnce({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'DELETE_COMPLETE', CreationTime: new Date() }] });
    s3.on(HeadObjectCommand).resolves({});
    changeSetCreated();
    cloudformation.on(DescribeChangeSetCommand).resolves({ Status: 'FAILED', StatusReason: 'stop here', StackId: STACK_ID });

    const { outcome, ui } = deploy({}, recordingUi(), instantClock(), withoutBucket);
    await expect(outcome).rejects.toThrow('CloudFormation rejected the change set: stop here');
    expect(callSequence(cloudformation, s3)).toEqual([
      'DescribeStacks StackName=shop',
      `DeleteStack StackName=${STACK_ID}`,
      `DescribeStacks StackName=${STACK_ID}`,
      `DescribeStacks StackName=${STACK_ID}`,
      `HeadObject Key=${workKey}`,
      // Two polls of the deletion on the virtual clock: 4 seconds later.
      'CreateChangeSet StackName=shop ChangeSetName=flowc-20261129-120004-<random> ChangeSetType=CREATE',
      `DescribeChangeSet ChangeSetName=${CHANGE_SET_ID}`,
    ]);
    expect(ui.out.slice(0, 3)).toEqual([
      'stack shop is ROLLBACK_COMPLETE: its first deploy failed and was rolled back, so it holds nothing. CloudFormation cannot update such a stack, only delete it and create it again.',
      '--yes: deleting stack shop to create it again...',
      'deleted stack shop',
    ]);
    // The bucket of the failed first deploy is used again.
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input.Bucket).toBe('assets-bucket');
  });
});

describe('flowc deploy: replacement guard', () => {
  const replacingQueue = () => {
    stackIs('UPDATE_COMPLETE');
    s3.on(HeadObjectCommand).resolves({});
    changeSetCreated();
    changeSetReady([
      change('Modify', 'JobsQueue', 'AWS::SQS::Queue', 'True', 'FifoQueue'),
      change('Modify', 'WorkFunction', 'AWS::Lambda::Function', 'True', 'FunctionName'),
    ]);
    cloudformation.on(DeleteChangeSetCommand).resolves({});
  };

  test('replacing a queue is refused: the change set is deleted, never executed', async () => {
    replacingQueue();
    const { outcome, ui } = deploy();
    expect(await outcome).toBe('refused');
    expect(ui.out.slice(-2)).toEqual([
      '  -/+ queue jobs will be replaced (FifoQueue): its messages are lost  (app.flow:3)',
      '  -/+ fn work will be replaced (FunctionName)  (app.flow:4)',
    ]);
    expect(ui.err).toEqual([
      'this change replaces or removes a resource that holds data:',
      '  -/+ queue jobs will be replaced (FifoQueue): its messages are lost  (app.flow:3)',
      'flowc deploy refuses this unless you pass --allow-replace; to keep the data, revert the setting that forces the replacement',
    ]);
    expect(callSequence(cloudformation).slice(-1)).toEqual([`DeleteChangeSet StackName=${STACK_ID} ChangeSetName=${CHANGE_SET_ID}`]);
    expect(cloudformation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
  });

  test('--allow-replace goes ahead', async () => {
    replacingQueue();
    const before = stackEvent(0, 'shop', 'UPDATE_COMPLETE');
    cloudformation
      .on(DescribeStackEventsCommand)
      .resolvesOnce(newestFirst(before))
      .resolves(newestFirst(before, stackEvent(1, 'shop', 'UPDATE_IN_PROGRESS'), stackEvent(2, 'shop', 'UPDATE_COMPLETE')));
    cloudformation.on(ExecuteChangeSetCommand).resolves({});
    finalStatus('UPDATE_COMPLETE');
    const { outcome, ui } = deploy({ allowReplace: true });
    expect(await outcome).toBe('deployed');
    expect(ui.out).toContain('--allow-replace: going ahead although a resource holding data will be replaced or removed');
    expect(cloudformation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(1);
  });

  test('deleting a table found only in the deployed template is refused, named from that template', async () => {
    stackIs('UPDATE_COMPLETE');
    s3.on(HeadObjectCommand).resolves({});
    changeSetCreated();
    changeSetReady([change('Remove', 'StockTable', 'AWS::DynamoDB::Table')]);
    cloudformation.on(GetTemplateCommand, { StackName: STACK_ID, TemplateStage: 'Original' }).resolves({
      TemplateBody: JSON.stringify({
        Resources: { StockTable: { Type: 'AWS::DynamoDB::Table', Metadata: { flowc: { name: 'stock', line: 7, column: 7 } } } },
      }),
    });
    cloudformation.on(DeleteChangeSetCommand).resolves({});
    const { outcome, ui } = deploy();
    expect(await outcome).toBe('refused');
    expect(ui.err[1]).toBe('  -   table stock will be deleted: its items are lost  (app.flow:7)');
  });
});

describe('flowc deploy: confirmation', () => {
  const readyToExecute = () => {
    stackMissing();
    s3.on(HeadObjectCommand).resolves({});
    changeSetCreated();
    changeSetReady(allAdded);
    cloudformation.on(DeleteChangeSetCommand).resolves({});
    cloudformation.on(DeleteStackCommand).resolves({});
  };

  test('asks on a terminal; "no" deletes the change set and the empty new stack', async () => {
    readyToExecute();
    const ui = recordingUi(false);
    const { outcome } = deploy({ yes: false }, ui);
    expect(await outcome).toBe('declined');
    expect(ui.questions).toEqual(['deploy these changes to stack shop in eu-west-1? [y/N] ']);
    expect(callSequence(cloudformation).slice(-2)).toEqual([
      `DeleteChangeSet StackName=${STACK_ID} ChangeSetName=${CHANGE_SET_ID}`,
      `DeleteStack StackName=${STACK_ID}`,
    ]);
    expect(cloudformation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect(ui.out.at(-1)).toBe('nothing deployed');
  });

  test('"yes" executes', async () => {
    readyToExecute();
    const before = stackEvent(0, 'shop', 'REVIEW_IN_PROGRESS');
    cloudformation
      .on(DescribeStackEventsCommand)
      .resolvesOnce(newestFirst(before))
      .resolves(newestFirst(before, stackEvent(1, 'shop', 'CREATE_IN_PROGRESS'), stackEvent(2, 'shop', 'CREATE_COMPLETE')));
    cloudformation.on(ExecuteChangeSetCommand).resolves({});
    finalStatus('CREATE_COMPLETE');
    const ui = recordingUi(true);
    expect(await deploy({ yes: false }, ui).outcome).toBe('deployed');
    expect(ui.questions).toHaveLength(1);
  });
});

describe('flowc deploy: a root template over the inline limit', () => {
  test('is uploaded beside the code and passed to CloudFormation by URL', async () => {
    const big = await packageWith(writeFlow(), { 'template.yaml': `Description: ${'x'.repeat(52_000)}\n${ROOT_TEMPLATE.replace("AWSTemplateFormatVersion: '2010-09-09'\n", '')}` });
    stackIs('UPDATE_COMPLETE');
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('NotFound'), { name: 'NotFound' }));
    s3.on(PutObjectCommand).resolves({});
    changeSetCreated();
    cloudformation.on(DescribeChangeSetCommand).resolves({ Status: 'FAILED', StatusReason: 'No updates are to be performed.', StackId: STACK_ID });
    cloudformation.on(DeleteChangeSetCommand).resolves({});
    const ui = recordingUi();
    expect(await deployApp(big, createAwsClients({ region: REGION }), options, ui, instantClock())).toBe('unchanged');
    const rootKey = s3.commandCalls(PutObjectCommand)[1]?.args[0].input.Key ?? '';
    expect(rootKey).toMatch(/^shop\/templates\/template-[0-9a-f]{16}\.yaml$/);
    const create = cloudformation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
    expect(create?.TemplateBody).toBeUndefined();
    expect(create?.TemplateURL).toBe(`https://assets-bucket.s3.eu-west-1.amazonaws.com/${rootKey}`);
  });
});

describe('flowc deploy: change set names', () => {
  test('two deploys in the same second get different names, each a valid change set name', () => {
    const now = new Date('2026-11-29T12:00:00.123Z');
    const names = Array.from({ length: 50 }, () => changeSetName(now));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^flowc-20261129-120000-[0-9a-f]{8}$/);
      expect(name).toMatch(CHANGE_SET_NAME);
      expect(name.length).toBeLessThanOrEqual(128);
    }
    expect(CHANGE_SET_NAME.test('1abc')).toBe(false);
    expect(CHANGE_SET_NAME.test(`a${'b'.repeat(128)}`)).toBe(false);
  });

  test('the deploy names its change set so, and retries it under the same token', async () => {
    stackIs('UPDATE_COMPLETE');
    s3.on(HeadObjectCommand).resolves({});
    changeSetCreated();
    cloudformation.on(DescribeChangeSetCommand).resolves({ Status: 'FAILED', StatusReason: 'No updates are to be performed.', StackId: STACK_ID });
    cloudformation.on(DeleteChangeSetCommand).resolves({});
    expect(await deploy().outcome).toBe('unchanged');
    const input = cloudformation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
    expect(input?.ChangeSetName).toMatch(/^flowc-20261129-120000-[0-9a-f]{8}$/);
    expect(input?.ClientToken).toBe(input?.ChangeSetName);
  });
});
