import type { ValueCondition } from '../../../runtime/manifest/schema.js';
import { serviceName, unsupportedOperator } from '../../../runtime/pattern/filters.js';
import { filteredEdgeNoun, filterServiceOf, valueEntries } from '../filters.js';
import type { Rule } from '../rule.js';

/**
 * FL4085: a `filter` operator that the service applying it does not support. Lambda event
 * filtering takes null, empty, equals, equals-ignore-case, anything-but (a list of values),
 * numeric, exists, prefix and suffix
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-syntax):
 * no wildcard, no IP address matching, no case-insensitive prefix or suffix, no anything-but of
 * a prefix, suffix or wildcard. On a DynamoDB stream a number is a string in its attribute value
 * (`{"N": "120"}`, https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html), and
 * numeric matching compares only JSON numbers, so `numeric(…)` never matches there; `null` is an
 * attribute of its own type (`{"NULL": true}`) and cannot share a list with other values. An SNS
 * filter policy (https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html)
 * has no wildcard, no case-insensitive prefix or suffix, and anything-but only of values or a
 * prefix. What the service does with an operator it does not document is not promised (it may
 * refuse the filter, or match otherwise), so flowc refuses it first.
 */
export const filterOperatorUnsupported: Rule = {
  code: 'FL4085',
  visit: {
    edge(edge, context) {
      const service = filterServiceOf(edge);
      const pattern = service === undefined ? undefined : context.typed.filterPattern(edge);
      if (service === undefined || pattern === undefined) return;
      for (const entry of valueEntries(pattern)) {
        const match = entry.match;
        if (match.kind !== 'values') continue;
        for (const source of match.conditions) {
          const reason = unsupportedOperator(source.condition, service);
          if (reason === undefined) continue;
          context.report(source.node.span, `${serviceName(service)} does not support \`${operatorText(source.condition)}\`${service === 'dynamodb' && source.condition.kind === 'numeric' ? ' on a DynamoDB stream' : ''}`, {
            label: `not supported by ${filteredEdgeNoun(edge).replace(/^the /, 'the filter of the ')}`,
            why: `${capitalize(reason)}. ${consequence(service)}`,
            help: helpFor(source.condition, entry.setting.name.text),
          });
        }
        if (service === 'dynamodb' && match.conditions.length > 1) {
          const nullValue = match.conditions.find((c) => c.condition.kind === 'equals' && c.condition.value === null);
          if (nullValue !== undefined) {
            context.report(nullValue.node.span, '`null` cannot be matched in one list with other values on a DynamoDB stream', {
              label: 'a NULL attribute, not a value of this type',
              why: `DynamoDB writes a null as an attribute of its own type, \`{"NULL": true}\`, so the filter matches it under another key than the other values. ${consequence(service)}`,
              help: `match it in its own alternative: \`any_of({ ${entry.setting.name.text} = null }, { ${entry.setting.name.text} = … })\``,
            });
          }
        }
      }
    },
  },
};

function consequence(service: ReturnType<typeof filterServiceOf>): string {
  return service === 'sns'
    ? 'SNS documents no such operator for filter policies: it refuses the policy, or matches otherwise than the pattern says.'
    : service === 'dynamodb'
      ? 'The filter would never match, and Lambda would skip every record of the stream.'
      : 'Lambda documents no such operator for event filtering: it refuses the mapping, or matches otherwise than the pattern says.';
}

function helpFor(condition: ValueCondition, field: string): string {
  switch (condition.kind) {
    case 'wildcard':
      return `match a fixed start or end with \`${field} = prefix("…")\` or \`${field} = suffix("…")\`, and check the rest in the handler`;
    case 'cidr':
      return 'check the address in the handler';
    case 'prefix':
    case 'suffix':
      return `match the ${condition.kind} in the case the messages use: \`${field} = ${condition.kind}(${JSON.stringify(condition.value)})\`, or list the spellings`;
    case 'numeric':
      return `match exact values, which flowc writes as DynamoDB's strings (\`${field} = [0, 1]\`), or compare in the handler`;
    case 'anythingBut':
      return `exclude values: \`${field} = anything_but(["…", "…"])\`, or check the rest in the handler`;
    default:
      return 'check it in the handler';
  }
}

/** The operator as written: `wildcard(…)`, `prefix(equals_ignore_case(…))`, `anything_but(suffix(…))`. */
function operatorText(condition: ValueCondition): string {
  switch (condition.kind) {
    case 'prefix':
    case 'suffix':
      return condition.ignoreCase ? `${condition.kind}(equals_ignore_case(…))` : `${condition.kind}(…)`;
    case 'anythingBut': {
      const excluded = condition.excluded;
      return excluded.kind === 'values' ? 'anything_but(…)' : `anything_but(${excluded.kind === 'equalsIgnoreCase' ? 'equals_ignore_case' : excluded.kind}(…))`;
    }
    case 'equalsIgnoreCase':
      return 'equals_ignore_case(…)';
    default:
      return `${condition.kind}(…)`;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
