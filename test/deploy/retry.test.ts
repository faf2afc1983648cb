import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  LimitExceededException,
} from '@aws-sdk/client-cloudformation';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createAwsClients } from '../../compiler/deploy/aws.js';
import { deployApp, type DeployOptions } from '../../compiler/deploy/deploy.js';
import type { PackagedApp } from '../../compiler/deploy/package.js';
import { isRetryable, RETRY_POLICY, RETRY_SECONDS } from '../../compiler/deploy/retry.js';
import {
  CHANGE_SET_ID,
  change,
  instantClock,
  newestFirst,
  packageWith,
  REGION,
  recordingUi,
  STACK_ID,
  stackEvent,
  stackFixtures,
  writeFlow,
} from './helpers.js';

const cloudformation = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);
const { stackIs, finalStatus } = stackFixtures(cloudformation, s3);

let packaged: PackagedApp;
beforeAll(async () => {
  packaged = await packageWith(writeFlow());
});

beforeEach(() => {
  for (const mock of [cloudformation, s3, sts]) mock.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
});

/** Errors as the SDK throws them: a name, and `$metadata` with the HTTP status. */
const sdkError = (name: string, status: number | undefined, message = name, extra: object = {}) =>
  Object.assign(new Error(message), { name, $fault: status !== undefined && status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, ...extra });
const throttled = () => sdkError('Throttling', 400, 'Rate exceeded');

const options: DeployOptions = { stackName: 'shop', yes: true, allowReplace: false, flowFile: 'app.flow' };
const modified = [change('Modify', 'WorkFunction', 'AWS::Lambda::Function', 'False', 'MemorySize')];
const before = stackEvent(0, 'shop', 'UPDATE_COMPLETE');
const operation = [stackEvent(1, 'shop', 'UPDATE_IN_PROGRESS'), stackEvent(2, 'WorkFunction', 'UPDATE_COMPLETE', { ResourceType: 'AWS::Lambda::Function' }), stackEvent(3, 'shop', 'UPDATE_COMPLETE')];

function anUpdate() {
  stackIs('UPDATE_COMPLETE');
  s3.on(HeadObjectCommand).resolves({});
  cloudformation.on(CreateChangeSetCommand).resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID });
  cloudformation.on(DescribeChangeSetCommand).resolves({ Status: 'CREATE_COMPLETE', StackId: STACK_ID, Changes: modified });
  cloudformation.on(ExecuteChangeSetCommand).resolves({});
  finalStatus('UPDATE_COMPLETE');
}

function run(clock = instantClock()) {
  const ui = recordingUi();
  return { ui, clock, outcome: deployApp(packaged, createAwsClients({ region: REGION }), options, ui, clock) };
}

