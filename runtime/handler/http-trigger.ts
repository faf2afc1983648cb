/**
 * Handlers for HTTP API routes (API Gateway, Lambda proxy integration, payload format 2.0:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 * The route's input is the JSON body, or on GET, HEAD and OPTIONS the query string; it is
 * checked against the function's type, and a request that fails the check is answered 400 with
 * the path of each problem, without running the handler. What the handler returns is the
 * response body (200, JSON); `respond(status, body, { headers })` sets the status and headers,
 * `httpError(status, message)` answers an error with `{ message }`.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { PayloadDecodeError, PayloadValidationError, validatePayload } from './decode.js';
import type { AsyncHandler } from './envelopes.js';
import { pathText } from './schema.js';

/** The event API Gateway invokes a route's function with. */
export type HttpEvent = APIGatewayProxyEventV2;
/** What the handler answers API Gateway. */
export type HttpResult = APIGatewayProxyStructuredResultV2;

const responseMark: unique symbol = Symbol.for('flowc.httpResponse');

/** A response with its status and headers, made by `respond`. */
export interface HttpResponse<Body> {
  readonly [responseMark]: true;
  readonly status: number;
  readonly body: Body;
  readonly headers: Readonly<Record<string, string>>;
}

/** `return respond(201, receipt, { headers: { location: … } })`: the body with a status and headers of the handler's choosing. */
export function respond<Body>(status: number, body: Body, options: { readonly headers?: Readonly<Record<string, string>> } = {}): HttpResponse<Body> {
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new RangeError(`an HTTP status is 100–599, got ${status}`);
  return { [responseMark]: true, status, body, headers: { ...options.headers } };
}

/** The body of an error response: what the generated helpers answer a request that does not fit (400), and what `httpError` makes. */
export interface HttpErrorBody {
  readonly message: string;
  /** For a refused input: each problem's path (`$.items[0].sku`) and what is wrong. */
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

/**
 * `return httpError(404, \`no order ${id}\`)`: an error response with the body `{ message }`, the
 * shape of flowc's own 400s, whatever the function's output type.
 */
export function httpError(status: number, message: string, options: { readonly headers?: Readonly<Record<string, string>> } = {}): HttpResponse<HttpErrorBody> {
  if (!Number.isInteger(status) || status < 400 || status > 599) throw new RangeError(`an HTTP error status is 400–599, got ${status}`);
  return respond(status, { message }, options);
}

function isResponse(value: unknown): value is HttpResponse<unknown> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[responseMark] === true;
}

/** What a route's handler is given besides its input. */
export interface HttpRequest<Params> {
  /** The path parameters of the route (`{id}` → `params.id`), decoded. */
  readonly params: Params;
  readonly query: Readonly<Record<string, string>>;
  /** Header names are lower case, as API Gateway passes them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly method: string;
  readonly path: string;
  /** The route that matched, `POST /orders`. */
  readonly routeKey: string;
  readonly event: HttpEvent;
  readonly context: Context;
}

export interface HttpTriggerOptions<T> {
  /** Checks the input before the handler sees it (the generated helpers pass the function's type, unless `validate = false`). */
  readonly schema?: StandardSchemaV1<unknown, T>;
  /** The routes whose input is the JSON body; the others' is the query string. */
  readonly bodyRoutes: readonly string[];
}

export interface HttpTrigger<T, Params, Result> {
  /** A handler that reads and checks the input, runs `handle`, and answers with its result. */
  onRequest(handle: (input: T, request: HttpRequest<Params>) => Promise<Result | HttpResponse<Result> | HttpResponse<HttpErrorBody>>): AsyncHandler<HttpEvent, HttpResult>;
  /** `respond` typed by the function's output: `return place.respond(201, receipt, { headers })`. */
  respond(status: number, body: Result, options?: { readonly headers?: Readonly<Record<string, string>> }): HttpResponse<Result>;
}

export function httpTrigger<T, Params, Result>(options: HttpTriggerOptions<T>): HttpTrigger<T, Params, Result> {
  return {
    respond,
    onRequest: (handle) => async (event, context) => {
      let input: T;
      try {
        input = readInput(event, options);
      } catch (error) {
        if (error instanceof PayloadDecodeError) return badRequest(error);
        throw error;
      }
      const request: HttpRequest<Params> = {
        params: { ...event.pathParameters } as Params,
        query: definedOnly(event.queryStringParameters),
        headers: definedOnly(event.headers),
        method: event.requestContext.http.method,
        path: event.rawPath,
        routeKey: event.routeKey,
        event,
        context,
      };
      const result = await handle(input, request);
      return isResponse(result) ? answer(result.status, result.body, result.headers) : answer(result === undefined ? 204 : 200, result, {});
    },
  };
}

function readInput<T>(event: HttpEvent, options: HttpTriggerOptions<T>): T {
  const where = `the request ${event.routeKey}`;
  if (!options.bodyRoutes.includes(event.routeKey)) return validatePayload(definedOnly(event.queryStringParameters), options.schema, `the query string of ${where}`);
  const raw = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (raw === '') return validatePayload(undefined, options.schema, `the body of ${where}`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new PayloadDecodeError(`the body of ${where}`, 'is not JSON', error);
  }
  return validatePayload(value, options.schema, `the body of ${where}`);
}

/** 400, with each problem's path (`$.items[0].sku`) and message, so a client can point at its field. */
function badRequest(error: PayloadDecodeError): HttpResult {
  const issues = error instanceof PayloadValidationError ? error.issues.map((issue) => ({ path: pathText(issue.path ?? []), message: issue.message })) : [];
  return answer(400, { message: error.message, issues }, {});
}

function answer(status: number, body: unknown, headers: Readonly<Record<string, string>>): HttpResult {
  if (body === undefined) return { statusCode: status, headers: { ...headers } };
  const type = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  if (type === undefined) return { statusCode: status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
  // A content type of the handler's own: a string body is the text itself (an HTML page, CSV), anything else its JSON.
  return { statusCode: status, headers: { ...headers }, body: typeof body === 'string' && !/json/i.test(type) ? body : JSON.stringify(body) };
}

function definedOnly(values: Readonly<Record<string, string | undefined>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values ?? {})) if (value !== undefined) out[name] = value;
  return out;
}
