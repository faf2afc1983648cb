import { CloudFormationClient, CreateChangeSetCommand, DescribeChangeSetCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createAwsClients } from '../../compiler/deploy/aws.js';
import { deployApp } from '../../compiler/deploy/deploy.js';
import type { PackagedApp } from '../../compiler/deploy/package.js';
import { CHANGE_SET_ID, callSequence, instantClock, packageWith, REGION, recordingUi, STACK_ID, writeFlow } from './helpers.js';

const cloudformation = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);
const ACCOUNT = '123456789012';

let packaged: PackagedApp;
let key: string;
beforeAll(async () => {
  packaged = await packageWith(writeFlow());
  key = packaged.assets[0]?.key ?? '';
});

beforeEach(() => {
  for (const mock of [cloudformation, s3, sts]) mock.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/dev` });
  cloudformation
    .on(DescribeStacksCommand)
    .rejects(Object.assign(new Error('Stack with id shop does not exist'), { name: 'ValidationError' }));
  cloudformation.on(CreateChangeSetCommand).resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID });
  cloudformation.on(DescribeChangeSetCommand).resolves({ Status: 'FAILED', StatusReason: 'stop here', StackId: STACK_ID });
});

/** S3's answer to a HEAD it refuses: no body, so the SDK knows only the status. */
const forbidden = () => Object.assign(new Error('UnknownError'), { name: '403', $fault: 'client', $metadata: { httpStatusCode: 403 } });

function deploy() {
  const ui = recordingUi();
  return deployApp(packaged, createAwsClients({ region: REGION }), { stackName: 'shop', bucket: 'their-bucket', yes: true, allowReplace: false, flowFile: 'app.flow' }, ui, instantClock());
}

describe('flowc deploy: the bucket must belong to the deploying account', () => {
  test('HeadObject and PutObject name the account of the credentials as the expected bucket owner', async () => {
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }));
    s3.on(PutObjectCommand).resolves({});
    await expect(deploy()).rejects.toThrow('CloudFormation rejected the change set: stop here');
    expect(callSequence(sts, s3)).toEqual(['GetCallerIdentity', `HeadObject Key=${key}`, `PutObject Key=${key}`]);
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input.ExpectedBucketOwner).toBe(ACCOUNT);
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.ExpectedBucketOwner).toBe(ACCOUNT);
  });

  test("a bucket of another account: said so plainly, and nothing is uploaded to it", async () => {
    s3.on(HeadObjectCommand).rejects(forbidden());
    // The bucket answers without the owner condition, and refuses with it: it is someone else's.
    s3.on(HeadBucketCommand, { Bucket: 'their-bucket' }).resolves({});
    s3.on(HeadBucketCommand, { Bucket: 'their-bucket', ExpectedBucketOwner: ACCOUNT }).rejects(forbidden());
    await expect(deploy()).rejects.toThrow(
      `bucket their-bucket belongs to another AWS account than ${ACCOUNT}, the one these credentials deploy to: flowc uploads code only to a bucket of that account ` +
        `(ExpectedBucketOwner). Pass --bucket with a bucket of account ${ACCOUNT}, in the stack's region`,
    );
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(cloudformation.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  test('a 403 that may be either: the message names both causes', async () => {
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }));
    s3.on(PutObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    s3.on(HeadBucketCommand).rejects(forbidden());
    await expect(deploy()).rejects.toThrow(
      `PutObject s3://their-bucket/${key} failed: access denied (403): either bucket their-bucket belongs to another AWS account than ${ACCOUNT}, ` +
        'or the credentials lack s3:GetObject, s3:PutObject or s3:ListBucket on it',
    );
  });

  test('a 403 on a bucket of the account is about permissions', async () => {
    s3.on(HeadObjectCommand).rejects(forbidden());
    s3.on(HeadBucketCommand).resolves({});
    await expect(deploy()).rejects.toThrow(`HeadObject s3://their-bucket/${key} failed: access denied (403)`);
  });
});
