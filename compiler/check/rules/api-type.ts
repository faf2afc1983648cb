import type { Rule } from '../rule.js';

/**
 * FL2025: `api public: Order`. An HTTP API carries requests to several functions, each typed by
 * its own input (the body) and output (the response), so a type on the api would say nothing
 * its routes do not, or contradict them
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 */
export const apiType: Rule = {
  code: 'FL2025',
  visit: {
    api(api, context) {
      const decl = api.decl;
      if (decl.kind !== 'ResourceDecl' || decl.type === undefined) return;
      const span = { start: decl.name.span.end, end: decl.type.span.end };
      context.report(span, `the api \`${api.name}\` cannot have a type`, {
        label: 'an api has no type of its own',
        why: "Each route's function says what its requests carry: its input is the JSON body, its output the response body. A type on the api would be a second, unchecked answer.",
        help: `remove the type, and declare it on the functions the routes call: \`fn ${context.typed.edgesFrom(api.name)[0]?.target.name ?? 'f'}(${context.source.text.slice(decl.type.span.start, decl.type.span.end)})\``,
        suggestions: [{ title: 'remove the type', edits: [{ span, replacement: '' }], applicability: 'machine-applicable' }],
      });
    },
  },
};
