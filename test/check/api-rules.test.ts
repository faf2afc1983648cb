// The message branches of the HTTP API rules (one fixture per code is in test/fixtures/).
import { describe, expect, test } from 'vitest';
import { apiType } from '../../compiler/check/rules/api-type.js';
import { corsOrigin } from '../../compiler/check/rules/cors-origin.js';
import { duplicateEdge } from '../../compiler/check/rules/duplicate-edge.js';
import { duplicateRoute } from '../../compiler/check/rules/duplicate-route.js';
import { routeInputWithoutBody } from '../../compiler/check/rules/route-input-without-body.js';
import { routeMissing } from '../../compiler/check/rules/route-missing.js';
import { routeSyntax } from '../../compiler/check/rules/route-syntax.js';
import { routeTimeout } from '../../compiler/check/rules/route-timeout.js';
import { checkText } from '../../compiler/program.js';
import { expectDiagnostics, ruleDiagnostics } from '../helpers/expect-diagnostics.js';

const head = 'app shop\ntype Order = { id: string, total: number }\napi public\nfn place(Order)\n';

describe('FL4070: route syntax', () => {
  test('a lower-case method: the span is the method, the fix capitalizes it', () => {
    const diagnostics = ruleDiagnostics(routeSyntax, `${head}public -> place { route = "post /orders" }\n`);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.suggestions?.[0]?.edits[0]?.replacement).toBe('"POST /orders"');
    expectDiagnostics(routeSyntax, `${head}public -> place { route = "post /orders" }\n`, [{ at: '5:28', message: /the method is written in capitals: `POST`/, help: 'write `route = "POST /orders"`' }]);
  });

  test('a path without its slash, an unknown method, a parameter inside a segment', () => {
    expectDiagnostics(routeSyntax, `${head}public -> place { route = "POST orders" }\n`, [{ at: '5:33', message: /the path starts with `\/`/ }]);
    expectDiagnostics(routeSyntax, `${head}public -> place { route = "SEND /orders" }\n`, [{ at: '5:28', message: /`SEND` is not a method/, help: /"\$default"/ }]);
    expectDiagnostics(routeSyntax, `${head}public -> place { route = "POST /order-{id}" }\n`, [{ at: '5:34', message: /whole segment/ }]);
  });

  test('a route written with an escape is pointed at as a whole', () => {
    expectDiagnostics(routeSyntax, `${head}public -> place { route = "POST /a\\"b" }\n`, [{ at: '5:27', message: /character/ }]);
  });

  test('a route that is not a string is FL2010 only', () => {
    const result = checkText('t.flow', `${head}public -> place { route = 5 }\n`);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FL2010']);
  });
});

describe('FL2024, FL2025: an api edge without a route, an api with a type', () => {
  test('the help names the function', () => {
    expectDiagnostics(routeMissing, `${head}public -> place\n`, [{ at: '5:1', message: 'the edge `public -> place` has no `route`', help: /route = "POST \/place"/ }]);
  });

  test('a type on an api: removed by the fix', () => {
    const source = 'app shop\ntype Order = { id: string, total: number }\napi public: Order\nfn place(Order)\npublic -> place { route = "POST /orders" }\n';
    const [diagnostic] = ruleDiagnostics(apiType, source);
    expect(diagnostic?.suggestions?.[0]?.edits[0]).toMatchObject({ replacement: '' });
    expect(diagnostic?.help).toContain('`fn place(Order)`');
  });

  test('an api to anything but a function is FL2012, with the api kind\'s help', () => {
    const result = checkText('t.flow', 'app shop\ntype Order = { id: string }\napi public\nqueue q: Order\npublic -> q\n');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FL2012']);
    expect(result.diagnostics[0]?.help).toMatch(/api -> fn \{ route = "POST \/orders" \}/);
  });
});

describe('FL4071 and FL4040: duplicate routes', () => {
  test('the same route twice to one function is FL4071 alone, FL4040 leaves route edges be', () => {
    const source = `${head}public -> place { route = "POST /orders" }\npublic -> place { route = "POST /orders" }\n`;
    expectDiagnostics(duplicateRoute, source, [{ at: '6:27', message: 'the route `POST /orders` of `public` is declared twice', help: 'remove this edge' }]);
    expect(ruleDiagnostics(duplicateEdge, source)).toEqual([]);
    expect(checkText('t.flow', source).diagnostics.map((d) => d.code)).toEqual(['FL4071']);
  });

  test('one route on two apis, and two routes of one api to one function, are fine', () => {
    const source = `${head}api admin\npublic -> place { route = "POST /orders" }\nadmin -> place { route = "POST /orders" }\npublic -> place { route = "PUT /orders" }\n`;
    expect(ruleDiagnostics(duplicateRoute, source)).toEqual([]);
    expect(ruleDiagnostics(duplicateEdge, source)).toEqual([]);
  });
});

