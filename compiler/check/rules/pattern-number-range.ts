import { eventBridge } from '../../../runtime/aws/limits.js';
import type { SourcePattern } from '../../resolve/pattern.js';
import type { Span } from '../../source/span.js';
import type { Rule } from '../rule.js';

/**
 * FL4050: a number that EventBridge's numeric matching cannot take: `numeric(…)` bounds and
 * `anything_but` numbers are "limited to values between -1.0e9 and +1.0e9 inclusive, with 15
 * digits of precision, or six digits to the right of the decimal point"
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html).
 * Exact number values are compared as written and are not limited.
 */
export const patternNumberRange: Rule = {
  code: 'FL4050',
  visit: {
    edge(edge, context) {
      const pattern = context.typed.rulePattern(edge);
      if (pattern === undefined) return;
      const check = (value: number, raw: string, at: Span) => {
        const decimals = /\.(\d+)$/.exec(raw)?.[1]?.length ?? 0;
        const max = eventBridge.patternNumberMagnitudeMax;
        if (Math.abs(value) <= max && decimals <= eventBridge.patternNumberDecimalsMax) return;
        context.report(at, Math.abs(value) > max ? `${raw} is beyond the numbers EventBridge compares` : `${raw} has more decimals than EventBridge compares`, {
          label: Math.abs(value) > max ? 'outside -1,000,000,000 to 1,000,000,000' : `${decimals} digits after the point`,
          why: `EventBridge's numeric matching takes numbers from -1,000,000,000 to 1,000,000,000 with at most ${eventBridge.patternNumberDecimalsMax} digits after the point.`,
          help: Math.abs(value) > max ? 'match such values as strings, or compare a field in smaller units' : `round it to ${eventBridge.patternNumberDecimalsMax} decimals`,
        });
      };
      const walk = (p: SourcePattern) => {
        for (const entry of p.entries) {
          if (entry.kind === 'anyOf') {
            entry.alternatives.forEach(walk);
            continue;
          }
          if (entry.match.kind === 'nested') {
            walk(entry.match.pattern);
            continue;
          }
          for (const source of entry.match.conditions) {
            const node = source.node;
            if (node.kind !== 'CallValue') continue;
            if (source.condition.kind === 'numeric') {
              for (const argument of node.args) if (argument.kind === 'Comparison' && argument.operand.kind === 'NumberValue') check(argument.operand.value, argument.operand.raw, argument.operand.span);
            } else if (source.condition.kind === 'anythingBut') {
              const [only] = node.args;
              const items = only?.kind === 'ListValue' ? only.items : only ? [only] : [];
              for (const item of items) if (item.kind === 'NumberValue') check(item.value, item.raw, item.span);
            }
          }
        }
      };
      walk(pattern);
    },
  },
};
