import type { Rule } from '../rule.js';

/**
 * FL2024: an edge from an api with no `route`. An HTTP API sends a request to a function by its
 * route key (`AWS::ApiGatewayV2::Route` RouteKey is required:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-route.html),
 * and flowc will not guess one.
 */
export const routeMissing: Rule = {
  code: 'FL2024',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'route' || context.edge(edge).routeKey !== null) return;
      context.report(edge.span, `the edge \`${edge.source.name} -> ${edge.target.name}\` has no \`route\``, {
        label: 'which requests go to the function?',
        why: 'API Gateway sends a request to a function by its route, a method and a path (RouteKey); an HTTP API edge without one routes nothing.',
        help: `say which requests it takes: \`${edge.source.name} -> ${edge.target.name} { route = "POST /${edge.target.name}" }\`, or \`route = "$default"\` for every request no other route matches`,
      });
    },
  },
};
