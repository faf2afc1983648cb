import type { SourcePattern } from '../../resolve/pattern.js';
import type { Span } from '../../source/span.js';
import type { Rule } from '../rule.js';

/**
 * FL4048: an empty block or an empty list in a pattern. EventBridge refuses the rule when it is
 * created: "Event pattern is not valid. Reason: Empty objects are not allowed" (an empty
 * `match {}` or nested block) and "Empty arrays are not allowed" (`field = []`); an empty
 * `anything_but([])` is refused too (event-ruler finds neither strings nor numbers in it). aws/event-ruler `JsonRuleCompiler` gives the same
 * reasons. The stack fails to deploy. The same holds for a trigger's or subscription's `filter`,
 * written in the same pattern language (Lambda and SNS match with the same rules).
 */
export const patternEmpty: Rule = {
  code: 'FL4048',
  visit: {
    edge(edge, context) {
      const rule = context.typed.rulePattern(edge);
      const pattern = rule ?? context.typed.filterPattern(edge);
      if (pattern === undefined) return;
      const setting = rule === undefined ? 'filter' : 'match';
      const service = rule === undefined ? (edge.kind === 'subscription' ? 'SNS refuses the filter policy' : 'Lambda refuses the filter criteria') : 'EventBridge refuses the rule';
      const report = (at: Span, what: string, reason: string, help: string) =>
        context.report(at, `an empty ${what} in the pattern of \`${edge.source.name} -> ${edge.target.name}\``, {
          label: `an empty ${what}`,
          why: rule === undefined ? `${service}, whose matcher (event-ruler, as EventBridge's) refuses it: "${reason}"; the stack does not deploy.` : `${service}: "Event pattern is not valid. Reason: ${reason}", so the stack does not deploy.`,
          help,
        });
      const walk = (p: SourcePattern, top: boolean) => {
        if (p.block.entries.length === 0) {
          report(p.block.span, 'block', 'Empty objects are not allowed', top ? (setting === 'match' ? 'match at least one field, such as `match { source = "shop" }`, or leave `match` out' : 'match at least one field of the payload, such as `filter { status = "paid" }`, or leave `filter` out') : 'match at least one field inside it, or leave the block out');
        }
        for (const entry of p.entries) {
          if (entry.kind === 'anyOf') {
            for (const alternative of entry.alternatives) walk(alternative, false);
            continue;
          }
          const match = entry.match;
          if (match.kind === 'nested') {
            walk(match.pattern, false);
            continue;
          }
          if (match.value.kind === 'ListValue' && match.value.items.length === 0) {
            report(match.value.span, 'list', 'Empty arrays are not allowed', `list the values \`${entry.setting.name.text}\` may have, or match its presence with \`exists(true)\``);
          }
          for (const source of match.conditions) {
            const condition = source.condition;
            if (condition.kind === 'anythingBut' && condition.excluded.kind === 'values' && Array.isArray(condition.excluded.values) && condition.excluded.values.length === 0) {
              report(source.node.span, '`anything_but` list', 'Inside anything but list, either all values are number or string, mixed type is not supported', `list what to exclude, or match any value with \`exists(true)\``);
            }
          }
        }
      };
      walk(pattern, true);
    },
  },
};
