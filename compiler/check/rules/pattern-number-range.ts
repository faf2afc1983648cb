import { eventBridge, snsFilterPolicy } from '../../../runtime/aws/limits.js';
import type { SourcePattern } from '../../resolve/pattern.js';
import type { Span } from '../../source/span.js';
import type { Rule } from '../rule.js';

/**
 * FL4050: a number that EventBridge's numeric matching cannot take: `numeric(…)` bounds and
 * `anything_but` numbers are "limited to values between -1.0e9 and +1.0e9 inclusive, with 15
 * digits of precision, or six digits to the right of the decimal point"
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html).
 * Exact number values are compared as written and are not limited. A subscription's `filter`
 * (an SNS filter policy) is held to SNS's bounds: the same range, five decimals.
 */
export const patternNumberRange: Rule = {
  code: 'FL4050',
  visit: {
    edge(edge, context) {
      const rule = context.typed.rulePattern(edge);
      // An SNS filter policy compares numbers within the same bounds, with five decimals (https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html).
      const pattern = rule ?? (edge.kind === 'subscription' ? context.typed.filterPattern(edge) : undefined);
      if (pattern === undefined) return;
      const service = rule === undefined ? 'SNS' : 'EventBridge';
      const max = rule === undefined ? snsFilterPolicy.numberMagnitudeMax : eventBridge.patternNumberMagnitudeMax;
      const decimalsMax = rule === undefined ? snsFilterPolicy.numberDecimalsMax : eventBridge.patternNumberDecimalsMax;
      const check = (value: number, raw: string, at: Span) => {
        const decimals = /\.(\d+)$/.exec(raw)?.[1]?.length ?? 0;
        if (Math.abs(value) <= max && decimals <= decimalsMax) return;
        context.report(at, Math.abs(value) > max ? `${raw} is beyond the numbers ${service} compares` : `${raw} has more decimals than ${service} compares`, {
          label: Math.abs(value) > max ? 'outside -1,000,000,000 to 1,000,000,000' : `${decimals} digits after the point`,
          why: `${service}'s numeric matching takes numbers from -1,000,000,000 to 1,000,000,000 with at most ${decimalsMax} digits after the point.`,
          help: Math.abs(value) > max ? 'match such values as strings, or compare a field in smaller units' : `round it to ${decimalsMax} decimals`,
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
