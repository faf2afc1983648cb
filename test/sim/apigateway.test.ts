// The simulated API Gateway: sim.request through flowc/testing on examples/api, and the route
// selection, failures and timeouts of API Gateway on inline flows.
import { describe, expect, expectTypeOf, test } from 'vitest';
import { simulate } from '../../compiler/testing.js';
import type { Flow, PlaceOutput, ShowOutput } from '../../examples/api/generated/flow.js';
import { parseEventsFile } from '../../runtime/sim/events-file.js';
import { manifestOf, normalizedTrace, simulator } from './helpers.js';

const order = { id: 'o-1', customer: 'c-7', items: [{ sku: 'tea', quantity: 2 }] };

describe('sim.request on examples/api', () => {
  test('POST: the handler\'s respond(202, …, { headers }); the queue behind it runs on the next settle', async () => {
    const sim = await simulate<Flow>('examples/api/api.flow', { captureLogs: false });
    try {
      const response = await sim.request('POST /orders', order);
      expect(response).toEqual({ status: 202, headers: { 'content-type': 'application/json', location: '/orders/o-1' }, body: { id: 'o-1', status: 'accepted' } });
      expectTypeOf(response.body).toEqualTypeOf<PlaceOutput>();
      expect(sim.items('orders')).toEqual([{ id: 'o-1', customer: 'c-7', status: 'accepted', items: order.items }]);
      await sim.settle();
      expect(sim.items('orders')).toEqual([{ id: 'o-1', customer: 'c-7', status: 'charged', items: order.items }]);
      const shown = await sim.request('GET /orders/o-1');
      expect(shown.status).toBe(200);
      expectTypeOf(shown.body).toEqualTypeOf<ShowOutput>();
      expect(shown.body).toEqual({ id: 'o-1', customer: 'c-7', status: 'charged', items: order.items });
      expect((await sim.request('GET /orders/o-1', undefined, { query: { customer: 'c-8' } })).status).toBe(404);
    } finally {
      sim.dispose();
    }
  });

  test('a body that is not the function\'s input is a 400 with the path of each problem, and the handler never runs', async () => {
    const sim = await simulate<Flow>('examples/api/api.flow', { captureLogs: false });
    try {
      const bad = { ...order, items: [{ sku: 'tea', quantity: 'two' }] } as unknown as typeof order;
      const response = await sim.request('POST /orders', bad);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ issues: [{ path: '$.items[0].quantity' }] });
      const notJson = await sim.request('POST /orders', undefined, { rawBody: '{"id":' });
      expect(notJson.status).toBe(400);
      expect(notJson.body).toMatchObject({ message: expect.stringMatching(/is not JSON/), issues: [] });
      expect(sim.items('orders')).toEqual([]);
    } finally {
      sim.dispose();
    }
  });

  test('a GET takes the query string as its input; the handler\'s 404; a path no route takes is API Gateway\'s 404', async () => {
    const sim = await simulate<Flow>('examples/api/api.flow', { captureLogs: false });
    try {
      const missing = await sim.request('GET /orders/o-9', undefined, { query: { customer: 'c-7' } });
      expect(missing).toMatchObject({ status: 404, body: { message: 'no order o-9' } });
      expect(sim.invocations('show')[0]?.event).toMatchObject({ routeKey: 'GET /orders/{id}', pathParameters: { id: 'o-9' }, queryStringParameters: { customer: 'c-7' }, rawQueryString: 'customer=c-7' });
      const noRoute = await sim.request('DELETE /orders/o-1' as 'POST /orders');
      expect(noRoute).toEqual({ status: 404, headers: { 'content-type': 'application/json' }, body: { message: 'Not Found' } });
      await expect(sim.request('get /orders/o-1' as 'POST /orders')).rejects.toThrow(/is not a request line/);
    } finally {
      sim.dispose();
    }
  });
});

