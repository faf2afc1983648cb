import type { Edge, EdgeKind } from '../../resolve/program.js';
import { settingSchema } from '../../settings/schema.js';
import type { Setting } from '../../syntax/ast.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL4006: a setting that this kind of edge does not take (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html, https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html). Edge settings share one schema so that a misplaced one gets an explanation here
 * rather than "unknown setting": `parallel` on a queue trigger, `retries` on a destination,
 * `raw` on a subscription of a function. Lambda rejects stream-only parameters on an SQS event
 * source mapping at deploy (observed for MaximumRetryAttempts); elsewhere AWS has no such
 * property and flowc would have to drop the setting silently.
 */
export const edgeSettingNotApplicable: Rule = {
  code: 'FL4006',
  visit: {
    edge(edge, context) {
      const takes = settingsOf(edge);
      for (const setting of edge.settings.values()) {
        if (takes.includes(setting.name.text)) continue;
        const explained = explain(setting, edge, context);
        context.report(setting.span, `\`${setting.name.text}\` does not apply to ${kindNoun(edge)}`, {
          label: explained.label,
          secondary: [{ span: edge.span, message: `\`${describe(edge)}\` is ${kindNoun(edge)}` }],
          why: explained.why,
          help: explained.help,
        });
      }
    },
  },
};

/** The settings each kind of edge takes: the schema's `edges` (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html). */
function takesOf(kind: EdgeKind): readonly string[] {
  return Object.entries(settingSchema.edge)
    .filter(([, spec]) => spec.edges?.includes(kind))
    .map(([name]) => name);
}

const streamSettings = takesOf('stream-trigger');

function settingsOf(edge: Edge): readonly string[] {
  // RawMessageDelivery is for SQS (and HTTP) subscribers only (https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html).
  if (edge.kind === 'subscription' && edge.target.kind !== 'queue') return takesOf(edge.kind).filter((name) => name !== 'raw');
  return takesOf(edge.kind);
}

function kindNoun(edge: Edge): string {
  switch (edge.kind) {
    case 'queue-trigger':
      return 'an SQS trigger';
    case 'stream-trigger':
      return 'a Kinesis stream trigger';
    case 'table-trigger':
      return 'a DynamoDB stream trigger';
    case 'subscription':
      return edge.target.kind === 'queue' ? 'an SNS subscription of a queue' : 'an SNS subscription of a function';
    case 'rule':
      return 'an EventBridge rule';
    case 'destination':
      return 'a Lambda destination';
    case 'route':
      return 'an HTTP API route';
    case 'notification':
      return 'an S3 event notification';
    case 'schedule-target':
      return 'a schedule target';
  }
}

function describe(edge: Edge): string {
  const source = edge.port && edge.port !== 'success' ? `${edge.source.name}.${edge.port}` : edge.source.name;
  return `${source} -> ${edge.target.name}`;
}

/** The AWS property behind each edge setting, and where AWS has it. */
const property: Record<string, { readonly name: string; readonly where: string }> = {
  batch: { name: 'BatchSize', where: 'is a setting of event source mappings (queue, stream and table triggers)' },
  window: { name: 'MaximumBatchingWindowInSeconds', where: 'is a setting of event source mappings (queue, stream and table triggers)' },
  parallel: { name: 'ParallelizationFactor', where: 'is for Kinesis and DynamoDB stream triggers' },
  retries: { name: 'MaximumRetryAttempts', where: 'is for stream and table triggers and bus rules' },
  max_age: { name: 'MaximumRecordAgeInSeconds', where: 'is for stream and table triggers (bus rules have MaximumEventAgeInSeconds)' },
  bisect: { name: 'BisectBatchOnFunctionError', where: 'is for Kinesis and DynamoDB stream triggers' },
  start: { name: 'StartingPosition', where: 'is for Kinesis and DynamoDB stream triggers' },
  start_at: { name: 'StartingPositionTimestamp', where: 'is for Kinesis stream triggers only' },
  on_failure: { name: 'DestinationConfig.OnFailure', where: 'is for Kinesis and DynamoDB stream triggers' },
  report_failures: { name: 'FunctionResponseTypes', where: 'is for queue, stream and table triggers' },
  concurrency: { name: 'ScalingConfig.MaximumConcurrency', where: 'is for SQS triggers only' },
  raw: { name: 'RawMessageDelivery', where: 'is for SNS subscriptions of queues' },
  match: { name: 'EventPattern', where: 'is for EventBridge rules (bus -> target edges)' },
  filter: { name: 'FilterCriteria', where: 'is for queue, stream and table triggers and topic subscriptions (FilterPolicy)' },
  route: { name: 'RouteKey', where: 'is for HTTP API routes (api -> fn edges)' },
};

