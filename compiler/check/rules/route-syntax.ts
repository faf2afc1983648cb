import { parseRouteKey } from '../../../runtime/aws/routes.js';
import type { Rule } from '../rule.js';

/**
 * FL4070: a `route` that API Gateway refuses. A route key is `$default` or a method (GET, POST,
 * PUT, PATCH, DELETE, HEAD, OPTIONS, ANY), one space and a path whose segments are literal or a
 * whole `{param}`, a greedy `{proxy+}` only last
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html);
 * CloudFormation fails the stack on any other (`BadRequestException`). runtime/aws/routes.ts
 * is the one reading of a key, shared with the emitter and the simulator.
 */
export const routeSyntax: Rule = {
  code: 'FL4070',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'route') return;
      const item = context.edge(edge);
      const key = item.routeKey;
      const setting = context.writtenOf(item, 'routeKey');
      if (key === null || setting === undefined) return;
      const parsed = parseRouteKey(key);
      if (!('problem' in parsed)) return;
      const { problem } = parsed;
      const value = setting.value.span;
      // The key's offsets are inside the quotes when the string is written without escapes.
      const plain = context.source.text.slice(value.start, value.end) === `"${key}"`;
      const span = plain ? { start: value.start + 1 + problem.start, end: value.start + 1 + Math.max(problem.end, problem.start + 1) } : value;
      context.report(span, `\`${key}\` is not a route API Gateway takes: ${problem.message}`, {
        label: problem.message,
        why: 'API Gateway reads a route as `METHOD /path` (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY, one space, then a path of segments that are literal or a whole `{param}`, a greedy `{proxy+}` only at the end), or `$default`; CloudFormation fails the stack on any other.',
        help: problem.fixed === undefined ? 'write the route as `"POST /orders"`, `"GET /orders/{id}"` or `"$default"`' : `write \`route = "${problem.fixed}"\``,
        suggestions: problem.fixed === undefined ? [] : [{ title: `write \`"${problem.fixed}"\``, edits: [{ span: value, replacement: JSON.stringify(problem.fixed) }], applicability: 'machine-applicable' }],
      });
    },
  },
};
