import type { Edge } from '../../resolve/program.js';
import type { Rule } from '../rule.js';

/**
 * FL4071: one route key twice on one api. An HTTP API has one route per key: CloudFormation
 * fails the stack creating the second `AWS::ApiGatewayV2::Route` (ConflictException, "Route with
 * key … already exists";
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
 * Two routes of one api to one function are fine (FL4040 leaves route edges to this rule).
 */
export const duplicateRoute: Rule = {
  code: 'FL4071',
  visit: {
    program(context) {
      const first = new Map<string, Edge>();
      for (const edge of context.program.edges) {
        if (edge.kind !== 'route' || context.isDamaged(edge.source.name) || context.isDamaged(edge.target.name)) continue;
        const item = context.edge(edge);
        const key = item.routeKey;
        if (key === null) continue;
        const id = `${edge.source.name} ${key}`;
        const earlier = first.get(id);
        if (earlier === undefined) {
          first.set(id, edge);
          continue;
        }
        const setting = context.writtenOf(item, 'routeKey');
        const sameTarget = earlier.target.name === edge.target.name;
        context.report(setting?.value.span ?? edge.span, `the route \`${key}\` of \`${edge.source.name}\` is declared twice`, {
          label: 'declared again here',
          secondary: [{ span: earlier.span, message: `first declared here, to \`${earlier.target.name}\`` }],
          why: 'An HTTP API has one route per route key; CloudFormation fails the stack creating the second ("Route with key … already exists").',
          help: sameTarget ? 'remove this edge' : `each request goes to one function: keep the route to \`${earlier.target.name}\` or to \`${edge.target.name}\`, or give one of them another path`,
        });
      }
    },
  },
};
