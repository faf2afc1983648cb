import { apiGateway } from '../../aws/api-gateway.js';
import { matchRoute, parseRouteKey, type RouteKey } from '../../aws/routes.js';
import { issueText, payloadSchema, type PayloadSchema } from '../../handler/schema.js';
import type { RouteEdge } from '../../manifest/schema.js';
import { SimulationInputError } from '../errors.js';
import { Priority } from '../event-queue.js';
import type { Outcome } from '../invocation.js';
import { isoTime } from '../time.js';
import type { HttpRequestInput, HttpResponseOutput, World } from '../world.js';
import type { InvocationCaller, LambdaService } from './lambda.js';

interface Route {
  readonly edge: RouteEdge;
  readonly key: RouteKey;
}

interface Pending {
  readonly api: string;
  readonly route: Route;
  readonly startMs: number;
  readonly resolve: (response: HttpResponseOutput) => void;
}

/** What API Gateway answers for a request it cannot pass on, and for a function that failed (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html). */
const notFound = { status: 404, body: { message: 'Not Found' } } as const;
const failed = { status: 500, body: { message: 'Internal Server Error' } } as const;
const timedOut = { status: 503, body: { message: 'Service Unavailable' } } as const;

/**
 * API Gateway HTTP APIs: a request picks its api's most specific route (literal segments before
 * parameters, a greedy parameter last, the request's method before `ANY`, `$default` when
 * nothing else matches: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html),
 * invokes the route's function synchronously with a payload format 2.0 event, and answers with
 * its result: a `statusCode` result as it says, any other JSON as a 200 JSON body, a failure
 * as 500, and a function still running after 30 seconds as 503.
 */
export class ApiGatewayService implements InvocationCaller {
  private readonly routes = new Map<string, Route[]>();
  private readonly outputs = new Map<string, PayloadSchema<unknown>>();

  constructor(
    private readonly world: World,
    private readonly lambda: LambdaService,
  ) {
    for (const api of world.manifest.apis) this.routes.set(api.name, []);
    for (const fn of world.manifest.functions) if (fn.output !== null && fn.output.kind !== 'unknown') this.outputs.set(fn.name, payloadSchema(fn.output, world.manifest.types));
    for (const edge of world.manifest.edges) {
      if (edge.kind !== 'route') continue;
      const parsed = parseRouteKey(edge.routeKey);
      if ('route' in parsed) this.routes.get(edge.source)?.push({ edge, key: parsed.route });
    }
  }

  /**
   * The request is made now and answered when its function's invocation ends (or at API
   * Gateway's timeout): `answered` is called in the event that answers it, so a run can stop
   * right there.
   */
  request(api: string, input: HttpRequestInput, from: string, answered: (response: HttpResponseOutput) => void = () => undefined): void {
    const routes = this.routes.get(api);
    if (routes === undefined) throw new SimulationInputError(`the flow has no api \`${api}\``);
    this.world.schedule(this.world.clock.nowMs, Priority.Act, () => this.handle(api, routes, input, from, answered));
  }

  private async handle(api: string, routes: readonly Route[], input: HttpRequestInput, from: string, resolve: (response: HttpResponseOutput) => void): Promise<void> {
    const world = this.world;
    const found = selectRoute(routes, input.method, input.path);
    const line = `${input.method} ${input.path}${input.query.length > 0 ? `?${input.query}` : ''}`;
    if (found === undefined) {
      world.trace.record(api, 'request', `${line} from ${from}: no route matches → 404`);
      resolve(jsonResponse(notFound.status, notFound.body));
      return;
    }
    const { route, params } = found;
    const fn = route.edge.target;
    world.trace.record(api, 'request', `${line} from ${from} → ${route.edge.routeKey} → ${fn}`);
    const event = this.event(api, route, params, input);
    const origin = world.observation.on ? { attempt: 1, via: { kind: 'sync' as const }, retryOf: [] } : null;
    const pending: Pending = { api, route, startMs: world.clock.nowMs, resolve };
    const invoked = this.lambda.invokeSync(fn, event, `${route.edge.routeKey} from api ${api}`, this, pending, origin);
    this.finish(pending, invoked instanceof Promise ? await invoked : invoked);
  }

  /** The run gave up waiting for the handler: the request is answered from the outcome all the same. */
  invocationAbandoned(outcome: Outcome, context: unknown): void {
    this.finish(context as Pending, outcome);
  }

  private finish(pending: Pending, outcome: Outcome): void {
    const world = this.world;
    const fn = pending.route.edge.target;
    const deadline = pending.startMs + apiGateway.integrationTimeoutSecondsMax * 1000;
    world.schedule(outcome.endMs, Priority.Act, () => {
      this.lambda.end(fn, outcome);
    });
    const answer = (response: HttpResponseOutput): void => {
      world.trace.record(pending.api, 'respond', `${pending.route.edge.routeKey} → ${response.status}${response.rawBody === undefined ? '' : ` ${preview(response.rawBody)}`}`);
      pending.resolve(response);
    };
    if (outcome.endMs > deadline) world.schedule(deadline, Priority.Act, () => answer(jsonResponse(timedOut.status, timedOut.body)));
    else world.schedule(outcome.endMs, Priority.Act, () => answer(outcome.ok ? this.checked(fn, responseOf(outcome.json)) : jsonResponse(failed.status, failed.body)));
  }

