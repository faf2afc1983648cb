import { type ExistingKind, existingArnForms, isArnProblem, parseExistingArn } from '../../runtime/aws/arns.js';
import type { Reporter } from '../diagnostics/reporter.js';
import type { Setting, Value } from '../syntax/ast.js';

const nouns: Readonly<Record<ExistingKind, string>> = { queue: 'an SQS queue', topic: 'an SNS topic', bus: 'an EventBridge event bus', stream: 'a Kinesis stream', table: 'a DynamoDB table' };

/**
 * `arn = "…"` of a queue, topic, bus, stream or table: FL2030 when the text is not an ARN of the
 * kind's form (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html), FL2031
 * when it is another service's or another resource type's. Either poisons the setting, so no
 * rule judges the declaration as existing (or not) from it.
 */
export function checkExistingArn(setting: Setting, value: Extract<Value, { kind: 'StringValue' }>, kind: ExistingKind, owner: string, reporter: Reporter): boolean {
  const parsed = parseExistingArn(kind, value.value);
  if (!isArnProblem(parsed)) return true;
  const example = existingArnForms[kind].example;
  if (parsed.problem === 'syntax') {
    reporter.report('FL2030', value.span, `\`${setting.name.text}\` of ${owner} is not the ARN of ${nouns[kind]}`, {
      label: parsed.detail,
      why: 'An ARN is `arn:partition:service:region:account-id:resource`: the partition `aws`, `aws-cn` or `aws-us-gov`, a Region code, a 12-digit account id, and the resource as the service names it. AWS refuses any other text where an ARN goes, so the deploy would fail.',
      help: `${nouns[kind]}'s ARN looks like \`${example}\``,
    });
    return false;
  }
  const fits = parsed.fits !== undefined && parsed.fits !== kind ? parsed.fits : undefined;
  reporter.report('FL2031', value.span, `\`${setting.name.text}\` of ${owner} is not ${nouns[kind]}'s ARN`, {
    label: parsed.detail,
    why: `A ${kind} is ${nouns[kind]}: its ARN is one of \`${existingArnForms[kind].service}\`${existingArnForms[kind].prefix === '' ? '' : `, with the resource \`${existingArnForms[kind].prefix}NAME\``}. flowc would grant and wire the wrong service's actions to it.`,
    help: fits !== undefined ? `the ARN is ${nouns[fits]}'s: declare it \`${fits} …\`, or give ${nouns[kind]}'s ARN, like \`${example}\`` : `give ${nouns[kind]}'s ARN, like \`${example}\``,
  });
  return false;
}

/**
 * The settings of each kind that only the owner of an existing resource can set: they configure
 * the resource itself (its attributes, its redrive policy, its capacity, what happens to it when
 * it leaves the stack, its tags), and a stack that does not create it cannot (FL4091). The
 * model holds them as unknown for an existing resource: a rule that reads one stays silent, so
 * nothing is judged from a default the real resource may not have. What describes the
 * resource to the app stays, trusted like its type: a queue's or topic's `dedupe` (`content`:
 * it has content-based deduplication, so senders give no deduplication id; a field: the id
 * senders give), a table's `key`, `sort` and `stream` (its key schema and stream view), which
 * the typed clients, the records, the FIFO rules and the simulator need.
 */
export const ownerOnlySettings: Readonly<Record<ExistingKind, readonly string[]>> = {
  queue: ['visibility', 'retention', 'delay', 'max_size', 'wait', 'dlq', 'max_receives', 'dedupe_scope', 'throughput', 'retain', 'tags'],
  topic: ['tags'],
  bus: ['tags'],
  stream: ['shards', 'mode', 'retention', 'retain', 'tags'],
  table: ['retain', 'ttl', 'tags'],
};