describe('flowc deploy: throttling and transient faults', () => {
  test('one throttled DescribeStackEvents while the stack updates: deploy backs off, then follows the stack to the end', async () => {
    anUpdate();
    cloudformation
      .on(DescribeStackEventsCommand)
      .resolvesOnce(newestFirst(before))
      .rejectsOnce(throttled())
      .resolves(newestFirst(before, ...operation));
    const { outcome, ui, clock } = run();
    expect(await outcome).toBe('deployed');
    expect(ui.out.at(-1)).toBe('stack shop: UPDATE_COMPLETE');
    // Half of the first back-off ceiling (1 s): the test clock's jitter is always 0.5.
    expect(clock.waits).toEqual([500]);
  });

  test('every call deploy makes rides out throttling, 5xx, timeouts and network errors', async () => {
    anUpdate();
    sts.on(GetCallerIdentityCommand).rejectsOnce(sdkError('ThrottlingException', 400)).resolves({ Account: '123456789012' });
    cloudformation
      .on(DescribeStacksCommand, { StackName: 'shop' })
      .rejectsOnce(sdkError('ServiceUnavailable', 503))
      .resolves({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date(), Parameters: [{ ParameterKey: 'FlowcAssetsBucket', ParameterValue: 'b' }] }] });
    s3.on(HeadObjectCommand)
      .rejectsOnce(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .rejects(sdkError('NotFound', 404));
    s3.on(PutObjectCommand).rejectsOnce(sdkError('SlowDown', 503)).resolves({});
    cloudformation.on(CreateChangeSetCommand).rejectsOnce(throttled()).resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID });
    cloudformation
      .on(DescribeChangeSetCommand)
      .rejectsOnce(sdkError('TimeoutError', undefined, 'Connection timed out after 30000 ms'))
      .resolves({ Status: 'CREATE_COMPLETE', StackId: STACK_ID, Changes: modified });
    cloudformation.on(ExecuteChangeSetCommand).rejectsOnce(sdkError('InternalFailure', 500)).resolves({});
    cloudformation
      .on(DescribeStackEventsCommand)
      .resolvesOnce(newestFirst(before))
      .rejectsOnce(sdkError('RequestLimitExceeded', 400))
      .resolves(newestFirst(before, ...operation));
    cloudformation
      .on(DescribeStacksCommand, { StackName: STACK_ID })
      .rejectsOnce(throttled())
      .resolves({ Stacks: [{ StackName: 'shop', StackId: STACK_ID, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date() }] });

    const { outcome, clock } = run();
    expect(await outcome).toBe('deployed');
    expect(clock.waits).toEqual([500, 500, 500, 500, 500, 500, 500, 500, 500]);
    // Retried with the same tokens: CloudFormation sees one change set, executed once.
    const creates = cloudformation.commandCalls(CreateChangeSetCommand).map((call) => call.args[0].input);
    expect(creates).toHaveLength(2);
    expect(creates[1]?.ClientToken).toBe(creates[0]?.ChangeSetName);
    expect(creates[0]?.ClientToken).toBe(creates[0]?.ChangeSetName);
    const executes = cloudformation.commandCalls(ExecuteChangeSetCommand).map((call) => call.args[0].input.ClientRequestToken);
    expect(executes).toEqual([creates[0]?.ChangeSetName, creates[0]?.ChangeSetName]);
  });

  test('bounded: a stack whose events stay throttled ends the wait with a message that the stack goes on', async () => {
    anUpdate();
    cloudformation.on(DescribeStackEventsCommand).resolvesOnce(newestFirst(before)).rejects(throttled());
    const { outcome, clock } = run();
    await expect(outcome).rejects.toThrow(
      `lost track of stack shop: DescribeStackEvents failed: Throttling: Rate exceeded (still failing after 8 attempts over ${RETRY_SECONDS} seconds: ` +
        'AWS is throttling these credentials or cannot be reached; try again later). The stack operation goes on in CloudFormation: ' +
        'follow it with `aws cloudformation describe-stack-events --stack-name shop` or in the console',
    );
    expect(cloudformation.commandCalls(DescribeStackEventsCommand)).toHaveLength(1 + RETRY_POLICY.attempts);
    // Jittered (half of each ceiling here), doubling, capped at 20 s.
    expect(clock.waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
    expect(RETRY_SECONDS).toBe(71);
  });

  test('errors that waiting does not fix fail at once: validation, permissions, CloudFormation quotas', async () => {
    for (const error of [
      sdkError('ValidationError', 400, 'Template format error: unresolved resource'),
      sdkError('AccessDenied', 403, 'not authorized to perform: cloudformation:CreateChangeSet'),
      new LimitExceededException({ message: 'Limit on the number of stacks exceeded', $metadata: { httpStatusCode: 400 } }),
    ]) {
      cloudformation.reset();
      anUpdate();
      cloudformation.on(CreateChangeSetCommand).rejects(error);
      const { outcome, clock } = run();
      await expect(outcome).rejects.toThrow(`CreateChangeSet failed: ${error.name}: ${error.message}`);
      expect(cloudformation.commandCalls(CreateChangeSetCommand)).toHaveLength(1);
      expect(clock.waits).toEqual([]);
    }
  });
});

describe('which errors are retried', () => {
  test("the SDK's classification: throttling codes and 429, 5xx, timeouts, network errors, retryable traits, corrected clock skew", () => {
    const retried = [
      sdkError('Throttling', 400),
      sdkError('ThrottlingException', 400),
      sdkError('TooManyRequestsException', 429),
      sdkError('SlowDown', 503),
      sdkError('Anything', 429),
      sdkError('InternalFailure', 500),
      sdkError('BadGateway', 502),
      sdkError('UnknownError', 599),
      sdkError('TimeoutError', undefined),
      sdkError('RequestTimeTooSkewed', 403, 'x', { $metadata: { httpStatusCode: 403, clockSkewCorrected: true } }),
      sdkError('Whatever', 400, 'x', { $retryable: {} }),
      Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' }),
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ];
    const failed = [
      sdkError('ValidationError', 400),
      sdkError('AccessDenied', 403),
      sdkError('AccessDeniedException', 400),
      sdkError('NotFound', 404),
      new LimitExceededException({ message: 'quota', $metadata: {} }),
      new Error('plain'),
      'a string',
      undefined,
    ];
    expect(retried.filter((error) => !isRetryable(error))).toEqual([]);
    expect(failed.filter((error) => isRetryable(error))).toEqual([]);
  });
});
