import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createAwsClients } from '../../compiler/deploy/aws.js';
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
const sqs = mockClient(SQSClient);
const dynamodb = mockClient(DynamoDBClient);
const kinesis = mockClient(KinesisClient);
const { stackMissing, stackIs, finalStatus, changeSetCreated, changeSetReady } = stackFixtures(cloudformation, s3);

/** The test flow's template with the physical names the emitter gives (`<app>-<name>`), and a table and a stream. */
const NAMED_TEMPLATE = `${ROOT_TEMPLATE.replace('      VisibilityTimeout: 30', '      QueueName: shop-jobs\n      VisibilityTimeout: 30')}  StockTable:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Metadata:
      flowc: { name: stock, line: 6, column: 7 }
    Properties:
      TableName: shop-stock
  ClicksStream:
    Type: AWS::Kinesis::Stream
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Metadata:
      flowc: { name: clicks, line: 7, column: 8 }
    Properties:
      Name: shop-clicks
`;

let packaged: PackagedApp;
let named: PackagedApp;

beforeAll(async () => {
  const flow = writeFlow();
  packaged = await packageWith(flow);
  named = await packageWith(flow, { 'template.yaml': NAMED_TEMPLATE });
});

const notFound = (name: string) => Object.assign(new Error(`${name}: not found`), { name, $metadata: { httpStatusCode: 400 } });

beforeEach(() => {
  for (const mock of [cloudformation, s3, sts, sqs, dynamodb, kinesis]) mock.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
  s3.on(HeadObjectCommand).resolves({});
  // By default nothing of the flow's names exists outside the stack.
  sqs.on(GetQueueUrlCommand).rejects(notFound('QueueDoesNotExist'));
  dynamodb.on(DescribeTableCommand).rejects(notFound('ResourceNotFoundException'));
  kinesis.on(DescribeStreamSummaryCommand).rejects(notFound('ResourceNotFoundException'));
});

const base: DeployOptions = { stackName: 'shop', yes: true, allowReplace: false, flowFile: 'app.flow' };

function deploy(overrides: Partial<DeployOptions> = {}, ui = recordingUi(), app = packaged) {
  return { ui, outcome: deployApp(app, createAwsClients({ region: REGION }), { ...base, ...overrides }, ui, instantClock()) };
}

/** The stack is gone at the first poll; the stack created after it then ends in `final`. */
const deletedThenCreated = (final = 'CREATE_COMPLETE') =>
  cloudformation
    .on(DescribeStacksCommand, { StackName: STACK_ID })
    .resolvesOnce({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'DELETE_COMPLETE', CreationTime: new Date() }] })
    .resolves({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: final as never, CreationTime: new Date() }] });

const executesToCompletion = (status = 'CREATE_COMPLETE') => {
  const before = stackEvent(0, 'shop', 'REVIEW_IN_PROGRESS');
  cloudformation
    .on(DescribeStackEventsCommand)
    .resolvesOnce(newestFirst(before))
    .resolves(newestFirst(before, stackEvent(1, 'shop', 'CREATE_IN_PROGRESS'), stackEvent(2, 'shop', status)));
  cloudformation.on(ExecuteChangeSetCommand).resolves({});
};

const allAdded = [change('Add', 'JobsQueue', 'AWS::SQS::Queue'), change('Add', 'WorkFunction', 'AWS::Lambda::Function')];

