import { ssmParameters } from '../../../runtime/aws/limits.js';
import { parameterEntries } from '../parameter-entries.js';
import type { Rule } from '../rule.js';

/**
 * FL4057: the name in `ssm("…")` is not one SSM Parameter Store takes
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html#sysman-parameter-name-constraints):
 * letters, digits and `. - _`, and `/` for a hierarchy, which then starts with `/` and has at
 * most 15 levels; 1 to 2,048 characters; not starting with `aws` or `ssm`. No parameter can
 * have such a name, so the dynamic reference CloudFormation resolves at deploy fails the stack.
 */
export const ssmParameterName: Rule = {
  code: 'FL4057',
  visit: {
    fn(fn, context) {
      for (const { variable, name } of parameterEntries(context, fn, 'ssm')) {
        const problem = problemOf(name.value);
        if (problem === undefined) continue;
        context.report(name.span, `\`${variable}\` reads the SSM parameter \`${name.value}\`, a name Parameter Store refuses`, {
          label: problem.label,
          why: `A parameter name is letters, digits and \`. - _\`, with \`/\` between the levels of a hierarchical name, which starts with \`/\` (at most ${ssmParameters.hierarchyLevelsMax} levels); 1 to ${ssmParameters.nameLength.max.toLocaleString('en-US')} characters; and it cannot start with \`aws\` or \`ssm\`. No parameter has this name, so CloudFormation fails to resolve \`{{resolve:ssm:…}}\` and the deploy fails.`,
          help: problem.help,
          // A hierarchical name written without its leading `/`: the name it surely means.
          suggestions: problem.fixed === undefined ? [] : [{ title: `write "${problem.fixed}"`, edits: [{ span: name.span, replacement: JSON.stringify(problem.fixed) }], applicability: 'maybe-incorrect' }],
        });
      }
    },
  },
};

function problemOf(name: string): { label: string; help: string; fixed?: string } | undefined {
  if (name.length < ssmParameters.nameLength.min) return { label: 'an empty name', help: 'give the parameter\'s name, e.g. `ssm("/shop/prod/db-url")`' };
  if (name.length > ssmParameters.nameLength.max) return { label: `${name.length.toLocaleString('en-US')} characters`, help: 'use a shorter name' };
  const bad = [...name].find((c) => !ssmParameters.allowed.test(c));
  if (bad !== undefined) {
    return bad === ':'
      ? { label: '`:` is not allowed', help: 'a version or label (`name:3`) cannot be given: flowc reads the latest version; give the name alone' }
      : { label: `${bad === ' ' ? 'a space' : `\`${bad}\``} is not allowed`, help: 'use letters, digits, `.`, `-`, `_`, and `/` between levels' };
  }
  if (name.includes('/') && !name.startsWith('/')) return { label: 'a hierarchical name starts with `/`', help: `write \`"/${name}"\``, fixed: `/${name}` };
  if (name.includes('//') || (name.length > 1 && name.endsWith('/'))) return { label: 'an empty level', help: 'write one `/` between levels and none at the end' };
  const levels = name.split('/').length - 1;
  if (levels > ssmParameters.hierarchyLevelsMax) return { label: `${levels} levels`, help: `keep the hierarchy to ${ssmParameters.hierarchyLevelsMax} levels` };
  const first = (name.startsWith('/') ? name.slice(1) : name).toLowerCase();
  const reserved = ssmParameters.reservedPrefixes.find((p) => first.startsWith(p));
  if (reserved !== undefined) return { label: `starts with \`${reserved}\``, help: `names that start with \`aws\` or \`ssm\` are AWS's; put them under your app's own prefix, e.g. \`/app/${first}\`` };
  return undefined;
}
