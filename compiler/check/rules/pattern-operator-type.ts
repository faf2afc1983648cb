import type { ValueCondition } from '../../../runtime/manifest/schema.js';
import { type SourceCondition, valueOperators } from '../../resolve/pattern.js';
import { type LeafKind, leafKind, pathText, edgePatternFields } from '../pattern-fields.js';
import type { Rule } from '../rule.js';

/**
 * FL3013: a pattern that matches a field by what the field's type can never hold: `prefix`,
 * `suffix`, `wildcard`, `equals_ignore_case` or `cidr` on a number (they match only strings),
 * `numeric` on a string (it matches only JSON numbers), a string value for a number field, a
 * block of fields on a scalar, or values on a record (EventBridge matches values at leaves
 * only). https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * The rule deploys and never matches, or, for `anything_but`, matches everything.
 */
export const patternOperatorType: Rule = {
  code: 'FL3013',
  visit: {
    edge(edge, context) {
      const typed = edgePatternFields(edge, context);
      if (typed === undefined) return;
      for (const field of typed.fields) {
        if (field.type === undefined) continue;
        const kind = leafKind(field.type);
        if (kind === 'unknown') continue;
        const name = pathText(field.path);
        const match = field.entry.match;
        if (match.kind === 'nested') {
          if (kind === 'record') continue;
          const [only] = match.pattern.block.entries;
          const operator = only !== undefined && match.pattern.block.entries.length === 1 && (valueOperators as readonly string[]).includes(only.name.text) ? only.name.text : undefined;
          context.report(field.entry.setting.name.span, `\`${name}\` is ${article(kind)}, not a record: a block matches the fields inside an object`, {
            label: `\`${name}\` holds ${plural(kind)}`,
            help: operator === undefined ? `match its value: ${example(kind, field.entry.name)}` : `an operator is written as a call: \`${field.entry.name} = ${operator}(…)\``,
          });
          continue;
        }
        if (kind === 'record') {
          context.report(match.value.span, `\`${name}\` is a record: ${typed.setting === 'match' ? 'EventBridge matches values only at the leaves of an event' : 'a filter matches values only at the leaves of a message'}`, {
            label: 'matches no record',
            help: `match a field inside it: \`${field.entry.name} { field = … }\``,
          });
          continue;
        }
        for (const condition of match.conditions) {
          const wanted = accepts(condition.condition);
          if (wanted === undefined || wanted === kind) continue;
          reportMismatch(context.report.bind(context), condition, name, field.entry.name, kind, wanted);
        }
      }
    },
  },
};

/** The kind of value a condition can match, or undefined when it matches any (`exists`, `null`). */
function accepts(condition: ValueCondition): Exclude<LeafKind, 'record' | 'unknown'> | undefined {
  switch (condition.kind) {
    case 'equals':
      return condition.value === null ? undefined : typeof condition.value === 'string' ? 'string' : typeof condition.value === 'number' ? 'number' : 'boolean';
    case 'numeric':
      return 'number';
    case 'exists':
      return undefined;
    case 'anythingBut': {
      const excluded = condition.excluded;
      if (excluded.kind !== 'values') return 'string';
      const values = Array.isArray(excluded.values) ? excluded.values : [excluded.values];
      return values.length === 0 ? undefined : typeof values[0] === 'number' ? 'number' : 'string';
    }
    default:
      return 'string';
  }
}

function reportMismatch(
  report: (at: SourceCondition['node']['span'], message: string, options: { label: string; help: string; why?: string }) => void,
  condition: SourceCondition,
  name: string,
  field: string,
  kind: LeafKind,
  wanted: LeafKind,
): void {
  const c = condition.condition;
  const operator = c.kind === 'equals' ? undefined : condition.node.kind === 'CallValue' ? condition.node.callee.text : undefined;
  if (c.kind === 'anythingBut') {
    report(condition.node.span, `\`${operator ?? 'anything_but'}\` excludes ${plural(wanted)}, but \`${name}\` is ${article(kind)}`, {
      label: `excludes nothing: every ${kind} passes`,
      help: `exclude ${plural(kind)}: ${example(kind, field, true)}`,
      why: 'anything-but matches every value it does not exclude, so this rule lets every event through.',
    });
    return;
  }
  if (operator === undefined) {
    report(condition.node.span, `\`${name}\` is ${article(kind)}: ${describeValue(c)} never matches it`, {
      label: `never matches ${article(kind)}`,
      help: `match ${article(kind)}: ${example(kind, field)}`,
    });
    return;
  }
  report(condition.node.span, `\`${operator}\` matches ${plural(wanted)}, but \`${name}\` is ${article(kind)}`, {
    label: `never matches ${article(kind)}`,
    help: `match ${plural(kind)} ${kind === 'number' ? 'with `numeric(…)` or a number' : kind === 'string' ? 'with a string, `prefix(…)`, `wildcard(…)` or another string operator' : 'with `true` or `false`'}: ${example(kind, field)}`,
  });
}

function describeValue(condition: ValueCondition): string {
  if (condition.kind !== 'equals') return 'this';
  return typeof condition.value === 'string' ? `the string ${JSON.stringify(condition.value)}` : `\`${String(condition.value)}\``;
}

function article(kind: LeafKind): string {
  return kind === 'string' ? 'a string' : kind === 'number' ? 'a number' : kind === 'boolean' ? 'a boolean' : 'a record';
}

function plural(kind: LeafKind): string {
  return kind === 'string' ? 'strings' : kind === 'number' ? 'numbers' : kind === 'boolean' ? 'booleans' : 'records';
}

function example(kind: LeafKind, field: string, exclusion = false): string {
  if (exclusion) return kind === 'number' ? `\`${field} = anything_but([0])\`` : `\`${field} = anything_but(["…"])\``;
  switch (kind) {
    case 'number':
      return `\`${field} = numeric(> 0)\` or \`${field} = 5\``;
    case 'boolean':
      return `\`${field} = true\``;
    default:
      return `\`${field} = "…"\` or \`${field} = prefix("…")\``;
  }
}
