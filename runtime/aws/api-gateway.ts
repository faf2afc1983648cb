/**
 * API Gateway HTTP APIs: the facts flowc checks, emits and simulates. In its own module (not
 * limits.ts) so the HTTP API kind stays in files of its own.
 */
export const apiGateway = {
  /** `AWS::ApiGatewayV2::Api` `Name`: 1–128 characters (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html). */
  apiNameLengthMax: 128,
  /**
   * "Maximum integration timeout: 30 seconds" for HTTP APIs, not adjustable:
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
   */
  integrationTimeoutSecondsMax: 30,
  /** The methods a route key takes (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html). */
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'],
  /** The catch-all route key: requests no other route matches. */
  defaultRoute: '$default',
  /** Lambda proxy integrations' payload format (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html). */
  payloadFormatVersion: '2.0',
} as const;

export type HttpMethodName = (typeof apiGateway.methods)[number];
