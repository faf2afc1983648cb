import { eventBridge } from '../../../runtime/aws/limits.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import { valueOperators } from '../../resolve/pattern.js';
import { pathText, edgePatternFields } from '../pattern-fields.js';
import type { Rule } from '../rule.js';

/**
 * FL3015: a pattern names a field that the events of the rule do not have: a top-level key
 * that is not part of the EventBridge envelope, or a field the payload type does not declare
 * (`detail { stauts = … }`). EventBridge matches only fields present in the event, so the rule
 * never fires. A key spelled like an operator (`id = { prefix = "ord" }`, the form older flowc
 * read as an operator) is a field of that name; it is reported even when the payload is not
 * typed, since it almost always means `id = prefix("ord")`.
 */
const topLevelNames: readonly string[] = eventBridge.eventEnvelopeFields.filter((f) => f !== 'replay-name').map((f) => f.replaceAll('-', '_'));

export const patternUnknownField: Rule = {
  code: 'FL3015',
  visit: {
    edge(edge, context) {
      const typed = edgePatternFields(edge, context);
      if (typed === undefined) return;
      for (const field of typed.fields) {
        const entry = field.entry;
        const name = entry.name;
        const looksLikeOperator = (valueOperators as readonly string[]).includes(name) && entry.match.kind === 'values';
        const parentPath = field.path.slice(0, -1);
        if (field.parent === undefined) {
          if (!looksLikeOperator) continue;
          context.report(entry.setting.name.span, `\`${pathText(field.path)}\` matches a field named \`${name}\`, not the \`${name}\` operator`, {
            label: `a field called \`${name}\``,
            help: `an operator is written as a call: \`${parentPath[parentPath.length - 1] ?? 'field'} = ${name}(…)\`; if the events really have a field \`${name}\`, declare the type of \`${edge.source.name}\``,
          });
          continue;
        }
        if (field.type !== undefined) continue;
        const top = parentPath.length === 0 && typed.setting === 'match';
        const wrapper = typed.setting === 'filter' && parentPath.length === 0 ? wrapperHelp(name) : undefined;
        // At the top the envelope's fields are named as the .flow file writes them (`detail_type`).
        const siblings = top ? topLevelNames : field.parent.fields.map((f) => f.name);
        const close = didYouMean(name, siblings);
        const operatorHelp = looksLikeOperator ? `an operator is written as a call: \`${parentPath[parentPath.length - 1] ?? 'field'} = ${name}(…)\`` : undefined;
        context.report(entry.setting.name.span, top ? `EventBridge events have no field \`${name}\`` : `the events of \`${edge.source.name} -> ${edge.target.name}\` have no field \`${pathText(field.path)}\``, {
          label: 'not a field of these events',
          help:
            operatorHelp ??
            wrapper ??
            (top
              ? `${close === undefined ? '' : `${close} `}the envelope has ${topLevelNames.map((f) => `\`${f}\``).join(', ')}; the payload's fields are matched inside \`detail { … }\``
              : `${close === undefined ? '' : `${close} `}${siblings.length === 0 ? `\`${pathText(parentPath)}\` has no fields` : `the fields of \`${pathText(parentPath)}\` are ${siblings.map((s) => `\`${s}\``).join(', ')}`}`),
          why:
            typed.setting === 'match'
              ? 'EventBridge matches a pattern only against fields present in the event; a field the events never have makes the rule never fire.'
              : `A filter matches only fields present in the message; with a field the messages never have, no message matches${edge.kind === 'queue-trigger' ? ', and Lambda deletes every message of the queue unprocessed' : edge.kind === 'subscription' ? ', and SNS delivers none of them' : ', and Lambda skips every record'}.`,
        });
      }
    },
  },
};

/**
 * `filter { body { … } }`: the key under which AWS holds the payload, written by hand. flowc
 * wraps the payload's fields itself (runtime/pattern/filters.ts).
 */
function wrapperHelp(name: string): string | undefined {
  if (!['body', 'data', 'dynamodb', 'NewImage', 'Message'].includes(name)) return undefined;
  return `a filter names the payload's own fields: flowc puts them under \`${name}\` (or wherever the service holds them) itself, so write the fields of \`${name} { … }\` directly in \`filter { … }\``;
}
