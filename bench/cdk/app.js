// The CDK app of the benchmark: the topology of bench/generate.js, block for block, so that
// `cdk synth` makes what `flowc build` makes from the generated .flow. Each block of ten
// functions:
//   - a topic triggers f0; f0 → f1 → f2 → f3 → f4 by success destinations, each of f0..f4 with
//     a failure destination to its own queue;
//   - a FIFO queue (visibility 1 minute, batch 10) triggers f5;
//   - a Kinesis stream (1 shard) triggers f6 with parallel 4, window 5s, retries 3, max age 1h,
//     bisect, start latest and an on-failure queue;
//   - a topic triggers f7 → f8 → f9 by success destinations, each with a failure queue.
// Functions have inline code (flowc's build bundles nothing either), a log group each and
// Node.js 24, as flowc's template has them, and the memory and timeouts of the flow. Blocks go BLOCKS_PER_STACK to a nested stack, as flowc splits a
// large flow into nested stacks (CloudFormation allows 500 resources a stack).
// Usage: BENCH_FUNCTIONS=1000 npx cdk synth (bench/cdk/run.js runs it).
import { App, Duration, NestedStack, Stack } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';

const functions = Number(process.env.BENCH_FUNCTIONS ?? 10);
if (!Number.isInteger(functions) || functions % 10 !== 0) throw new Error('BENCH_FUNCTIONS must be a multiple of 10');
/** 67 resources a block (CDK adds an IAM::Policy to each role): seven blocks stay under CloudFormation's 500 a stack. */
const BLOCKS_PER_STACK = 7;

const code = lambda.Code.fromInline('exports.handler = async () => {};');
const fn = (scope, id, props = {}) =>
  new lambda.Function(scope, id, { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code, timeout: Duration.seconds(3), logGroup: new logs.LogGroup(scope, `${id}_logs`), ...props });

function block(scope, b) {
  const name = (k) => `b${b}_f${k}`;
  const placed = new sns.Topic(scope, `b${b}_placed`);
  const failed = (k) => new sqs.Queue(scope, `${name(k)}_failed`);
  // Built last to first: a success destination names the function it invokes.
  let next;
  for (let k = 4; k >= 0; k--) {
    next = fn(scope, name(k), {
      timeout: Duration.seconds(10),
      ...(k === 0 ? { memorySize: 256 } : {}),
      onFailure: new destinations.SqsDestination(failed(k)),
      ...(next ? { onSuccess: new destinations.LambdaDestination(next) } : {}),
    });
  }
  placed.addSubscription(new subscriptions.LambdaSubscription(next));

  const orders = new sqs.Queue(scope, `b${b}_orders`, { fifo: true, visibilityTimeout: Duration.minutes(1) });
  fn(scope, name(5), { timeout: Duration.seconds(10) }).addEventSource(new sources.SqsEventSource(orders, { batchSize: 10 }));

  const clicks = new kinesis.Stream(scope, `b${b}_clicks`, { shardCount: 1 });
  const clicksFailed = new sqs.Queue(scope, `b${b}_clicks_failed`);
  fn(scope, name(6), { timeout: Duration.seconds(30) }).addEventSource(
    new sources.KinesisEventSource(clicks, {
      startingPosition: lambda.StartingPosition.LATEST,
      parallelizationFactor: 4,
      maxBatchingWindow: Duration.seconds(5),
      retryAttempts: 3,
      maxRecordAge: Duration.hours(1),
      bisectBatchOnError: true,
      onFailure: new sources.SqsDlq(clicksFailed),
    }),
  );

  const events = new sns.Topic(scope, `b${b}_events`);
  next = undefined;
  for (let k = 9; k >= 7; k--) {
    next = fn(scope, name(k), {
      onFailure: new destinations.SqsDestination(failed(k)),
      ...(next ? { onSuccess: new destinations.LambdaDestination(next) } : {}),
    });
  }
  events.addSubscription(new subscriptions.LambdaSubscription(next));
}

const app = new App();
const stack = new Stack(app, `bench${functions}`);
const blocks = functions / 10;
for (let first = 0; first < blocks; first += BLOCKS_PER_STACK) {
  const scope = blocks <= BLOCKS_PER_STACK ? stack : new NestedStack(stack, `Blocks${first}`);
  for (let b = first; b < Math.min(blocks, first + BLOCKS_PER_STACK); b++) block(scope, b);
}
app.synth();
