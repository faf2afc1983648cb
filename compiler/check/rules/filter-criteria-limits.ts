import { eventFiltering } from '../../../runtime/aws/limits.js';
import { alternativeCount, lambdaFilterPatterns } from '../../../runtime/pattern/filters.js';
import { manifestPattern } from '../../resolve/pattern.js';
import { filteredEdgeNoun, filterServiceOf, newImagePattern } from '../filters.js';
import type { Rule } from '../rule.js';

/**
 * FL4086: Lambda filter criteria over AWS's limits. flowc makes one filter per alternative of
 * `any_of` (runtime/pattern/filters.ts), and "by default, you can define up to five different
 * filters for a single event source mapping" (a quota that can be raised to 10;
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html); each filter's
 * `Pattern` is at most 4,096 characters (https://docs.aws.amazon.com/lambda/latest/api/API_Filter.html).
 * Above either, Lambda refuses the mapping and the stack fails to deploy.
 */
export const filterCriteriaLimits: Rule = {
  code: 'FL4086',
  visit: {
    edge(edge, context) {
      const service = filterServiceOf(edge);
      const pattern = service === undefined || service === 'sns' ? undefined : context.typed.filterPattern(edge);
      const setting = context.writtenOf(context.edge(edge), 'filter');
      if (service === undefined || service === 'sns' || pattern === undefined || setting === undefined) return;
      const written = manifestPattern(pattern);
      const count = alternativeCount(written);
      const max = eventFiltering.filtersPerMappingDefault;
      if (count > max) {
        context.report(setting.name.span, `the filter of ${filteredEdgeNoun(edge)} makes ${count} Lambda filters, above the ${max} a mapping takes`, {
          label: `${count} filters: one per alternative of \`any_of\``,
          why: `Lambda event filtering has no \`$or\` inside a filter, so flowc writes one filter per alternative (alternatives in different blocks multiply). A mapping takes ${max} filters by default (${eventFiltering.filtersPerMappingQuotaMax} with a raised quota); Lambda refuses more when it creates the mapping, and the stack fails to deploy.`,
          help: 'merge alternatives that differ in one field into one list (`page = ["/a", "/b"]`), or filter the rest in the handler',
        });
        return;
      }
      const image = service === 'dynamodb' ? newImagePattern(written, context.typed.edgePayload(edge), context.typed) : written;
      const longest = Math.max(...lambdaFilterPatterns(image, service).map((p) => [...JSON.stringify(p)].length));
      const limit = eventFiltering.patternCharactersMax;
      if (longest <= limit) return;
      context.report(setting.name.span, `a filter of ${filteredEdgeNoun(edge)} is ${longest.toLocaleString('en-US')} characters, above Lambda's ${limit.toLocaleString('en-US')}`, {
        label: `${longest.toLocaleString('en-US')} characters of filter pattern JSON`,
        why: `A filter's Pattern is at most ${limit.toLocaleString('en-US')} characters (the JSON flowc writes, with the payload's fields under the record's data key); Lambda refuses a longer one when it creates the mapping, and the stack fails to deploy.`,
        help: 'match fewer values, or a common prefix instead of a list',
      });
    },
  },
};