describe('flowc deploy: a stack left in ROLLBACK_COMPLETE', () => {
  test('is deleted only once the user says yes: "no" leaves it as it was, and nothing is uploaded', async () => {
    stackIs('ROLLBACK_COMPLETE');
    const ui = recordingUi(false);
    const { outcome } = deploy({ yes: false }, ui);
    expect(await outcome).toBe('declined');
    expect(ui.questions).toEqual(['delete stack shop in eu-west-1 and create it again? [y/N] ']);
    expect(callSequence(cloudformation, s3)).toEqual(['DescribeStacks StackName=shop']);
    expect(ui.out).toEqual([
      'stack shop is ROLLBACK_COMPLETE: its first deploy failed and was rolled back, so it holds nothing. CloudFormation cannot update such a stack, only delete it and create it again.',
      'nothing deployed: stack shop is left as it was',
    ]);
  });

  test('"yes" deletes it, then the change set of the new stack is shown and asked about as always', async () => {
    stackIs('ROLLBACK_COMPLETE');
    cloudformation.on(DeleteStackCommand).resolves({});
    deletedThenCreated();
    changeSetCreated();
    changeSetReady(allAdded);
    executesToCompletion();
    const ui = recordingUi(true);
    const { outcome } = deploy({ yes: false }, ui);
    expect(await outcome).toBe('deployed');
    expect(ui.questions).toEqual(['delete stack shop in eu-west-1 and create it again? [y/N] ', 'deploy these changes to stack shop in eu-west-1? [y/N] ']);
    const calls = callSequence(cloudformation);
    expect(calls.indexOf(`DeleteStack StackName=${STACK_ID}`)).toBeLessThan(calls.findIndex((call) => call.startsWith('CreateChangeSet')));
    expect(ui.out.slice(1, 3)).toEqual(['deleting stack shop...', 'deleted stack shop']);
  });

  test('with termination protection, nothing is deleted: the message says how to turn it off', async () => {
    stackIs('ROLLBACK_COMPLETE', undefined, { EnableTerminationProtection: true });
    await expect(deploy().outcome).rejects.toThrow(
      'stack shop is ROLLBACK_COMPLETE and must be deleted before it can be created again, but it has termination protection. If it is the stack you mean, ' +
        'turn the protection off (`aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name shop`), then deploy again',
    );
    expect(cloudformation.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  test('protection turned on between the two calls: DeleteStack\'s refusal gets the same message', async () => {
    stackIs('ROLLBACK_COMPLETE');
    cloudformation
      .on(DeleteStackCommand)
      .rejects(Object.assign(new Error('Stack [shop] cannot be deleted while TerminationProtection is enabled'), { name: 'ValidationError' }));
    await expect(deploy().outcome).rejects.toThrow('but it has termination protection');
  });
});

describe('flowc deploy: queues, tables and streams left outside the stack', () => {
  test('a create that would fail on a name taken outside the stack is refused before anything is created, with how to adopt or delete', async () => {
    stackMissing();
    changeSetCreated();
    changeSetReady([...allAdded, change('Add', 'StockTable', 'AWS::DynamoDB::Table'), change('Add', 'ClicksStream', 'AWS::Kinesis::Stream')]);
    cloudformation.on(DeleteChangeSetCommand).resolves({});
    cloudformation.on(DeleteStackCommand).resolves({});
    sqs.on(GetQueueUrlCommand, { QueueName: 'shop-jobs' }).resolves({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/shop-jobs' });
    kinesis.on(DescribeStreamSummaryCommand, { StreamName: 'shop-clicks' }).resolves({ StreamDescriptionSummary: {} as never });
    const { outcome, ui } = deploy({ bucket: 'assets-bucket' }, recordingUi(), named);
    expect(await outcome).toBe('refused');
    expect(ui.err).toEqual([
      'these resources of the flow exist already under their names, so creating them would fail:',
      '  queue jobs: SQS queue shop-jobs  (app.flow:3)',
      '  stream clicks: Kinesis stream shop-clicks  (app.flow:7)',
      'they are outside the stack: an earlier stack let go of them and AWS kept them (Retain) — a failed first deploy, a deleted stack, or a declaration removed and added back.',
      'to keep what they hold, adopt them into the stack: deploy again with --import-existing (CloudFormation imports each one of that name instead of creating it; it must be declared with the default retain = true)',
      'to start empty instead, delete them, then deploy again:',
      '  aws sqs delete-queue --queue-url https://sqs.eu-west-1.amazonaws.com/123456789012/shop-jobs',
      '  aws kinesis delete-stream --stream-name shop-clicks',
    ]);
    expect(callSequence(sqs, dynamodb, kinesis)).toEqual([
      'GetQueueUrl QueueName=shop-jobs',
      'DescribeTable TableName=shop-stock',
      'DescribeStreamSummary StreamName=shop-clicks',
    ]);
    // The account is left as it was: no execution, the change set and its empty stack deleted.
    expect(cloudformation.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect(callSequence(cloudformation).slice(-2)).toEqual([`DeleteChangeSet StackName=${STACK_ID} ChangeSetName=${CHANGE_SET_ID}`, `DeleteStack StackName=${STACK_ID}`]);
  });

  test('--import-existing asks CloudFormation to adopt them, and shows each adoption', async () => {
    stackMissing();
    changeSetCreated();
    changeSetReady([change('Import', 'JobsQueue', 'AWS::SQS::Queue'), change('Add', 'WorkFunction', 'AWS::Lambda::Function')]);
    executesToCompletion();
    finalStatus('CREATE_COMPLETE');
    const { outcome, ui } = deploy({ bucket: 'assets-bucket', importExisting: true }, recordingUi(), named);
    expect(await outcome).toBe('deployed');
    expect(cloudformation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.ImportExistingResources).toBe(true);
    expect(ui.out).toContain('  <   queue jobs will be adopted: the existing queue of that name joins the stack, its messages kept  (app.flow:3)');
    // Imported, not created: nothing to look up.
    expect(sqs.commandCalls(GetQueueUrlCommand)).toHaveLength(0);
  });

  test('a name that cannot be looked up (no permission) is a warning, not a refusal', async () => {
    stackMissing();
    changeSetCreated();
    changeSetReady(allAdded);
    executesToCompletion();
    finalStatus('CREATE_COMPLETE');
    sqs.on(GetQueueUrlCommand).rejects(Object.assign(new Error('not authorized to perform: sqs:GetQueueUrl'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    const { outcome, ui } = deploy({ bucket: 'assets-bucket' }, recordingUi(), named);
    expect(await outcome).toBe('deployed');
    expect(ui.err).toEqual([
      'warning: could not check whether SQS queue shop-jobs exists already (GetQueueUrl failed: AccessDenied: not authorized to perform: sqs:GetQueueUrl ' +
        '(the credentials in use lack a permission this needs)); if it does, creating it fails',
    ]);
  });

  test('a failed create does not leave new queues behind: the change set runs with RetainExceptOnCreate', async () => {
    stackMissing();
    changeSetCreated();
    changeSetReady(allAdded);
    executesToCompletion('ROLLBACK_COMPLETE');
    finalStatus('ROLLBACK_COMPLETE');
    expect(await deploy({ bucket: 'assets-bucket' }, recordingUi(), named).outcome).toBe('failed');
    expect(cloudformation.commandCalls(ExecuteChangeSetCommand)[0]?.args[0].input).toMatchObject({ RetainExceptOnCreate: true });
  });
});

describe('flowc deploy: stacks that cannot be changed now', () => {
  test('UPDATE_ROLLBACK_FAILED: continue-update-rollback first', async () => {
    stackIs('UPDATE_ROLLBACK_FAILED');
    await expect(deploy().outcome).rejects.toThrow(
      'stack shop is UPDATE_ROLLBACK_FAILED: an update failed, and so did its rollback, so CloudFormation takes no change until the rollback is finished. ' +
        "Find the resource that blocked it in the stack's events (`aws cloudformation describe-stack-events --stack-name shop`), fix it, then run " +
        '`aws cloudformation continue-update-rollback --stack-name shop` (with `--resources-to-skip LOGICAL_ID` for a resource that cannot be rolled back), and deploy again',
    );
    expect(callSequence(cloudformation, s3)).toEqual(['DescribeStacks StackName=shop']);
  });

  test('IMPORT_ROLLBACK_FAILED is refused before anything is uploaded, with what to do', async () => {
    stackIs('IMPORT_ROLLBACK_FAILED');
    await expect(deploy().outcome).rejects.toThrow(
      "stack shop is IMPORT_ROLLBACK_FAILED: a resource import failed, and so did its rollback. Find the resource that blocked it in the stack's events " +
        '(`aws cloudformation describe-stack-events --stack-name shop`) and fix it in the CloudFormation console; deploy again once the stack is back in a *_COMPLETE state',
    );
    expect(callSequence(cloudformation, s3)).toEqual(['DescribeStacks StackName=shop']);
  });

  test('an operation started by someone else after flowc looked: CreateChangeSet\'s "can not be updated" becomes the busy message', async () => {
    stackIs('UPDATE_COMPLETE');
    cloudformation
      .on(CreateChangeSetCommand)
      .rejects(Object.assign(new Error(`Stack:${STACK_ID} is in UPDATE_IN_PROGRESS state and can not be updated.`), { name: 'ValidationError' }));
    await expect(deploy().outcome).rejects.toThrow(
      'stack shop is busy: another operation started changing it while flowc prepared this deploy (UPDATE_IN_PROGRESS), not this deploy; wait until it ends',
    );
  });

  test('the same at ExecuteChangeSet, and a change set made obsolete by another deploy', async () => {
    for (const [error, message] of [
      [
        Object.assign(new Error(`Stack:${STACK_ID} is in UPDATE_ROLLBACK_IN_PROGRESS state and can not be updated.`), { name: 'ValidationError' }),
        'stack shop is busy: another operation started changing it while flowc prepared this deploy (UPDATE_ROLLBACK_IN_PROGRESS)',
      ],
      [
        Object.assign(new Error(`ChangeSet [${CHANGE_SET_ID}] cannot be executed in its current status of [OBSOLETE]`), { name: 'InvalidChangeSetStatusException' }),
        'stack shop changed after flowc made the change set (another deploy or update went through in between), so CloudFormation will not run it; deploy again',
      ],
    ] as const) {
      cloudformation.reset();
      stackIs('UPDATE_COMPLETE');
      changeSetCreated();
      changeSetReady([change('Modify', 'WorkFunction', 'AWS::Lambda::Function', 'False', 'MemorySize')]);
      cloudformation.on(DescribeStackEventsCommand).resolves(newestFirst(stackEvent(0, 'shop', 'UPDATE_COMPLETE')));
      cloudformation.on(ExecuteChangeSetCommand).rejects(error);
      await expect(deploy().outcome).rejects.toThrow(message);
    }
  });

  test('a deploy that ends in UPDATE_ROLLBACK_FAILED says how to continue the rollback of this stack', async () => {
    stackIs('UPDATE_COMPLETE');
    changeSetCreated();
    changeSetReady([change('Modify', 'WorkFunction', 'AWS::Lambda::Function', 'False', 'MemorySize')]);
    const before = stackEvent(0, 'shop', 'UPDATE_COMPLETE');
    cloudformation
      .on(DescribeStackEventsCommand)
      .resolvesOnce(newestFirst(before))
      .resolves(newestFirst(before, stackEvent(1, 'shop', 'UPDATE_IN_PROGRESS'), stackEvent(2, 'shop', 'UPDATE_ROLLBACK_FAILED')));
    cloudformation.on(ExecuteChangeSetCommand).resolves({});
    finalStatus('UPDATE_ROLLBACK_FAILED');
    const { outcome, ui } = deploy();
    expect(await outcome).toBe('failed');
    expect(ui.err[0]).toBe(
      'deploy of stack shop failed: UPDATE_ROLLBACK_FAILED (the rollback failed too: fix the resource below, then run `aws cloudformation continue-update-rollback --stack-name shop` before deploying again)',
    );
  });
});
