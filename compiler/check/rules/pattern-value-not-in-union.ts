import type { ValueCondition } from '../../../runtime/manifest/schema.js';
import { eventBridgeCondition } from '../../../runtime/pattern/event-bridge.js';
import { valueMatches } from '../../../runtime/pattern/event-ruler.js';
import { suggest } from '../../diagnostics/suggest.js';
import type { Span } from '../../source/span.js';
import { literalValues, pathText, edgePatternFields } from '../pattern-fields.js';
import type { Rule } from '../rule.js';

/**
 * FL3014: a pattern on a field whose type is a union of string literals names a value outside
 * it: `status = "archvied"` for `"archived" | "deleted"`, a `prefix` or `wildcard` no member
 * matches, or an `anything_but` that excludes a value the field never holds. Events of the
 * declared type never carry it, so the condition never matches (or excludes nothing): almost
 * always a typo. Operators are judged by the simulator's matcher, as EventBridge would.
 */
export const patternValueNotInUnion: Rule = {
  code: 'FL3014',
  visit: {
    edge(edge, context) {
      const typed = edgePatternFields(edge, context);
      if (typed === undefined) return;
      for (const field of typed.fields) {
        const match = field.entry.match;
        if (field.type === undefined || match.kind !== 'values') continue;
        const members = literalValues(field.type, context);
        if (members === undefined || members.length === 0) continue;
        const name = pathText(field.path);
        const union = members.map((m) => JSON.stringify(m)).join(' | ');
        const report = (at: Span, message: string, label: string, close: string | undefined) =>
          context.report(at, message, {
            label,
            help: `${close === undefined ? '' : `${close} `}\`${name}\` is one of ${union}`,
          });
        for (const source of match.conditions) {
          const condition = source.condition;
          if (condition.kind === 'anythingBut') {
            const excluded = condition.excluded;
            if (excluded.kind === 'values') {
              const values = Array.isArray(excluded.values) ? excluded.values : [excluded.values];
              const items = source.items ?? [];
              values.forEach((value, i) => {
                if (typeof value !== 'string' || members.includes(value)) return;
                report(items[i]?.span ?? source.node.span, `\`${name}\` is never ${JSON.stringify(value)}: excluding it excludes nothing`, 'not a value of the union', closest(value, members));
              });
              continue;
            }
            const inner: ValueCondition =
              excluded.kind === 'equalsIgnoreCase' ? { kind: 'equalsIgnoreCase', value: excluded.value } : excluded.kind === 'wildcard' ? { kind: 'wildcard', value: excluded.value } : { kind: excluded.kind, value: excluded.value, ignoreCase: false };
            if (!members.some((m) => valueMatches(eventBridgeCondition(inner), m))) {
              report(source.node.span, `no value of \`${name}\` is excluded: this \`anything_but\` lets every event through`, 'excludes no member of the union', undefined);
            }
            continue;
          }
          if (condition.kind === 'equals') {
            if (typeof condition.value !== 'string' || members.includes(condition.value)) continue;
            report(source.node.span, `\`${name}\` is never ${JSON.stringify(condition.value)}`, 'not a value of the union', closest(condition.value, members));
            continue;
          }
          if (condition.kind === 'numeric' || condition.kind === 'exists') continue;
          if (!members.some((m) => valueMatches(eventBridgeCondition(condition), m))) {
            report(source.node.span, `no value of \`${name}\` matches this \`${source.node.kind === 'CallValue' ? source.node.callee.text : 'value'}\``, 'matches no member of the union', undefined);
          }
        }
      }
    },
  },
};

/** `did you mean "archived"?`: the member of the union the value most resembles. */
function closest(value: string, members: readonly string[]): string | undefined {
  const [best] = suggest(value, members, 1);
  return best === undefined ? undefined : `did you mean ${JSON.stringify(best)}?`;
}