interface Explanation {
  readonly label: string;
  readonly why: string;
  readonly help: string;
}

function explain(setting: Setting, edge: Edge, context: CheckContext): Explanation {
  const name = setting.name.text;
  const prop = property[name] ?? { name: `\`${name}\``, where: 'does not exist on this edge' };
  const label = `${prop.name} ${prop.where}`;
  const remove = `remove \`${name}\``;
  const source = edge.source.name;
  const target = edge.target.name;
  const special = specialCase(name, edge, context);
  const why =
    special?.why ??
    (edge.kind === 'queue-trigger' && streamSettings.includes(name)
      ? `An SQS event source mapping has no ${prop.name}: Lambda rejects stream-only parameters on an SQS source at deploy (observed for MaximumRetryAttempts), and flowc will not drop a setting silently.`
      : edge.kind === 'queue-trigger'
        ? `An SQS event source mapping has no ${prop.name}; flowc will not drop a setting silently.`
      : edge.kind === 'stream-trigger' || edge.kind === 'table-trigger'
        ? `A stream event source mapping has no ${prop.name}; flowc will not drop a setting silently.`
        : edge.kind === 'subscription'
          ? `An SNS subscription has no ${prop.name}: SNS delivers each message on its own${edge.target.kind === 'fn' ? ' by invoking the function asynchronously' : ''}. flowc will not drop a setting silently.`
          : edge.kind === 'rule'
            ? `An EventBridge rule target has no ${prop.name}: EventBridge delivers each event on its own. flowc will not drop a setting silently.`
            : edge.kind === 'route'
              ? `An HTTP API route has no ${prop.name}: API Gateway invokes the function synchronously, once per request. flowc will not drop a setting silently.`
            : edge.kind === 'notification'
              ? `An S3 event notification has no ${prop.name}: S3 sends one message per event${edge.target.kind === 'fn' ? ', invoking the function asynchronously' : ''}, and takes only the event types and a key prefix and suffix (NotificationConfiguration). flowc will not drop a setting silently.`
              : `A Lambda destination has no settings: Lambda sends one invocation record per asynchronous invocation of \`${source}\`. flowc will not drop a setting silently.`);
  return { label, why, help: special?.help ?? `${remove}${batchingHint(name, edge)}` };

  function batchingHint(setting: string, e: Edge): string {
    if (!['batch', 'window', 'report_failures', 'bisect', 'parallel'].includes(setting)) return '';
    if (e.kind === 'subscription' && e.target.kind === 'fn') return `; to process messages in batches, subscribe a queue and trigger \`${target}\` from it: \`${source} -> ${target}_queue -> ${target} { ${setting} = … }\``;
    if (e.kind === 'rule' && e.target.kind === 'fn') return `; to process events in batches, target a queue and trigger \`${target}\` from it: \`${source} -> ${target}_queue -> ${target} { ${setting} = … }\``;
    return '';
  }
}

