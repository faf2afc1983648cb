import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildTemplate } from '../../../compiler/emit/cloudformation/index.js';
import type { Template } from '../../../compiler/emit/cloudformation/template.js';
import { boundProblems } from './helpers/bounds.js';
import { manifestOf } from './helpers/compile.js';
import { specProblems } from './helpers/spec.js';

/** The checkers that the template tests rely on find what they are there to find. */

const root = new URL('../../../', import.meta.url).pathname;
const shop = buildTemplate(manifestOf('shop.flow', readFileSync(`${root}examples/shop/shop.flow`, 'utf8')));

/** A copy of the shop template with one change. */
function broken(change: (resources: Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }>) => void): Template {
  const copy = structuredClone(shop) as unknown as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
  change(copy.Resources);
  return copy as unknown as Template;
}

describe('specProblems', () => {
  test('finds nothing wrong in the shop template', () => {
    expect(specProblems(shop)).toEqual([]);
  });

  test('an unknown property, a value of the wrong type, a missing required property, an unknown type', () => {
    const t = broken((r) => {
      (r.ChargeFunction as { Properties: Record<string, unknown> }).Properties.Timeout = '30';
      (r.ChargeFunction as { Properties: Record<string, unknown> }).Properties.Timout = 30;
      delete (r.EmailFunction as { Properties: Record<string, unknown> }).Properties.Code;
      (r.ReceiptsQueue as { Type: string }).Type = 'AWS::SQS::Queues';
      (r.PayoutFunction as { Properties: Record<string, unknown> }).Properties.Environment = { Variables: { A: 'b' }, Extra: 1 };
    });
    expect(specProblems(t).sort()).toEqual(
      [
        'ChargeFunction.Timeout: expected an integer, found "30"',
        'ChargeFunction: AWS::Lambda::Function has no property Timout',
        'EmailFunction: AWS::Lambda::Function needs Code',
        'PayoutFunction.Environment: Environment has no property Extra',
        'ReceiptsQueue: unknown resource type AWS::SQS::Queues',
        // What referred to the queue now refers to a type without an Arn.
        'ChargeFunctionEventInvokeConfig: AWS::SQS::Queues has no attribute Arn',
        'ReceiptsToEmailMapping: AWS::SQS::Queues has no attribute Arn',
      ].sort(),
    );
  });

  test('references to what the template does not define, and attributes a type does not have', () => {
    const t = broken((r) => {
      (r.PayoutsToPayoutMapping as { Properties: Record<string, unknown> }).Properties.FunctionName = { Ref: 'PayoutFn' };
      (r.ReceiptsToEmailMapping as { Properties: Record<string, unknown> }).Properties.EventSourceArn = { 'Fn::GetAtt': ['ReceiptsQueue', 'QueueArn'] };
      (r.ReceiptsToEmailMapping as { DependsOn?: string[] }).DependsOn = ['Nothing'];
    });
    expect(specProblems(t)).toEqual([
      'ReceiptsToEmailMapping: DependsOn undefined Nothing',
      'ReceiptsToEmailMapping: AWS::SQS::Queue has no attribute QueueArn',
      'PayoutsToPayoutMapping: Ref to undefined PayoutFn',
    ]);
  });
});

describe('boundProblems', () => {
  test('finds nothing wrong in the shop template', () => {
    expect(boundProblems(shop)).toEqual([]);
  });

  test('values out of range, and rules between resources', () => {
    const t = broken((r) => {
      const p = (id: string) => (r[id] as { Properties: Record<string, unknown> }).Properties;
      p('ChargeFunction').Timeout = 901;
      p('ReceiptsQueue').FifoQueue = false;
      p('ClicksDeadQueue').QueueName = 'shop-clicks_dead.fifo';
      p('PayoutsToPayoutMapping').MaximumBatchingWindowInSeconds = 1;
      p('ReceiptsToEmailMapping').StartingPosition = 'LATEST';
      p('ClicksToSessionizeMapping').MaximumRecordAgeInSeconds = 30;
      delete r.PlacedToChargePermission;
      p('EmailFunctionRole').Policies = [];
      delete (r.PayoutFunction as { DependsOn?: string[] }).DependsOn;
      delete p('ChargeFunctionLogGroup').RetentionInDays;
    });
    expect(boundProblems(t).sort()).toEqual(
      [
        'ChargeFunction: Timeout = 901 is outside 1–900 (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)',
        'ClicksToSessionizeMapping: MaximumRecordAgeInSeconds = 30 is outside 60–604800 (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html)',
        'PayoutsToPayoutMapping: a batching window on a FIFO queue (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html)',
        'PlacedToChargeSubscription: no permission for SNS to invoke ChargeFunction (https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html)',
        'ReceiptsQueue: FifoQueue must be true or absent (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html)',
        'ClicksDeadQueue: a queue name ends in .fifo exactly when the queue is FIFO (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html)',
        'ClicksToSessionizeMapping: the role of SessionizeFunction may not sqs:SendMessage to ClicksDeadQueue (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html)',
        'ReceiptsToEmailMapping: StartingPosition on an SQS mapping (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html)',
        'ReceiptsToEmailMapping: the role of EmailFunction cannot receive from ReceiptsQueue (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html)',
        'EmailFunction: the role may not logs:CreateLogStream to /aws/lambda/shop-email',
        'EmailFunction: the role may not logs:PutLogEvents to /aws/lambda/shop-email',
        'PayoutFunction: does not depend on its log group PayoutFunctionLogGroup',
        'ChargeFunctionLogGroup: no RetentionInDays (logs would be kept forever)',
      ].sort(),
    );
  });
});