describe('API Gateway\'s rules, on inline flows', () => {
  const flow = `app t
api web
fn exact -> string
fn param -> string
fn greedy -> string
fn any -> string
fn fallback -> string
web -> exact { route = "GET /orders/new" }
web -> param { route = "GET /orders/{id}" }
web -> greedy { route = "GET /orders/{rest+}" }
web -> any { route = "ANY /orders/{id}" }
web -> fallback { route = "$default" }
`;
  const named = (name: string) => async () => name;

  test('the most specific route: literal, then parameter, then greedy; the method before ANY; $default last', async () => {
    const sim = simulator(flow, { exact: named('exact'), param: named('param'), greedy: named('greedy'), any: named('any'), fallback: named('fallback') });
    try {
      const body = async (line: string) => (await sim.request(line)).body;
      expect(await body('GET /orders/new')).toBe('exact');
      expect(await body('GET /orders/o-1')).toBe('param');
      expect(await body('GET /orders/o-1/items')).toBe('greedy');
      expect(await body('PUT /orders/o-1')).toBe('any');
      expect(await body('POST /elsewhere')).toBe('fallback');
    } finally {
      sim.dispose();
    }
  });

  test('a handler that throws is a 500; one still running after 30 s a 503, and it runs on', async () => {
    const source = 'app t\napi web\nfn boom\nfn slow { timeout = 1m }\nweb -> boom { route = "POST /boom" }\nweb -> slow { route = "POST /slow" }\n';
    const sim = simulator(source, {
      boom: async () => {
        throw new Error('boom');
      },
      slow: async () => ({ statusCode: 200, body: 'late' }),
    }, { duration: { slow: 40_000 } });
    try {
      expect(await sim.request('POST /boom')).toMatchObject({ status: 500, body: { message: 'Internal Server Error' } });
      const start = sim.nowMs;
      expect(await sim.request('POST /slow')).toMatchObject({ status: 503, body: { message: 'Service Unavailable' } });
      expect(sim.nowMs - start).toBe(30_000);
      await sim.run();
      expect(sim.nowMs - start).toBe(40_000);
      expect(sim.summary().invocations).toBe(2);
    } finally {
      sim.dispose();
    }
  });

  test('a result with statusCode is the response; any other JSON a 200 JSON body; header names in lower case', async () => {
    const source = 'app t\napi web\nfn raw\nfn plain\nweb -> raw { route = "GET /raw" }\nweb -> plain { route = "GET /plain" }\n';
    const sim = simulator(source, {
      raw: async () => ({ statusCode: 201, headers: { 'X-Id': 'a' }, body: 'made' }),
      plain: async () => [1, 2],
    });
    try {
      expect(await sim.request('GET /raw')).toEqual({ status: 201, headers: { 'x-id': 'a' }, body: 'made', rawBody: 'made' });
      expect(await sim.request('GET /plain')).toMatchObject({ status: 200, headers: { 'content-type': 'application/json' }, body: [1, 2] });
      expect(normalizedTrace(sim)).toMatch(/web +respond +GET \/raw → 201 made/);
    } finally {
      sim.dispose();
    }
  });

  test('events.json: `request` to an api, with body, headers and query; mistakes are refused before the run', () => {
    const manifest = manifestOf('app t\napi web\nfn f\nweb -> f { route = "POST /f" }\n');
    const file = parseEventsFile(JSON.stringify({ events: [{ at: '1s', to: 'web', request: 'POST /f?x=1', body: { a: 1 }, headers: { 'x-k': 'v' } }] }), manifest);
    expect(file.events[0]).toEqual({ atMs: 1000, injection: { kind: 'request', line: 'POST /f?x=1', options: { api: 'web', body: { a: 1 }, rawBody: undefined, headers: { 'x-k': 'v' }, query: undefined } } });
    const refused = (event: Record<string, unknown>) => () => parseEventsFile(JSON.stringify({ events: [{ to: 'web', ...event }] }), manifest);
    expect(refused({ request: 'POST f' })).toThrow(/events\[0\]: `POST f` is not a request line/);
    expect(refused({ request: 'POST /f', message: {} })).toThrow(/"message" does not apply to api web/);
    expect(refused({ request: 'POST /f', body: {}, rawBody: '' })).toThrow(/not both/);
    expect(refused({ request: 'POST /f', headers: { a: 1 } })).toThrow(/"headers" must be an object of strings/);
  });
});