function specialCase(name: string, edge: Edge, context: CheckContext): Partial<Explanation> | undefined {
  const source = edge.source.name;
  const target = edge.target.name;
  const remove = `remove \`${name}\``;
  const swapped = patternSettingSwap(name, edge);
  if (swapped !== undefined) return swapped;
  switch (edge.kind) {
    case 'queue-trigger':
      switch (name) {
        case 'retries':
          return {
            why: 'An SQS event source mapping has no retry count: a failed message becomes visible again after the visibility timeout, and the queue moves it to its dead-letter queue after `max_receives` receives (RedrivePolicy). Lambda rejects MaximumRetryAttempts on an SQS source at deploy.',
            help: `${remove}; set \`max_receives = 5\` and \`dlq = …\` on \`${source}\` instead`,
          };
        case 'max_age':
          return {
            why: 'An SQS event source mapping has no MaximumRecordAgeInSeconds (it is a stream setting); how long a message may wait is the queue\'s own retention period.',
            help: `${remove}; set \`retention\` on \`${source}\` to bound how long a message waits`,
          };
        case 'on_failure': {
          const named = context.edge(edge).onFailure;
          return {
            why: 'DestinationConfig.OnFailure is for Kinesis and DynamoDB stream mappings; failed messages of a queue go to the queue\'s dead-letter queue (RedrivePolicy), set on the queue.',
            help: `${remove}; set \`dlq = ${named ?? '…'}\` and \`max_receives = 5\` on \`${source}\` instead`,
          };
        }
        case 'bisect':
          return {
            why: 'BisectBatchOnFunctionError is for Kinesis and DynamoDB stream mappings; an SQS trigger retries a failed message on its own once its visibility timeout passes.',
            help: `${remove}; to retry only the failed messages of a batch, set \`report_failures = true\` and return their ids`,
          };
        case 'parallel':
          return {
            why: 'ParallelizationFactor is for Kinesis and DynamoDB streams: it processes several batches of one shard at once. A queue has no shards; Lambda scales the pollers of an SQS trigger by itself (up to 1,000 concurrent batches).',
            help: `${remove}; to cap how many batches run at once, set \`concurrency\` (2–1000) on this edge`,
          };
        case 'start':
        case 'start_at':
          return {
            why: 'StartingPosition must be absent on an SQS event source mapping: Lambda refuses it (cfn-lint flags it too). A queue trigger always receives the messages that are in the queue.',
            help: remove,
          };
      }
      return undefined;
    case 'stream-trigger':
    case 'table-trigger':
      if (name === 'concurrency') {
        return {
          why: 'ScalingConfig.MaximumConcurrency is for SQS event sources only. A stream trigger runs at most one batch per shard at a time, times its ParallelizationFactor.',
          help: `${remove}; set \`parallel\` (1–10) to change how many batches of a shard run at once`,
        };
      }
      if (name === 'start_at') {
        return {
          why: 'DynamoDB streams have no AT_TIMESTAMP starting position, so a DynamoDB stream trigger has no StartingPositionTimestamp; it starts at LATEST or TRIM_HORIZON.',
          help: `${remove}; use \`start = latest\` or \`start = trim_horizon\``,
        };
      }
      return undefined;
    case 'subscription':
      if (name === 'retries' || name === 'max_age') {
        return edge.target.kind === 'fn'
          ? {
              why: `SNS invokes \`${target}\` asynchronously, so what retries a failed invocation is the function's asynchronous invocation configuration (MaximumRetryAttempts, MaximumEventAgeInSeconds), not the subscription.`,
              help: `move it to the function: \`fn ${target}(…) { ${name} = … }\``,
            }
          : {
              why: 'SNS retries delivery to an SQS queue by its own policy (100,015 attempts over 23 days); the subscription has no setting for it.',
              help: remove,
            };
      }
      if (name === 'raw' && edge.target.kind === 'fn') {
        return {
          why: 'RawMessageDelivery is for SQS and HTTP subscriptions. A function always receives the SNS event; flowc unwraps it for you, so the handler gets the message itself.',
          help: remove,
        };
      }
      if (name === 'concurrency' && edge.target.kind === 'fn') {
        return {
          why: 'ScalingConfig.MaximumConcurrency is for SQS triggers; an SNS subscription has no concurrency limit of its own.',
          help: `${remove}; to cap how many instances of \`${target}\` run at once, set reserved concurrency on the function: \`fn ${target}(…) { concurrency = … }\``,
        };
      }
      return undefined;
    case 'rule':
      if (name === 'concurrency' && edge.target.kind === 'fn') {
        return {
          why: 'ScalingConfig.MaximumConcurrency is for SQS triggers; an EventBridge rule target has no concurrency limit of its own.',
          help: `${remove}; to cap how many instances of \`${target}\` run at once, set reserved concurrency on the function: \`fn ${target}(…) { concurrency = … }\``,
        };
      }
      return undefined;
    case 'route':
      return undefined;
    case 'notification':
      if ((name === 'retries' || name === 'max_age') && edge.target.kind === 'fn') {
        return {
          why: `S3 invokes \`${target}\` asynchronously, so what retries a failed invocation is the function's asynchronous invocation configuration (MaximumRetryAttempts, MaximumEventAgeInSeconds), not the notification.`,
          help: `move it to the function: \`fn ${target} { ${name} = … }\``,
        };
      }
      return undefined;
    case 'destination':
      if (name === 'retries' || name === 'max_age') {
        return {
          why: `A destination has no ${name === 'retries' ? 'retry count' : 'maximum age'} of its own: ${name === 'retries' ? 'how often Lambda retries a failed asynchronous invocation' : 'how long an asynchronous event may wait'} of \`${source}\` (${name === 'retries' ? 'MaximumRetryAttempts' : 'MaximumEventAgeInSeconds'}) is set on the function's EventInvokeConfig, next to its destinations, and applies to all of them.`,
          help: `move it to the function: \`fn ${source}(…) { ${name} = … }\``,
        };
      }
      return undefined;
    case 'schedule-target':
      // A schedule has one target, so its retry policy, window and DLQ are the schedule's own settings.
      if (name === 'retries' || name === 'max_age' || name === 'window') {
        return {
          why: `A schedule has one target, and its ${name === 'window' ? 'flexible time window' : 'retry policy'} is a setting of the schedule (AWS::Scheduler::Schedule ${name === 'window' ? 'FlexibleTimeWindow' : 'Target.RetryPolicy'}).`,
          help: `move it to the schedule: \`schedule ${source} { ${name} = … }\``,
        };
      }
      return undefined;
  }
}

