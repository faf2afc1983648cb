import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CloudFormationClientResolvedConfig,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  type ServiceInputTypes as CloudFormationInput,
  type ServiceOutputTypes as CloudFormationOutput,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import {
  HeadObjectCommand,
  PutObjectCommand,
  type S3ClientResolvedConfig,
  type ServiceInputTypes as S3Input,
  type ServiceOutputTypes as S3Output,
} from '@aws-sdk/client-s3';
import type { AwsStub } from 'aws-sdk-client-mock';
import { expect } from 'vitest';
import type { Clock } from '../../compiler/deploy/clock.js';
import type { DeployUi } from '../../compiler/deploy/deploy.js';
import { packageEmitted, type PackagedApp } from '../../compiler/deploy/package.js';
import { compileText } from '../../compiler/program.js';
import type { FlowManifest } from '../../runtime/manifest/schema.js';

/** The flow the deploy tests use; lines matter, failures point at them. */
export const FLOW = `app shop
type Job = { id: string }
queue jobs: Job
fn work(Job)
jobs -> work
`;

/**
 * A root template as the CloudFormation emitter writes it (the contract of issue 4): code
 * parameters, `Metadata.flowc` on every resource. Written by hand so these tests do not move
 * when the emitter's output does.
 */
export const ROOT_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  FlowcAssetsBucket:
    Type: String
  WorkFunctionCodeKey:
    Type: String
Resources:
  JobsQueue:
    Type: AWS::SQS::Queue
    Metadata:
      flowc: { name: jobs, line: 3, column: 7 }
    Properties:
      VisibilityTimeout: 30
  WorkFunction:
    Type: AWS::Lambda::Function
    Metadata:
      flowc: { name: work, line: 4, column: 4 }
    Properties:
      Code:
        S3Bucket: { Ref: FlowcAssetsBucket }
        S3Key: { Ref: WorkFunctionCodeKey }
      Handler: index.handler
      Runtime: nodejs24.x
  JobsToWork:
    Type: AWS::Lambda::EventSourceMapping
    Metadata:
      flowc: { name: jobs->work, line: 5, column: 1 }
    Properties:
      EventSourceArn: { 'Fn::GetAtt': [JobsQueue, Arn] }
      FunctionName: { Ref: WorkFunction }
`;

export const HANDLER = `export const handler = async (event: { Records: unknown[] }) => ({ batchItemFailures: [], seen: event.Records.length });\n`;

export interface FlowOnDisk {
  readonly dir: string;
  readonly flowFile: string;
  readonly manifest: FlowManifest;
}

/** The flow and its handler in a fresh temporary folder, compiled. */
export function writeFlow(handler = HANDLER, flow = FLOW): FlowOnDisk {
  const dir = mkdtempSync(join(tmpdir(), 'flowc-deploy-'));
  mkdirSync(join(dir, 'handlers'));
  writeFileSync(join(dir, 'handlers', 'work.ts'), handler);
  const flowFile = join(dir, 'app.flow');
  writeFileSync(flowFile, flow);
  const result = compileText(flowFile, flow);
  if (!result.manifest) throw new Error(`test flow does not compile: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return { dir, flowFile, manifest: result.manifest };
}

/** Packages the flow with hand-written templates instead of the emitter's. */
export async function packageWith(flow: FlowOnDisk, files: Record<string, string> = { 'template.yaml': ROOT_TEMPLATE }): Promise<PackagedApp> {
  return packageEmitted(flow.manifest, flow.flowFile, { files: new Map(Object.entries(files)), rootFile: 'template.yaml' }, {});
}

export interface VirtualClock extends Clock {
  /** How many waits, and how long each was. */
  sleeps: number;
  readonly waits: number[];
}

/**
 * Virtual time from 2026-11-29 12:00:00 UTC: a wait returns at once and moves the time on.
 * Jitter is always half the range, so back-offs are exact.
 */
export function instantClock(): VirtualClock {
  const start = Date.UTC(2026, 10, 29, 12, 0, 0);
  let elapsed = 0;
  const clock: VirtualClock = {
    sleeps: 0,
    waits: [],
    now: () => new Date(start + elapsed),
    async sleep(ms) {
      clock.sleeps++;
      clock.waits.push(ms);
      elapsed += ms;
    },
    pollMs: 2_000,
    random: () => 0.5,
  };
  return clock;
}

export interface RecordingUi extends DeployUi {
  readonly out: string[];
  readonly err: string[];
  readonly questions: string[];
}

/** Captures what deploy prints; `answer` is what the user types at the prompt (none: no terminal). */
export function recordingUi(answer?: boolean): RecordingUi {
  const ui: RecordingUi = {
    out: [],
    err: [],
    questions: [],
    info: (line) => ui.out.push(line),
    error: (line) => ui.err.push(line),
  };
  if (answer !== undefined) {
    ui.confirm = async (question) => {
      ui.questions.push(question);
      return answer;
    };
  }
  return ui;
}

export const REGION = 'eu-west-1';
export const STACK_ID = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/shop/11111111-2222-3333-4444-555555555555';
export const CHANGE_SET_ID = 'arn:aws:cloudformation:eu-west-1:123456789012:changeSet/flowc-20261129-120000/aaaa';

