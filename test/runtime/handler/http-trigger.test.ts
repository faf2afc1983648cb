import type { Context } from 'aws-lambda';
import { describe, expect, test } from 'vitest';
import { httpTrigger, respond, type HttpEvent } from '../../../runtime/handler/http-trigger.js';
import { payloadSchema } from '../../../runtime/handler/schema.js';

const context = { awsRequestId: 'r-1' } as Context;

function event(routeKey: string, extra: Partial<HttpEvent> = {}): HttpEvent {
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {},
    requestContext: { http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 't' } } as HttpEvent['requestContext'],
    isBase64Encoded: false,
    ...extra,
  };
}

const order = payloadSchema<{ id: string; total: number }>({ kind: 'record', fields: [{ name: 'id', type: { kind: 'string' }, optional: false }, { name: 'total', type: { kind: 'number' }, optional: false }] }, {});
const query = payloadSchema<{ status?: string }>({ kind: 'record', fields: [{ name: 'status', type: { kind: 'string' }, optional: true }] }, {});

describe('httpTrigger: the handler of an HTTP API route', () => {
  test('the body is checked and decoded (base64 too); the result is a 200 JSON body, undefined a 204', async () => {
    const place = httpTrigger<{ id: string; total: number }, Record<string, never>, { id: string }>({ bodyRoutes: ['POST /orders'], schema: order });
    const handler = place.onRequest(async (input) => ({ id: input.id }));
    expect(await handler(event('POST /orders', { body: '{"id":"o-1","total":3}' }), context)).toEqual({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"o-1"}' });
    const encoded = Buffer.from('{"id":"o-2","total":3}').toString('base64');
    expect((await handler(event('POST /orders', { body: encoded, isBase64Encoded: true }), context)).body).toBe('{"id":"o-2"}');
    const quiet = httpTrigger<unknown, Record<string, never>, void>({ bodyRoutes: [] }).onRequest(async () => undefined);
    expect(await quiet(event('GET /ping'), context)).toEqual({ statusCode: 204, headers: {} });
  });

  test('a body that fails the check, is not JSON or is missing: 400 with each problem\'s path, the handler not called', async () => {
    let calls = 0;
    const handler = httpTrigger<{ id: string; total: number }, Record<string, never>, void>({ bodyRoutes: ['POST /orders'], schema: order }).onRequest(async () => {
      calls++;
    });
    const wrong = await handler(event('POST /orders', { body: '{"id":"o-1","total":"3"}' }), context);
    expect(wrong.statusCode).toBe(400);
    expect(JSON.parse(wrong.body ?? '')).toMatchObject({ issues: [{ path: '$.total' }] });
    expect((await handler(event('POST /orders', { body: '{' }), context)).statusCode).toBe(400);
    expect((await handler(event('POST /orders'), context)).statusCode).toBe(400);
    expect(calls).toBe(0);
  });

  test('on a route without a body the input is the query string; params, query and headers are given', async () => {
    const handler = httpTrigger<{ status?: string }, { readonly id: string }, string>({ bodyRoutes: [], schema: query }).onRequest(async (input, request) => `${request.params.id}:${input.status ?? '-'}:${request.headers['x-k'] ?? ''}`);
    const answered = await handler(event('GET /orders/{id}', { pathParameters: { id: 'o-1' }, queryStringParameters: { status: 'open' }, headers: { 'x-k': 'v' } }), context);
    expect(answered.body).toBe('"o-1:open:v"');
  });

  test('respond sets the status and headers, keeps a content-type given (a string body then as text), and refuses a status that is not HTTP\'s', async () => {
    const handler = httpTrigger<unknown, Record<string, never>, string>({ bodyRoutes: [] }).onRequest(async () => respond(201, 'made', { headers: { 'Content-Type': 'text/plain', location: '/x' } }));
    expect(await handler(event('GET /x'), context)).toEqual({ statusCode: 201, headers: { 'Content-Type': 'text/plain', location: '/x' }, body: 'made' });
    expect(() => respond(99, null)).toThrow(RangeError);
  });
});