/** `filter` where a rule's `match` belongs, and the other way round: the same pattern, under the other name. */
function patternSettingSwap(name: string, edge: Edge): Partial<Explanation> | undefined {
  const takesFilter = edge.kind === 'queue-trigger' || edge.kind === 'stream-trigger' || edge.kind === 'table-trigger' || edge.kind === 'subscription';
  if (name === 'match' && takesFilter) {
    return {
      why: 'EventPattern is a setting of EventBridge rules; a trigger or a subscription filters its messages by FilterCriteria (Lambda) or FilterPolicy (SNS), which flowc writes from `filter`, in the same pattern language.',
      help: 'rename it `filter`: `filter { … }` takes the same pattern, on the fields of the payload',
    };
  }
  if (name === 'filter' && edge.kind === 'rule') {
    return {
      why: 'A bus rule selects its events by its EventPattern, which flowc writes from `match`; the pattern there matches the whole event, with the payload under `detail`.',
      help: 'rename it `match` and put the payload\'s fields under `detail`: `match { detail { … } }`',
    };
  }
  if (name === 'filter' && edge.kind === 'notification') {
    return {
      why: 'An S3 event notification filters only by the object key (Filter.S3Key): a prefix and a suffix.',
      help: 'filter by key with `prefix = "…"` and `suffix = "…"`, or trigger a function from a queue the bucket notifies and filter there',
    };
  }
  return undefined;
}