let eventNumber = 0;

/** A stack event; `at` is seconds after 12:00:00. */
export function stackEvent(at: number, logicalId: string, status: string, extra: Partial<StackEvent> = {}): StackEvent {
  const isStack = logicalId === 'shop';
  return {
    StackId: STACK_ID,
    StackName: 'shop',
    EventId: `event-${++eventNumber}`,
    LogicalResourceId: logicalId,
    PhysicalResourceId: isStack ? STACK_ID : `physical-${logicalId}`,
    ResourceType: isStack ? 'AWS::CloudFormation::Stack' : (extra.ResourceType ?? 'AWS::SQS::Queue'),
    Timestamp: new Date(Date.UTC(2026, 10, 29, 12, 0, at)),
    ResourceStatus: status as StackEvent['ResourceStatus'],
    ...extra,
  };
}

/** Events as DescribeStackEvents returns them: newest first. */
export function newestFirst(...events: StackEvent[]): { StackEvents: StackEvent[] } {
  return { StackEvents: [...events].reverse() };
}

interface RecordedCall {
  readonly callId: number;
  readonly args: readonly unknown[];
}

/**
 * Every call made to the mocked clients, in order, as `Command` plus the input fields that
 * matter to the test (`pick`), so a test asserts the exact sequence of AWS calls.
 */
export function callSequence(...stubs: { calls(): unknown[] }[]): string[] {
  const calls = stubs.flatMap((stub) => stub.calls() as unknown as RecordedCall[]);
  calls.sort((a, b) => a.callId - b.callId);
  return calls.map((call) => {
    const command = call.args[0] as { constructor: { name: string }; input: Record<string, unknown> };
    const name = command.constructor.name.replace(/Command$/, '');
    const input = command.input;
    const shown = ['StackName', 'ChangeSetName', 'ChangeSetType', 'Key', 'LogicalResourceId', 'NextToken', 'QueueName', 'TableName', 'StreamName']
      .filter((key) => input[key] !== undefined)
      .map((key) => `${key}=${maskChangeSetName(String(input[key]))}`);
    return shown.length > 0 ? `${name} ${shown.join(' ')}` : name;
  });
}

/** The random end of a change set name flowc makes (`flowc-20261129-120000-1a2b3c4d`) as `<random>`. */
function maskChangeSetName(value: string): string {
  return value.replace(/^(flowc-\d{8}-\d{6})-[0-9a-f]{8}$/, '$1-<random>');
}

export function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/\n\s+at /);
}

/** A change of a change set, as DescribeChangeSet lists it. */
export const change = (
  action: 'Add' | 'Modify' | 'Remove' | 'Import',
  logicalId: string,
  type: string,
  replacement?: 'True' | 'False' | 'Conditional',
  property?: string,
) => ({
  Type: 'Resource' as const,
  ResourceChange: {
    Action: action,
    LogicalResourceId: logicalId,
    ResourceType: type,
    ...(replacement ? { Replacement: replacement } : {}),
    ...(property ? { Details: [{ Target: { Attribute: 'Properties' as const, Name: property } }] } : {}),
  },
});

type CloudFormationMock = AwsStub<CloudFormationInput, CloudFormationOutput, CloudFormationClientResolvedConfig>;
type S3Mock = AwsStub<S3Input, S3Output, S3ClientResolvedConfig>;

/** The stack `shop` in the states the deploy tests need, on the mocked clients. */
export function stackFixtures(cloudformation: CloudFormationMock, s3: S3Mock) {
  return {
    stackMissing: () =>
      cloudformation
        .on(DescribeStacksCommand, { StackName: 'shop' })
        .rejects(Object.assign(new Error('Stack with id shop does not exist'), { name: 'ValidationError' })),
    stackIs: (status: string, parameters: Record<string, string> = { FlowcAssetsBucket: 'assets-bucket' }, extra: Partial<Stack> = {}) =>
      cloudformation.on(DescribeStacksCommand, { StackName: 'shop' }).resolves({
        Stacks: [
          {
            StackName: 'shop',
            StackId: STACK_ID,
            StackStatus: status as never,
            CreationTime: new Date(),
            Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
            ...extra,
          },
        ],
      }),
    finalStatus: (status: string, outputs: Record<string, string> = {}) =>
      cloudformation.on(DescribeStacksCommand, { StackName: STACK_ID }).resolves({
        Stacks: [
          {
            StackName: 'shop',
            StackId: STACK_ID,
            StackStatus: status as never,
            CreationTime: new Date(),
            Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
          },
        ],
      }),
    assetMissing: () => {
      s3.on(HeadObjectCommand).rejects(Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }));
      s3.on(PutObjectCommand).resolves({});
    },
    changeSetCreated: () => cloudformation.on(CreateChangeSetCommand).resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID }),
    changeSetReady: (changes: object[]) =>
      cloudformation
        .on(DescribeChangeSetCommand, { ChangeSetName: CHANGE_SET_ID })
        .resolvesOnce({ Status: 'CREATE_PENDING', StackId: STACK_ID })
        .resolves({ Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE', StackId: STACK_ID, Changes: changes as never }),
  };
}