describe('FL4072: the input of a GET route is the query string', () => {
  test('an inferred input is pointed at on the route', () => {
    const source = 'app shop\ntype Order = { id: string, total: number }\nqueue q: Order\nfn search\napi public\nq -> search\npublic -> search { route = "GET /orders" }\n';
    expectDiagnostics(routeInputWithoutBody, source, [{ at: '7:1', message: /`search` takes `Order`, but a GET request has no body/ }]);
  });

  test('a list is not a record of query parameters; HEAD and OPTIONS are read the same way', () => {
    const source = 'app shop\nfn search(string[])\napi public\npublic -> search { route = "HEAD /orders" }\n';
    expectDiagnostics(routeInputWithoutBody, source, [{ at: '2:11', message: /a HEAD request has no body/, label: 'not a record of query parameters' }]);
  });

  test('a function without an input, a union of strings, a POST route: nothing to say', () => {
    const source = 'app shop\ntype Q = { status?: "open" | "paid" }\ntype Order = { id: string, total: number }\nfn list\nfn search(Q)\nfn place(Order)\napi public\npublic -> list { route = "GET /all" }\npublic -> search { route = "GET /orders" }\npublic -> place { route = "POST /orders" }\n';
    expect(ruleDiagnostics(routeInputWithoutBody, source)).toEqual([]);
  });
});

describe('FL4073: the 30-second integration timeout', () => {
  test('an inherited timeout points at the app\'s setting', () => {
    const source = 'app shop { timeout = 45s }\ntype Order = { id: string }\napi public\nfn place(Order)\npublic -> place { route = "POST /orders" }\n';
    expectDiagnostics(routeTimeout, source, [{ at: '1:22', message: /may run 45 s, but API Gateway answers its requests after 30 s/, label: /the app's timeout/ }]);
  });

  test('30 seconds exactly is fine; a function no route calls is not this rule\'s', () => {
    const source = 'app shop\ntype Order = { id: string }\napi public\nqueue q: Order\nfn place(Order) { timeout = 30s }\nfn slow(Order) { timeout = 5m }\npublic -> place { route = "POST /orders" }\nq -> slow\n';
    expect(ruleDiagnostics(routeTimeout, source)).toEqual([]);
  });
});

describe('FL4074: CORS origins', () => {
  const cors = (origins: string) => `app shop\napi public { cors = [${origins}] }\nfn list\npublic -> list { route = "GET /orders" }\n`;

  test('no scheme: the fix adds https://; a path: the fix keeps the origin', () => {
    const [missing] = ruleDiagnostics(corsOrigin, cors('"shop.example"'));
    expect(missing?.message).toMatch(/starts with its scheme/);
    expect(missing?.suggestions?.[0]?.edits[0]?.replacement).toBe('"https://shop.example"');
    const [path] = ruleDiagnostics(corsOrigin, cors('"https://shop.example/app?x=1"'));
    expect(path?.message).toMatch(/no path, query or fragment/);
    expect(path?.suggestions?.[0]?.edits[0]?.replacement).toBe('"https://shop.example"');
  });

  test('another scheme, a port out of range, a bare word: each reported, no fix', () => {
    expectDiagnostics(corsOrigin, cors('"ftp://shop.example", "http://localhost:70000", "https://"'), [
      { at: '2:22', message: /`http:\/\/` or `https:\/\/`/ },
      { at: '2:44', message: /the port 70000 is not 1–65535/ },
      { at: '2:70', message: /`scheme:\/\/host\[:port\]`/ },
    ]);
  });

  test('`*`, ports and one origin not in a list are fine', () => {
    expect(ruleDiagnostics(corsOrigin, cors('"*", "http://localhost:5173", "https://a.shop.example"'))).toEqual([]);
    expect(ruleDiagnostics(corsOrigin, 'app shop\napi public { cors = "https://shop.example" }\nfn list\npublic -> list { route = "GET /orders" }\n')).toEqual([]);
  });

  test('an entry that is not a string is FL2010', () => {
    expect(checkText('t.flow', cors('5')).diagnostics.map((d) => d.code)).toEqual(['FL2010']);
  });
});
