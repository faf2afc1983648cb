// The app's `tags` are the stack's tags (issue 16 §3): deploy passes them to CreateChangeSet,
// and an app without tags sends none, so a stack's tags set elsewhere are left as they are.
import { CloudFormationClient, CreateChangeSetCommand, DeleteChangeSetCommand, DescribeChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, test } from 'vitest';
import { createAwsClients } from '../../compiler/deploy/aws.js';
import { deployApp } from '../../compiler/deploy/deploy.js';
import { FLOW, instantClock, packageWith, REGION, recordingUi, STACK_ID, stackFixtures, writeFlow } from './helpers.js';

const cloudformation = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);
const { stackIs, changeSetCreated } = stackFixtures(cloudformation, s3);

beforeEach(() => {
  cloudformation.reset();
  s3.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
  stackIs('UPDATE_COMPLETE');
  s3.on(HeadObjectCommand).resolves({});
  changeSetCreated();
  cloudformation.on(DescribeChangeSetCommand).resolves({ Status: 'FAILED', StatusReason: "The submitted information didn't contain changes.", StackId: STACK_ID });
  cloudformation.on(DeleteChangeSetCommand).resolves({});
});

async function createChangeSetInput(flow: string) {
  const packaged = await packageWith(writeFlow(undefined, flow));
  const outcome = await deployApp(packaged, createAwsClients({ region: REGION }), { stackName: 'shop', bucket: 'assets-bucket', yes: true, allowReplace: false, flowFile: 'app.flow' }, recordingUi(), instantClock());
  expect(outcome).toBe('unchanged');
  return cloudformation.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
}

describe('flowc deploy: stack tags', () => {
  test('the app\'s tags go to CreateChangeSet as Tags, sorted by key', async () => {
    const input = await createChangeSetInput(FLOW.replace('app shop', 'app shop { tags { team = "payments", cost-center = "42", "owner:email" = "ada@example.com" } }'));
    expect(input?.Tags).toEqual([
      { Key: 'cost-center', Value: '42' },
      { Key: 'owner:email', Value: 'ada@example.com' },
      { Key: 'team', Value: 'payments' },
    ]);
  });

  test('an app without tags sends no Tags', async () => {
    const input = await createChangeSetInput(FLOW);
    expect(input).toBeDefined();
    expect(input).not.toHaveProperty('Tags');
  });
});
