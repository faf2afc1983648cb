import { eventBridge } from '../../../runtime/aws/limits.js';
import { eventBridgePattern } from '../../../runtime/pattern/event-bridge.js';
import { manifestPattern } from '../../resolve/pattern.js';
import type { Rule } from '../rule.js';

/**
 * FL4049 (warning): a pattern longer than EventBridge's event pattern size quota, 2,048
 * characters by default (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html),
 * counted on the JSON flowc puts in the template. The quota is adjustable, so this is a warning:
 * without a raised quota the rule, and the stack, fail to deploy.
 */
export const patternTooLarge: Rule = {
  code: 'FL4049',
  visit: {
    edge(edge, context) {
      const pattern = context.typed.rulePattern(edge);
      const match = context.writtenOf(context.edge(edge), 'match');
      if (pattern === undefined || match === undefined) return;
      const characters = [...JSON.stringify(eventBridgePattern(manifestPattern(pattern)))].length;
      const limit = eventBridge.patternCharactersDefault;
      if (characters <= limit) return;
      context.report(match.name.span, `the pattern of \`${edge.source.name} -> ${edge.target.name}\` is ${characters.toLocaleString('en-US')} characters, above EventBridge's ${limit.toLocaleString('en-US')}`, {
        label: `${characters.toLocaleString('en-US')} characters of EventPattern JSON`,
        why: `EventBridge's "Event pattern size" quota is ${limit.toLocaleString('en-US')} characters unless the account has it raised; CreateRule, and the stack, fail above it.`,
        help: 'split the rule into several rules with smaller patterns, match fewer values, or have the quota raised',
      });
    },
  },
};
