import { regions, regionShape, regionsAsOf } from '../../../runtime/aws/targets.js';
import { didYouMeanOf, suggest } from '../../diagnostics/suggest.js';
import type { Rule } from '../rule.js';

/**
 * FL4053: a stage's `region` that is not an AWS Region code
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html). The SDK
 * takes any string as a region and fails only when it cannot reach the endpoint, after the
 * bundling. A name that is not of the shape of a Region code (`eu-west`, `Ireland`) is an
 * error; one of that shape that flowc's list (dated) lacks is only a warning: AWS may have
 * opened it since.
 */
export const stageRegion: Rule = {
  code: 'FL4053',
  visit: {
    program(context) {
      for (const stage of context.model.stages.values()) {
        if (context.model.provenance.isPoisoned(stage, 'region')) continue;
        const setting = context.writtenOf(stage, 'region');
        const region = stage.region;
        if (setting === undefined || region === null || regions.includes(region)) continue;
        const found = suggest(region.toLowerCase().replace(/[\s_]+/g, '-'), regions.filter((r) => r !== region));
        const shaped = regionShape.test(region);
        context.report(setting.value.span, `the \`region\` of stage \`${stage.name}\` is not an AWS Region: ${JSON.stringify(region)}`, {
          ...(shaped ? { severity: 'warning' as const } : {}),
          label: shaped ? `not a Region flowc knows (its list is of ${regionsAsOf})` : 'not a Region code',
          why: 'A Region code such as `eu-west-1` names where the stack and every resource of the stage are made. The AWS SDK takes any text as a region and fails only when it cannot reach that Region\'s endpoints, after the handlers are bundled.',
          help: didYouMeanOf(found.map((r) => `"${r}"`)) ?? (shaped ? 'if AWS opened this Region after that date, the warning is wrong: deploy goes ahead' : 'write a Region code such as `region = "eu-west-1"` (`aws account list-regions` lists those of your account)'),
          suggestions: found.length === 0 ? [] : found.map((r) => ({ title: `write \`"${r}"\``, edits: [{ span: setting.value.span, replacement: `"${r}"` }], applicability: found.length === 1 ? ('machine-applicable' as const) : ('maybe-incorrect' as const) })),
        });
      }
    },
  },
};
