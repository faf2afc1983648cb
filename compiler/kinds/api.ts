import { apiGateway } from '../../runtime/aws/api-gateway.js';
import type { KindSpec } from './kind.js';

/** `api public { cors = [...] }`: an API Gateway HTTP API; its arrows are routes to functions. */
export const apiKind = {
  keyword: 'api',
  noun: 'api',
  manifestList: 'apis',
  edges: { fn: 'route' },
  edgeHelp: 'an HTTP API routes requests to functions: `api -> fn { route = "POST /orders" }`; to put a request on a queue, let that function send it',
  cloudformation: { type: 'AWS::ApiGatewayV2::Api', nameLengthMax: apiGateway.apiNameLengthMax, nameProperty: 'AWS::ApiGatewayV2::Api Name', holds: null },
  simulator: 'apigateway',
  describe: 'an API Gateway HTTP API',
} as const satisfies KindSpec<'api'>;
