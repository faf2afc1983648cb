import type { ExistingResource } from '../../runtime/manifest/schema.js';
import type { DeclarationSymbol } from '../resolve/program.js';
import type { Span } from '../source/span.js';
import type { Setting } from '../syntax/ast.js';
import type { CheckContext } from './context.js';

/**
 * What the app does with an existing resource (`arn = "…"`) that AWS allows only in the
 * stack's own Region, or only in its own account: FL4092 and FL4093 judge the ARN against the
 * stage's `region` and `account`. Uses AWS allows across accounts or Regions (sending to a
 * queue, publishing to a topic, putting events on a bus, subscribing to a topic, destinations)
 * are not here: they need the owner's resource policy instead (docs/language.md "Existing
 * resources").
 */
export interface ExistingUse {
  readonly span: Span;
  /** "`fulfil` reads it through an event source mapping". */
  readonly what: string;
  readonly sameRegion: boolean;
  readonly sameAccount: boolean;
}

/** The existing resource a declaration names, when its `arn` is well formed, and the `arn` setting. */
export function existingOf(symbol: DeclarationSymbol, context: CheckContext): { readonly existing: ExistingResource; readonly setting: Setting } | null {
  const item = context.declaration(symbol);
  if (item.kind !== 'queue' && item.kind !== 'topic' && item.kind !== 'bus' && item.kind !== 'stream' && item.kind !== 'table') return null;
  const setting = context.writtenOf(item, 'existing');
  return item.existing === null || setting === undefined ? null : { existing: item.existing, setting };
}

/**
 * - An event source mapping polls a queue, stream or table stream in the function's Region; it
 *   may be another account's, with the owner's resource policy
 *   (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-cross-account-example.html,
 *   https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-create.html).
 * - A dead-letter queue must be in the source queue's account and Region
 *   (https://docs.aws.amazon.com/sdk-for-java/v1/developer-guide/examples-sqs-dead-letter-queues.html).
 * - A rule is created on its bus, so the bus must be in the stack's account and Region
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html: another
 *   account's bus takes events, not rules).
 * - A stream's or table's generated client names it by its name (PutRecord's StreamName,
 *   TableName), which only finds it in the function's account and Region.
 */
export function existingUses(symbol: DeclarationSymbol, context: CheckContext): ExistingUse[] {
  const uses: ExistingUse[] = [];
  for (const edge of context.typed.edgesFrom(symbol.name)) {
    if (edge.kind === 'queue-trigger' || edge.kind === 'stream-trigger' || edge.kind === 'table-trigger') {
      uses.push({ span: edge.span, what: `\`${edge.target.name}\` reads it through an event source mapping, which Lambda creates in the stack's Region`, sameRegion: true, sameAccount: false });
    }
    if (edge.kind === 'rule') uses.push({ span: edge.span, what: `the rule to \`${edge.target.name}\` is created on it, and a rule is created in the bus's own account and Region`, sameRegion: true, sameAccount: true });
  }
  if (symbol.kind === 'queue') {
    for (const source of context.program.declarations.values()) {
      if (source.kind !== 'queue' || source === symbol || context.isDamaged(source.name)) continue;
      // An existing queue's `dlq` is FL4091's, and the model holds it as unknown.
      if (existingOf(source, context) !== null) continue;
      const dlq = context.deadLetterQueueOf(source);
      if (dlq?.dlq === symbol) uses.push({ span: dlq.setting.span, what: `it is the dead-letter queue of \`${source.name}\`, and SQS takes one only in the source queue's account and Region`, sameRegion: true, sameAccount: true });
    }
  }
  if (symbol.kind === 'stream' || symbol.kind === 'table') {
    for (const fn of context.sendersTo(symbol.name)) {
      const setting = context.writtenOf(context.fn(fn), 'sends');
      if (setting !== undefined) uses.push({ span: setting.span, what: `\`${fn.name}\` writes to it, and its client names the ${symbol.kind} by its name, which only finds it in the function's account and Region`, sameRegion: true, sameAccount: true });
    }
  }
  if (symbol.kind === 'table') {
    for (const fn of context.program.declarations.values()) {
      if (fn.kind !== 'fn' || context.isDamaged(fn.name)) continue;
      const item = context.fn(fn);
      const setting = item.idempotencyTable === symbol.name ? context.writtenOf(item, 'idempotencyTable') : undefined;
      if (setting !== undefined) uses.push({ span: setting.span, what: `\`${fn.name}\` keeps its idempotency records in it, by its name, which only finds it in the function's account and Region`, sameRegion: true, sameAccount: true });
    }
  }
  return uses;
}

/** The `region` and `account` of the stage the program is checked for; null where it sets none (or there is no stage). */
export function stageTarget(context: CheckContext): { readonly region: string | null; readonly account: string | null } {
  const stage = context.program.stage === undefined ? undefined : context.model.stages.get(context.program.stage);
  return { region: stage?.region ?? null, account: stage?.account ?? null };
}
