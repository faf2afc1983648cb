import { apiGateway } from '../aws/api-gateway.js';
import type { FlowManifest } from '../manifest/schema.js';
import { SimulationInputError } from './errors.js';
import type { HttpRequestInput } from './world.js';

/** What a test or events.json gives for a request besides its line: `"POST /orders?dry=1"`. */
export interface RequestOptions {
  /** The api, when the flow has more than one. */
  readonly api?: string | undefined;
  /** The JSON body (sent as its JSON text); `rawBody` sends text as it is instead. */
  readonly body?: unknown;
  readonly rawBody?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Query parameters, added to those of the line. */
  readonly query?: Readonly<Record<string, string>> | undefined;
}

/**
 * A request line and its options as the simulated API Gateway takes them: `METHOD /path`, with
 * an optional `?query`; the method in capitals (API Gateway's methods, `ANY` is a route's, not a
 * request's); the api named, or the flow's only one.
 */
export function httpRequestOf(manifest: FlowManifest, line: string, options: RequestOptions, where = 'the request'): { readonly api: string; readonly input: HttpRequestInput } {
  const match = /^([A-Z]+) (\/[^\s?#]*)(?:\?([^\s#]*))?$/.exec(line);
  const methods = apiGateway.methods.filter((method) => method !== 'ANY') as readonly string[];
  if (match === null || !methods.includes(match[1]!)) {
    throw new SimulationInputError(`${where}: \`${line}\` is not a request line: write \`METHOD /path\`, e.g. \`POST /orders\` or \`GET /orders/o-1?expand=items\` (methods: ${methods.join(', ')})`);
  }
  const api = options.api ?? onlyApi(manifest, where);
  if (!manifest.apis.some((candidate) => candidate.name === api)) {
    throw new SimulationInputError(`${where}: the flow has no api \`${api}\`${manifest.apis.length > 0 ? ` (its apis: ${manifest.apis.map((a) => a.name).join(', ')})` : ''}`);
  }
  const query = new URLSearchParams(match[3] ?? '');
  for (const [name, value] of Object.entries(options.query ?? {})) query.append(name, value);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return { api, input: { method: match[1]!, path: match[2]!, query: query.toString(), headers: { ...options.headers }, body } };
}

function onlyApi(manifest: FlowManifest, where: string): string {
  const [only, ...others] = manifest.apis;
  if (only === undefined) throw new SimulationInputError(`${where}: the flow has no api`);
  if (others.length > 0) throw new SimulationInputError(`${where}: the flow has ${manifest.apis.length} apis: say which (${manifest.apis.map((a) => a.name).join(', ')})`);
  return only.name;
}
