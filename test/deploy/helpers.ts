import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StackEvent } from '@aws-sdk/client-cloudformation';
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

/** Never waits; counts the waits. */
export function instantClock(): Clock & { sleeps: number } {
  return {
    sleeps: 0,
    now: () => new Date('2026-11-29T12:00:00Z'),
    async sleep() {
      this.sleeps++;
    },
    pollMs: 2_000,
  };
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
    const shown = ['StackName', 'ChangeSetName', 'ChangeSetType', 'Key', 'LogicalResourceId', 'NextToken']
      .filter((key) => input[key] !== undefined)
      .map((key) => `${key}=${String(input[key])}`);
    return shown.length > 0 ? `${name} ${shown.join(' ')}` : name;
  });
}

export function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/\n\s+at /);
}
