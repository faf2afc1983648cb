import { snsFilterPolicy as limits } from '../../../runtime/aws/limits.js';
import type { Pattern } from '../../../runtime/manifest/schema.js';
import { snsFilterPolicy } from '../../../runtime/pattern/filters.js';
import { manifestPattern } from '../../resolve/pattern.js';
import { filteredEdgeNoun } from '../filters.js';
import type { Rule } from '../rule.js';

/**
 * FL4087: an SNS filter policy over AWS's limits
 * (https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html): at most
 * five keys (with the MessageBody scope, the top-level ones), at most 150 combinations of values
 * ("multiply the number of values in each array"; the alternatives of `$or` add up), and 256 KB.
 * SNS refuses the policy; the subscription, and the stack, fail to deploy.
 */
export const filterPolicyLimits: Rule = {
  code: 'FL4087',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'subscription') return;
      const pattern = context.typed.filterPattern(edge);
      const setting = context.writtenOf(context.edge(edge), 'filter');
      if (pattern === undefined || setting === undefined) return;
      const policy = manifestPattern(pattern);
      const noun = filteredEdgeNoun(edge);
      const keys = topLevelKeys(policy);
      if (keys.length > limits.keysMax) {
        context.report(setting.name.span, `the filter policy of ${noun} has ${keys.length} keys, above the ${limits.keysMax} SNS takes`, {
          label: `keys ${keys.map((k) => `\`${k}\``).join(', ')}`,
          why: `"A filter policy can have a maximum of five keys"; with the MessageBody scope SNS counts the top-level fields. SNS refuses the policy and the subscription fails to deploy.`,
          help: 'match fewer top-level fields (fields nested in a block count as their top-level field), and check the rest in the handler',
        });
        return;
      }
      const combinations = combinationsOf(policy);
      if (combinations > limits.combinationsMax) {
        context.report(setting.name.span, `the filter policy of ${noun} has ${combinations.toLocaleString('en-US')} combinations of values, above the ${limits.combinationsMax} SNS takes`, {
          label: `${combinations.toLocaleString('en-US')} combinations`,
          why: `SNS multiplies the number of values of each field (and adds up the alternatives of \`any_of\`): "The total combination of values in a filter policy must not exceed 150". It refuses the policy and the subscription fails to deploy.`,
          help: 'match fewer values per field, a common prefix instead of a list, or check some fields in the handler',
        });
        return;
      }
      const bytes = new TextEncoder().encode(JSON.stringify(snsFilterPolicy(policy))).length;
      if (bytes <= limits.bytesMax) return;
      context.report(setting.name.span, `the filter policy of ${noun} is ${bytes.toLocaleString('en-US')} bytes, above SNS's ${limits.bytesMax.toLocaleString('en-US')}`, {
        label: `${bytes.toLocaleString('en-US')} bytes of FilterPolicy JSON`,
        why: '"The maximum size of a filter policy is 256 KB"; SNS refuses a larger one and the subscription fails to deploy.',
        help: 'match shorter values, or a common prefix instead of a list',
      });
    },
  },
};

/** The top-level keys of a policy, those inside the alternatives of a top-level `any_of` too. */
function topLevelKeys(pattern: Pattern): string[] {
  const keys = new Set<string>();
  for (const entry of pattern.entries) {
    if (entry.kind === 'field') keys.add(entry.name);
    else for (const alternative of entry.alternatives) for (const key of topLevelKeys(alternative)) keys.add(key);
  }
  return [...keys];
}

/** The product of the number of values of each field; the alternatives of `any_of` add up. */
function combinationsOf(pattern: Pattern): number {
  let product = 1;
  for (const entry of pattern.entries) {
    if (entry.kind === 'anyOf') product *= entry.alternatives.reduce((sum, alternative) => sum + combinationsOf(alternative), 0);
    else product *= entry.match.kind === 'nested' ? combinationsOf(entry.match.pattern) : Math.max(1, entry.match.conditions.length);
  }
  return product;
}
