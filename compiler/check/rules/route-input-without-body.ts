import { parseRouteKey, routeTakesBody } from '../../../runtime/aws/routes.js';
import type { PayloadType } from '../../../runtime/manifest/types.js';
import type { Edge } from '../../resolve/program.js';
import { quoteType } from '../../types/print.js';
import { structureOf } from '../../types/structure.js';
import type { CheckContext } from '../context.js';
import type { Rule } from '../rule.js';

/**
 * FL4072: a GET, HEAD or OPTIONS route to a function whose input is not a query string. Those
 * requests carry no body (RFC 9110: a body on GET "has no generally defined semantics", and API
 * Gateway's clients, browsers first, send none), so flowc makes the query string the input of
 * such a route: a record of string fields, checked like a body
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html:
 * `queryStringParameters` is a map of strings). An input of any other shape could never be met.
 */
export const routeInputWithoutBody: Rule = {
  code: 'FL4072',
  visit: {
    edge(edge, context) {
      if (edge.kind !== 'route') return;
      const key = context.edge(edge).routeKey;
      if (key === null) return;
      const parsed = parseRouteKey(key);
      if (!('route' in parsed) || routeTakesBody(parsed.route.method)) return;
      const input = context.typed.typeOf(edge.target.name);
      const problem = queryProblem(input, context);
      if (problem === undefined) return;
      const decl = edge.target.decl;
      const at = decl.kind === 'FnDecl' && decl.input !== undefined ? decl.input.span : edge.span;
      report(context, edge, at, key, input, problem);
    },
  },
};

function report(context: CheckContext, edge: Edge, at: { start: number; end: number }, key: string, input: PayloadType, problem: string): void {
  const method = key.slice(0, key.indexOf(' '));
  const fn = edge.target.name;
  context.report(at, `\`${fn}\` takes ${quoteType(input)}, but a ${method} request has no body: its input is the query string`, {
    label: problem,
    secondary: [{ span: edge.span, message: `\`${key}\` routes ${method} requests to \`${fn}\`` }],
    why: `${method} requests carry no body, so on a ${method} route flowc makes the query string the function's input: a record whose fields are strings (\`?status=open\` → \`{ status: "open" }\`), checked like a body. ${quoteType(input)} could never be met.`,
    help: `take the query string, \`fn ${fn}(${pascal(fn)}Query)\` with \`type ${pascal(fn)}Query = { status?: string }\`; or route another method (\`POST\`) to read a JSON body; path parameters come in \`params\`, not the input`,
  });
}

/** Why `type` cannot be a query string (a record of string fields), or undefined when it can. */
function queryProblem(type: PayloadType, context: CheckContext): string | undefined {
  const structure = structureOf(type, context.typed);
  if (structure.kind === 'unknown') return undefined;
  if (structure.kind !== 'record') return 'not a record of query parameters';
  for (const field of structure.fields) {
    if (!isStringLike(structureOf(field.type, context.typed), context)) return `the field \`${field.name}\` is not a string: query parameters are strings`;
  }
  return undefined;
}

function isStringLike(type: PayloadType, context: CheckContext): boolean {
  if (type.kind === 'string' || type.kind === 'literal' || type.kind === 'unknown') return true;
  return type.kind === 'union' && type.members.every((member) => isStringLike(structureOf(member, context.typed), context));
}

function pascal(name: string): string {
  return name.replace(/(?:^|_)([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
