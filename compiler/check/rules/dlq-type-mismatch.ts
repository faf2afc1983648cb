import type { Suggestion } from '../../diagnostics/diagnostic.js';
import { describeMismatch, isAssignable } from '../../types/assignable.js';
import { quoteType } from '../../types/print.js';
import { removeDeclaredTypeEdit, replaceDeclaredTypeEdit } from '../declared-type-edit.js';
import type { Rule } from '../rule.js';

/**
 * FL3016: a dead-letter queue declared with a type its source's messages do not have. SQS moves
 * the message itself, unchanged, after `max_receives` receives
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html),
 * so the DLQ holds exactly what its source holds; its consumer would crash on the first one.
 */
export const dlqTypeMismatch: Rule = {
  code: 'FL3016',
  visit: {
    queue(queue, context) {
      const written = context.deadLetterQueueOf(queue);
      if (!written) return;
      const { setting: dlqSetting, dlq } = written;
      const declared = context.typed.declaredType(dlq.name);
      const held = context.typed.typeOf(queue.name);
      if (declared === null || declared.kind === 'unknown' || held.kind === 'unknown') return;
      const result = isAssignable(held, declared, context.typed);
      if (result.ok) return;
      const decl = dlq.decl;
      const typeSpan = decl.kind === 'ResourceDecl' && decl.type ? decl.type.span : decl.name.span;
      const sourceDecl = queue.decl;
      const sourceTypeText = sourceDecl.kind === 'ResourceDecl' && sourceDecl.type ? context.source.slice(sourceDecl.type.span) : undefined;
      const replace = sourceTypeText === undefined ? undefined : replaceDeclaredTypeEdit(dlq, sourceTypeText);
      const remove = removeDeclaredTypeEdit(dlq);
      const suggestions: Suggestion[] = replace
        ? [{ title: `declare \`${dlq.name}\` as \`${sourceTypeText}\``, edits: [replace], applicability: 'machine-applicable' }]
        : remove
          ? [{ title: `leave the type of \`${dlq.name}\` out`, edits: [remove], applicability: 'machine-applicable' }]
          : [];
      context.report(typeSpan, `the dead-letter queue \`${dlq.name}\` is declared as ${quoteType(declared)}, but it receives the messages of \`${queue.name}\`: ${describeMismatch(result)}`, {
        label: `declared as ${quoteType(declared)}`,
        secondary: [{ span: dlqSetting.value.span, message: `\`${queue.name}\` moves its ${quoteType(held)} messages here` }],
        why: 'SQS moves a message that was received `max_receives` times to the dead-letter queue as it is, body and attributes unchanged. The dead-letter queue holds the messages of its source, and a consumer typed for another shape fails on each of them.',
        help: sourceTypeText
          ? `declare \`queue ${dlq.name}: ${sourceTypeText}\`, the type of \`${queue.name}\`, or leave the type out to have it inferred`
          : `leave the type of \`${dlq.name}\` out to have it inferred, or declare it ${quoteType(held)}`,
        suggestions,
      });
    },
  },
};
