import { describeMismatch, isAssignable } from '../../types/assignable.js';
import { quoteType } from '../../types/print.js';
import { removeDeclaredTypeEdit } from '../declared-type-edit.js';
import type { Rule } from '../rule.js';

/**
 * FL3017: the `on_failure` target of a stream or table trigger declared with a type of its own.
 * Lambda sends it a record that describes the discarded batch (shard, sequence numbers, batch
 * size), not the records themselves
 * (https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html). The language has
 * no name for that record: the fix is to leave the type out, and flowc infers it.
 */
export const onFailureTypeMismatch: Rule = {
  code: 'FL3017',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'stream-trigger' && edge.kind !== 'table-trigger') return;
      const item = context.edge(edge);
      const setting = context.writtenOf(item, 'onFailure');
      const target = context.named(item.onFailure);
      if (!setting || !target || (target.kind !== 'queue' && target.kind !== 'topic') || context.isDamaged(target.name)) return;
      const declared = context.typed.declaredType(target.name);
      if (declared === null || declared.kind === 'unknown') return;
      const received = { kind: 'streamFailure', source: edge.kind === 'stream-trigger' ? 'kinesis' : 'dynamodb' } as const;
      const result = isAssignable(received, declared, context.typed);
      if (result.ok) return;
      const decl = target.decl;
      const typeSpan = decl.kind === 'ResourceDecl' && decl.type ? decl.type.span : decl.name.span;
      const remove = removeDeclaredTypeEdit(target);
      context.report(typeSpan, `\`${target.name}\` is declared as ${quoteType(declared)}, but as the on-failure target of \`${edge.source.name} -> ${edge.target.name}\` it receives ${quoteType(received)}: ${describeMismatch(result)}`, {
        label: `declared as ${quoteType(declared)}`,
        secondary: [{ span: setting.value.span, message: `Lambda sends a record of each discarded batch here` }],
        why: `When a stream trigger gives up on a batch, Lambda sends the on-failure target a record that says where the batch is (its shard and sequence numbers), not the ${edge.kind === 'stream-trigger' ? 'stream records' : 'item changes'} it held. A consumer typed for those fails on every one.`,
        help: `leave the type of \`${target.name}\` out: flowc infers the on-failure record, and the generated handler reads the batch's position from it`,
        suggestions: remove ? [{ title: `leave the type of \`${target.name}\` out`, edits: [remove], applicability: 'machine-applicable' }] : [],
      });
    },
  },
};
