import { apiGateway } from '../../../../runtime/aws/api-gateway.js';
import type { ApiSpec, RouteEdge } from '../../../../runtime/manifest/schema.js';
import { type EmitContext, type NamedResource, resource } from '../context.js';
import { declarationId } from '../logical-id.js';
import { getAtt, join, ref, type TemplateValue } from '../template.js';
import { lambdaPermission } from './permissions.js';

/**
 * An HTTP API (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api.html): the
 * `AWS::ApiGatewayV2::Api` and its `$default` stage, deployed on every change (`AutoDeploy`), so
 * its URL is the API's endpoint with no stage in the path. CORS, when the API names origins,
 * allows the methods of its routes and the `content-type` header a JSON body is sent with.
 */
export function apiResources(context: EmitContext, api: ApiSpec): NamedResource[] {
  const apiId = declarationId(api.name, 'Api');
  const properties: Record<string, TemplateValue> = { Name: context.physical('api', api.name), ProtocolType: 'HTTP' };
  if (api.corsOrigins.length > 0) {
    const methods = [...new Set(context.edgesFrom(api.name).flatMap((edge) => (edge.kind === 'route' ? [edge.method === 'ANY' ? '*' : edge.method] : [])))].sort();
    properties.CorsConfiguration = {
      AllowOrigins: [...api.corsOrigins],
      AllowMethods: methods.includes('*') ? ['*'] : methods,
      AllowHeaders: ['content-type'],
    };
  }
  return [
    [apiId, resource('AWS::ApiGatewayV2::Api', properties, api.name, api.origin)],
    [declarationId(api.name, 'ApiStage'), resource('AWS::ApiGatewayV2::Stage', { ApiId: ref(apiId), StageName: '$default', AutoDeploy: true }, api.name, api.origin)],
  ];
}

/**
 * One route: a Lambda proxy integration (payload format 2.0), the route that targets it, and the
 * permission for API Gateway to invoke the function for this route only (its execute-api ARN,
 * any stage). The route waits for the permission, so no request between the two is refused.
 */
export function routeResources(context: EmitContext, edge: RouteEdge): NamedResource[] {
  const apiId = ref(declarationId(edge.source, 'Api'));
  const fn = getAtt(declarationId(edge.target, 'Function'), 'Arn');
  const integrationId = context.ids.edge(edge.id, 'Integration');
  const permissionId = context.ids.edge(edge.id, 'Permission');
  const integration = { ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: fn, PayloadFormatVersion: apiGateway.payloadFormatVersion };
  const route = { ApiId: apiId, RouteKey: edge.routeKey, Target: join(['integrations/', ref(integrationId)]) };
  return [
    [integrationId, resource('AWS::ApiGatewayV2::Integration', integration, edge.id, edge.origin)],
    [context.ids.edge(edge.id, 'Route'), resource('AWS::ApiGatewayV2::Route', route, edge.id, edge.origin, { dependsOn: [permissionId] })],
    [permissionId, lambdaPermission(context, context.permissionOf(edge))],
  ];
}