  /**
   * A success's body should have the function's declared output: API Gateway passes any body on,
   * so a body of another shape is a warning in the trace (the client would find out), not a failure.
   */
  private checked(fn: string, response: HttpResponseOutput): HttpResponseOutput {
    const schema = this.outputs.get(fn);
    if (schema === undefined || response.status < 200 || response.status > 299) return response;
    const result = schema['~standard'].validate(response.body);
    if (!(result instanceof Promise) && result.issues !== undefined) {
      const [first] = result.issues;
      this.world.trace.record(fn, 'warning', `the response body (${response.status}) does not have the output type of ${fn}${first === undefined ? '' : `: ${issueText(first)}`}`);
    }
    return response;
  }

  /** A payload format 2.0 event (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html). */
  private event(api: string, route: Route, params: Readonly<Record<string, string>>, input: HttpRequestInput): Record<string, unknown> {
    const world = this.world;
    const now = world.epochMs();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = value;
    if (input.body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
    const query = new URLSearchParams(input.query);
    const queryStringParameters: Record<string, string> = {};
    // API Gateway joins repeated parameters with commas.
    for (const name of new Set(query.keys())) queryStringParameters[name] = query.getAll(name).join(',');
    const apiId = world.addresses.physicalName('api', api);
    const domainName = `${apiId}.execute-api.${world.options.region}.amazonaws.com`;
    return {
      version: '2.0',
      routeKey: route.edge.routeKey,
      rawPath: input.path,
      rawQueryString: input.query,
      headers,
      ...(Object.keys(queryStringParameters).length > 0 ? { queryStringParameters } : {}),
      ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
      requestContext: {
        accountId: world.options.account,
        apiId,
        domainName,
        domainPrefix: apiId,
        http: { method: input.method, path: input.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: headers['user-agent'] ?? 'flowc-sim' },
        requestId: world.rng.uuid(),
        routeKey: route.edge.routeKey,
        stage: '$default',
        time: isoTime(now),
        timeEpoch: now,
      },
      ...(input.body === undefined ? {} : { body: input.body }),
      isBase64Encoded: false,
    };
  }
}

/** The best route for a request: the request's method before ANY, more literal segments first, a greedy match after an exact one, `$default` last. */
function selectRoute(routes: readonly Route[], method: string, path: string): { readonly route: Route; readonly params: Readonly<Record<string, string>> } | undefined {
  let best: { route: Route; params: Readonly<Record<string, string>>; score: number } | undefined;
  for (const route of routes) {
    if (route.key.path === apiGateway.defaultRoute) continue;
    if (route.key.method !== method && route.key.method !== 'ANY') continue;
    const params = matchRoute(route.key, path);
    if (params === undefined) continue;
    const literals = route.key.segments.filter((s) => s.kind === 'literal').length;
    const greedy = route.key.segments.some((s) => s.kind === 'param' && s.greedy);
    const score = (greedy ? 0 : 1_000_000) + literals * 1000 + route.key.segments.length * 10 + (route.key.method === method ? 1 : 0);
    if (best === undefined || score > best.score) best = { route, params, score };
  }
  if (best !== undefined) return best;
  const fallback = routes.find((route) => route.key.path === apiGateway.defaultRoute);
  return fallback === undefined ? undefined : { route: fallback, params: {} };
}

/**
 * What API Gateway makes of a function's response (format 2.0): an object with `statusCode` is
 * the response; any other JSON is a 200 response with that JSON as its body
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response).
 */
function responseOf(json: string): HttpResponseOutput {
  const value: unknown = JSON.parse(json);
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'statusCode' in value) {
    const result = value as { statusCode: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown };
    const status = typeof result.statusCode === 'number' ? result.statusCode : 500;
    const headers: Record<string, string> = {};
    if (typeof result.headers === 'object' && result.headers !== null) for (const [name, header] of Object.entries(result.headers)) headers[name.toLowerCase()] = String(header);
    const raw = typeof result.body === 'string' ? (result.isBase64Encoded === true ? Buffer.from(result.body, 'base64').toString('utf8') : result.body) : undefined;
    return { status, headers, body: raw === undefined ? undefined : parsedBody(raw, headers['content-type']), rawBody: raw };
  }
  return jsonResponse(200, value);
}

const PREVIEW_CHARS = 120;

function preview(text: string): string {
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}

function jsonResponse(status: number, body: unknown): HttpResponseOutput {
  const raw = JSON.stringify(body);
  return { status, headers: { 'content-type': 'application/json' }, body, rawBody: raw };
}

function parsedBody(raw: string, contentType: string | undefined): unknown {
  if (contentType === undefined || !/json/i.test(contentType) || raw === '') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
