import { describe, expect, test } from 'vitest';
import { routeArnSuffix } from '../../../runtime/aws/arns.js';
import { matchRoute, parseRouteKey, type RouteKey } from '../../../runtime/aws/routes.js';

function route(key: string): RouteKey {
  const parsed = parseRouteKey(key);
  if (!('route' in parsed)) throw new Error(`${key}: ${parsed.problem.message}`);
  return parsed.route;
}

function problem(key: string) {
  const parsed = parseRouteKey(key);
  if ('route' in parsed) throw new Error(`${key} was accepted`);
  return parsed.problem;
}

describe('route keys as API Gateway reads them', () => {
  test('methods, literal and parameter segments, greedy last, $default, the root', () => {
    expect(route('POST /orders')).toEqual({ method: 'POST', path: '/orders', segments: [{ kind: 'literal', text: 'orders' }], params: [] });
    expect(route('GET /orders/{id}/items').params).toEqual(['id']);
    expect(route('ANY /files/{path+}').segments.at(-1)).toEqual({ kind: 'param', name: 'path', greedy: true });
    expect(route('$default')).toEqual({ method: 'ANY', path: '$default', segments: [], params: [] });
    expect(route('GET /').segments).toEqual([]);
  });

  test('each refusal says what is wrong, where in the key, and the fix when it is mechanical', () => {
    expect(problem('post /orders')).toEqual({ message: 'the method is written in capitals: `POST`', start: 0, end: 4, fixed: 'POST /orders' });
    expect(problem('FETCH /orders').message).toMatch(/`FETCH` is not a method/);
    expect(problem('GET orders')).toMatchObject({ message: 'the path starts with `/`', fixed: 'GET /orders' });
    expect(problem('/orders')).toMatchObject({ fixed: 'ANY /orders' });
    expect(problem('GET /orders/')).toMatchObject({ message: 'a path does not end with `/`' });
    expect(problem('GET /a//b').message).toBe('a path has no empty segment (`//`)');
    expect(problem('GET /order-{id}').message).toMatch(/whole segment/);
    expect(problem('GET /{rest+}/x')).toMatchObject({ start: 5, end: 12 });
    expect(problem('GET /{id}/{id}').message).toBe('the path parameter `id` appears twice');
    expect(problem('GET /{}').message).toMatch(/a path parameter is `\{name\}`/);
    expect(problem('GET /a b').message).toMatch(/character/);
  });

  test('matching a path: literals exactly, one segment per parameter, the rest for a greedy one, decoded', () => {
    expect(matchRoute(route('GET /orders/{id}'), '/orders/o%2D1')).toEqual({ id: 'o-1' });
    expect(matchRoute(route('GET /orders/{id}'), '/orders/o-1/items')).toBeUndefined();
    expect(matchRoute(route('GET /orders/{id}'), '/orders/')).toBeUndefined();
    expect(matchRoute(route('GET /orders/{id}'), '/shops/o-1')).toBeUndefined();
    expect(matchRoute(route('ANY /files/{path+}'), '/files/a/b.txt')).toEqual({ path: 'a/b.txt' });
    expect(matchRoute(route('ANY /files/{path+}'), '/files')).toBeUndefined();
    expect(matchRoute(route('GET /'), '/')).toEqual({});
  });

  test('the execute-api ARN of a route: any stage, ANY as *, parameters as *', () => {
    expect(routeArnSuffix('POST', '/orders')).toBe('/*/POST/orders');
    expect(routeArnSuffix('GET', '/orders/{id}/items')).toBe('/*/GET/orders/*/items');
    expect(routeArnSuffix('ANY', '/files/{path+}')).toBe('/*/*/files/*');
    expect(routeArnSuffix('GET', '/')).toBe('/*/GET/');
    expect(routeArnSuffix('ANY', '$default')).toBe('/*/$default');
  });
});
