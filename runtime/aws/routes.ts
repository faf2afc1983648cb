import { apiGateway, type HttpMethodName } from './api-gateway.js';

/**
 * Route keys of API Gateway HTTP APIs, as AWS reads them: `$default`, or a method, one space and
 * a path of `/`-separated segments, each literal or a whole `{param}`, the last one possibly
 * greedy (`{proxy+}`): https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html.
 * The checker reports a key this refuses (FL4070); lowering, the emitter and the simulator read
 * the parts of one it accepts, so the three agree on what a route matches.
 */
export interface RouteKey {
  /** `ANY` for `$default`. */
  readonly method: HttpMethodName;
  /** `/orders/{id}`, or `$default`. */
  readonly path: string;
  /** The segments of the path; `$default` has none. */
  readonly segments: readonly RouteSegment[];
  readonly params: readonly string[];
}

export type RouteSegment = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'param'; readonly name: string; readonly greedy: boolean };

/** Why a route key is refused, and where in the key (0-based offsets into it). */
export interface RouteProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /** A corrected key when the fix is mechanical (`post /orders` → `POST /orders`). */
  readonly fixed?: string;
}

const literalSegment = /^[A-Za-z0-9._~!$&'()*+,;=:@-]+$/;
const paramName = /^[A-Za-z0-9_.-]+$/;

export function parseRouteKey(key: string): { readonly route: RouteKey } | { readonly problem: RouteProblem } {
  if (key === apiGateway.defaultRoute) return { route: { method: 'ANY', path: key, segments: [], params: [] } };
  const space = key.indexOf(' ');
  if (space < 0) {
    const hint = key.startsWith('/') ? `ANY ${key}` : undefined;
    return { problem: { message: 'a route is `METHOD /path` or `$default`', start: 0, end: key.length, ...(hint === undefined ? {} : { fixed: hint }) } };
  }
  const method = key.slice(0, space);
  const path = key.slice(space + 1);
  if (!(apiGateway.methods as readonly string[]).includes(method)) {
    const upper = method.toUpperCase();
    const known = (apiGateway.methods as readonly string[]).includes(upper);
    return {
      problem: {
        message: known ? `the method is written in capitals: \`${upper}\`` : `\`${method}\` is not a method API Gateway routes (${apiGateway.methods.join(', ')})`,
        start: 0,
        end: space,
        ...(known ? { fixed: `${upper} ${path}` } : {}),
      },
    };
  }
  if (!path.startsWith('/')) {
    return { problem: { message: 'the path starts with `/`', start: space + 1, end: key.length, ...(path.includes(' ') ? {} : { fixed: `${method} /${path}` }) } };
  }
  const segments: RouteSegment[] = [];
  const params: string[] = [];
  if (path === '/') return { route: { method: method as HttpMethodName, path, segments, params } };
  let offset = space + 2;
  const parts = path.slice(1).split('/');
  for (const [index, part] of parts.entries()) {
    const at = { start: offset, end: offset + part.length };
    offset += part.length + 1;
    if (part === '') {
      return { problem: { message: index === parts.length - 1 ? 'a path does not end with `/`' : 'a path has no empty segment (`//`)', start: at.start - 1, end: at.end + (index === parts.length - 1 ? 0 : 1) } };
    }
    if (part.startsWith('{') && part.endsWith('}')) {
      const greedy = part.endsWith('+}');
      const name = part.slice(1, greedy ? -2 : -1);
      if (!paramName.test(name)) return { problem: { message: 'a path parameter is `{name}` with a name of letters, digits, `_`, `.` or `-`', ...at } };
      if (greedy && index !== parts.length - 1) return { problem: { message: `a greedy parameter \`{${name}+}\` is the last segment of the path`, ...at } };
      if (params.includes(name)) return { problem: { message: `the path parameter \`${name}\` appears twice`, ...at } };
      params.push(name);
      segments.push({ kind: 'param', name, greedy });
      continue;
    }
    if (part.includes('{') || part.includes('}')) return { problem: { message: 'a path parameter is a whole segment: `/{id}`, not `/order-{id}`', ...at } };
    if (!literalSegment.test(part)) return { problem: { message: `\`${part}\` has a character a path segment cannot have`, ...at } };
    segments.push({ kind: 'literal', text: part });
  }
  return { route: { method: method as HttpMethodName, path, segments, params } };
}

/** Whether a request's method takes the route's body as the function's input (GET, HEAD and OPTIONS carry none: their input is the query string). */
export function routeTakesBody(method: HttpMethodName): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

/**
 * The path parameters of `path` when the route matches it, else undefined. A greedy parameter
 * takes one or more whole segments.
 */
export function matchRoute(route: RouteKey, path: string): Readonly<Record<string, string>> | undefined {
  if (route.path === apiGateway.defaultRoute) return {};
  const parts = path === '/' ? [] : path.replace(/^\//, '').split('/');
  const params: Record<string, string> = {};
  for (const [index, segment] of route.segments.entries()) {
    const part = parts[index];
    if (part === undefined || part === '') return undefined;
    if (segment.kind === 'literal') {
      if (segment.text !== part) return undefined;
      continue;
    }
    if (segment.greedy) {
      params[segment.name] = parts.slice(index).map(decodeURIComponent).join('/');
      return params;
    }
    params[segment.name] = decodeURIComponent(part);
  }
  return parts.length === route.segments.length ? params : undefined;
}
