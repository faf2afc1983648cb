/**
 * The generated module (`generated/flow.ts`): the declared types, and per function its
 * aliases (`ChargeInput`, `ChargeOutput`, `ChargeEvent`, `ChargeResult`, `ChargeHandler`) and
 * a helper value (`charge`) that builds its handler and holds its `sends` clients.
 *
 * Printed as text, not through a ts-morph AST: the output is a flat list of declarations whose
 * shape is fixed here, and building 1,000 functions' worth of AST nodes costs seconds where
 * strings cost milliseconds. The tests parse and type-check what this prints.
 */
import { basename } from 'node:path';
import { eventBridge } from '../../../runtime/aws/limits.js';
import type { BusSpec } from '../../../runtime/manifest/schema.js';
import type { FieldType, PayloadType } from '../../../runtime/manifest/types.js';
import { generatedHeader } from '../file-map.js';
import { commentSafe, destinationLines, triggerLines } from './describe.js';
import type { FunctionModel, ModuleModel } from './model.js';
import { propertyName, quote, typeText, unionText } from './type-text.js';
import { validatorsBlock } from './validators.js';

/** The import specifier of the runtime helpers (the package's `./runtime` export). */
export const RUNTIME_MODULE = 'flowc/runtime';

export function renderModule(model: ModuleModel): string {
  const { manifest } = model;
  const source = commentSafe(basename(manifest.source));
  // Generated code follows flowc's layout, not the user's lint rules (Prisma does the same).
  const out: string[] = [generatedHeader(source, '//').trimEnd(), '/* eslint-disable */'];
  out.push(
    '/**',
    ` * The app \`${manifest.app}\` in TypeScript: the payload types of ${source}, and per function the`,
    ' * event it receives, the result it returns, a helper that builds its handler and clients for',
    ' * what it sends to. The handlers import from here, so after a change to the flow `tsc` shows',
    ' * the handler code that no longer fits.',
    ' */',
  );
  const typeNames = Object.keys(manifest.types);
  const usesRuntime = model.functions.length > 0 || typeNames.length > 0;
  if (usesRuntime) out.push(`import * as ${model.runtime} from '${RUNTIME_MODULE}';`);
  if (typeNames.length > 0) out.push('', '// Declared types');
  for (const name of typeNames) out.push('', declaredType(model, name, manifest.types[name] as PayloadType));
  if (usesRuntime) out.push('', validatorsBlock(manifest.types, model.validators, model.typeNames, (name) => declaredAt(model, name)));
  if (model.functions.length > 0) out.push('', '// Functions');
  for (const fn of model.functions) out.push('', functionBlock(model, fn));
  out.push('', flowInterface(model));
  return `${out.join('\n')}\n`;
}

/**
 * Every resource's payload and every function's event and result, in the shape the test API
 * reads (`FlowTypes` of flowc/testing): `simulate<Flow>('shop.flow')` then types `publish`,
 * `messages`, `invocations` and the handlers a test passes in.
 */
function flowInterface(model: ModuleModel): string {
  const { manifest, typeNames } = model;
  const members = (items: readonly { name: string }[], typeOf: (item: never) => string) =>
    items.length === 0 ? '{}' : `{\n${items.map((item) => `    ${propertyName(item.name)}: ${typeOf(item as never)};`).join('\n')}\n  }`;
  const payload = (type: PayloadType | null) => (type === null ? 'unknown' : typeText(type, typeNames));
  return [
    `/** The whole flow of ${commentSafe(basename(manifest.source))}, for tests: \`simulate<Flow>(…)\` from flowc/testing. */`,
    `export interface ${model.flow} {`,
    `  topics: ${members(manifest.topics, (t: { message: PayloadType }) => payload(t.message))};`,
    `  queues: ${members(manifest.queues, (q: { message: PayloadType }) => payload(q.message))};`,
    `  buses: ${members(manifest.buses, (b: BusSpec) => busKinds(model, b))};`,
    `  streams: ${members(manifest.streams, (s: { record: PayloadType }) => payload(s.record))};`,
    `  tables: ${members(manifest.tables, (t: { item: PayloadType }) => payload(t.item))};`,
    `  functions: ${members(model.functions.map((fn) => ({ name: fn.spec.name, fn })), (entry: { fn: FunctionModel }) => `{ event: ${entry.fn.types.Event}; result: ${entry.fn.types.Result} }`)};`,
    // Only a flow with apis has routes, so the Flow of every other flow stays as it was.
    ...(manifest.apis.length > 0 ? [`  routes: ${routeTypes(model)};`] : []),
    '}',
  ].join('\n');
}

/**
 * The routes of the flow's apis for `sim.request`: each route's request lines as a template
 * literal type (`GET /orders/${string}` for `GET /orders/{id}`, any method for `ANY`, anything
 * for `$default`), the body its function takes (`undefined` where the input is the query
 * string) and the response body of a success (its output, or `undefined`).
 */
function routeTypes(model: ModuleModel): string {
  const byName = new Map(model.functions.map((fn) => [fn.spec.name, fn]));
  const routes = model.manifest.edges.flatMap((edge) => {
    if (edge.kind !== 'route') return [];
    const fn = byName.get(edge.target);
    if (fn === undefined) return [];
    const body = edge.body ? fn.types.Input : 'undefined';
    const response = fn.types.Output ?? 'undefined';
    return [`{ api: ${quote(edge.source)}; route: ${requestPattern(edge.routeKey)}; body: ${body}; response: ${response} }`];
  });
  return routes.length === 0 ? 'never' : unionText(routes);
}

/** `POST /orders` → `'POST /orders'`; `GET /orders/{id}` → `` `GET /orders/${string}` ``; `$default` → `string`. */
function requestPattern(routeKey: string): string {
  if (routeKey === '$default') return 'string';
  const space = routeKey.indexOf(' ');
  const method = routeKey.slice(0, space);
  const path = routeKey.slice(space + 1);
  const methodText = method === 'ANY' ? '${string}' : method;
  const pathText = path.replace(/\{[^}]+\}/g, '${string}');
  const text = `${methodText} ${pathText}`;
  return text.includes('${') ? `\`${text}\`` : quote(text);
}

/**
 * The kinds of events on a bus, for `putEvent`: each destination's records (source `lambda`,
 * their fixed detail-type), the events of the app's own code (source the app's name; their
 * detail-type is the client's default or any other it is given), or, when nothing in the flow
 * puts events there, events from outside with the declared detail.
 */
function busKinds(model: ModuleModel, bus: BusSpec): string {
  const { manifest, typeNames } = model;
  const kind = (detailType: string, source: string, detail: string) => `{ detailType: ${detailType}; source: ${source}; detail: ${detail} }`;
  const kinds: string[] = [];
  for (const edge of manifest.edges) {
    if (edge.kind !== 'destination' || edge.targetKind !== 'bus' || edge.target !== bus.name) continue;
    const detailType = edge.condition === 'success' ? eventBridge.successDetailType : eventBridge.failureDetailType;
    kinds.push(kind(quote(detailType), quote(eventBridge.destinationSource), typeText(edge.payload, typeNames)));
  }
  const detail = bus.detail === null ? 'unknown' : typeText(bus.detail, typeNames);
  const fromApp = manifest.functions.some((fn) => fn.sends.some((target) => target.kind === 'bus' && target.name === bus.name));
  if (fromApp) kinds.push(kind('string', quote(manifest.app), detail));
  if (kinds.length === 0) kinds.push(kind('string', 'string', detail));
  return unionText(kinds);
}

function declaredType(model: ModuleModel, name: string, type: PayloadType): string {
  const identifier = model.declared.get(name) ?? name;
  const doc = `/** The type \`${commentSafe(name)}\` (${declaredAt(model, name)}). */`;
  if (type.kind !== 'record' || type.fields.length === 0) return `${doc}\nexport type ${identifier} = ${typeText(type, model.typeNames)};`;
  return [doc, `export interface ${identifier} {`, ...type.fields.map((field) => `  ${fieldLine(model, field)}`), '}'].join('\n');
}

/** `shop.flow:5`: where a declared type is, for doc comments; the file alone when unknown. */
function declaredAt(model: ModuleModel, name: string): string {
  const source = commentSafe(basename(model.manifest.source));
  const line = model.manifest.typeOrigins[name]?.line;
  return line === undefined ? source : `${source}:${line}`;
}

/** `at: string; // timestamp (ISO-8601)`: the flow type shows where TypeScript has none as precise. */
function fieldLine(model: ModuleModel, field: FieldType): string {
  const line = `${propertyName(field.name)}${field.optional ? '?' : ''}: ${typeText(field.type, model.typeNames)};`;
  if (field.type.kind === 'timestamp') return `${line} // timestamp (ISO-8601)`;
  if (field.type.kind === 'int') return `${line} // int`;
  return line;
}

function functionBlock(model: ModuleModel, fn: FunctionModel): string {
  const { spec, types } = fn;
  const source = basename(model.manifest.source);
  const about = [
    ...fn.envelopes.flatMap((envelope) => triggerLines(envelope, model.isFifoQueue)),
    ...destinationLines(fn),
    ...(fn.sends.length > 0 ? [`sends to ${fn.sends.map((s) => `${s.target.kind} \`${s.target.name}\``).join(', ')}`] : []),
    ...(fn.spec.idempotency !== null ? [`idempotency records in table \`${fn.spec.idempotency.table}\``] : []),
  ];
  const lines = ['/**', ` * \`${spec.name}\` (${source}:${spec.origin.line}), handler \`${spec.handler}\`:`, ...about.map((line) => ` * - ${line}`)].map(commentSafe);
  lines.push(' */');
  // Each export has its own doc comment too, so an editor's hover says where it comes from.
  const at = `\`${commentSafe(spec.name)}\` (${commentSafe(source)}:${spec.origin.line})`;
  lines.push(`export type ${types.Input} = ${typeText(spec.input, model.typeNames)};`);
  if (types.Output !== null && spec.output !== null) lines.push(`/** What ${at} returns. */`, `export type ${types.Output} = ${typeText(spec.output, model.typeNames)};`);
  lines.push(`/** The event Lambda invokes ${at} with. */`, `export type ${types.Event} = ${fn.event};`);
  if (fn.asyncEvent !== null) lines.push(`/** The asynchronous events of ${at}, which its destination records hold. */`, `export type ${fn.asyncEvent.alias} = ${fn.asyncEvent.text};`);
  lines.push(`/** What the handler of ${at} answers Lambda. */`, `export type ${types.Result} = ${fn.result};`);
  lines.push(`/** The type of the \`handler\` export of ${commentSafe(spec.handler)}, for ${at}. */`, `export type ${types.Handler} = ${model.runtime}.AsyncHandler<${types.Event}, ${types.Result}>;`);
  const holds = [...(fn.sends.length > 0 ? ['its `sends` clients'] : []), ...(Object.keys(spec.environment).length > 0 || (spec.parameters ?? []).length > 0 ? ['its `env` variables (`env.NAME`)'] : [])];
  lines.push(`/** Builds the handler of ${at}${holds.length > 0 ? ` and holds ${holds.join(' and ')}` : ''}. */`, `export const ${fn.value} = ${pureCalls(model.runtime, helperValue(model, fn))};`);
  return lines.join('\n');
}

/**
 * `expression` with each call of a `flowc/runtime` function marked `/* @__PURE__ *\/`, so that
 * a bundler drops the helpers (and the runtime code behind them) that a handler does not use:
 * every handler imports the one module, but each bundle keeps only its own function's helper.
 */
function pureCalls(runtime: string, expression: string): string {
  return expression.replace(new RegExp(`(?<![\\w.$])${runtime}\\.(?=[a-z]\\w*[<(])`, 'g'), `/* @__PURE__ */ ${runtime}.`);
}

function helperValue(model: ModuleModel, fn: FunctionModel): string {
  const sends = fn.sends.map((s) => `    ${propertyName(s.target.name)}: ${s.client},`);
  // Every variable of `env`, whatever its source (written, `ssm(…)`, `secret(…)`), as a string read when used.
  const variables = [...Object.keys(fn.spec.environment), ...(fn.spec.parameters ?? []).map((p) => p.variable)].sort();
  const envPart = variables.length === 0 ? [] : [`  env: ${model.runtime}.environment([${variables.map((v) => `'${v}'`).join(', ')}]),`];
  const sendsBlock = [...(sends.length === 0 ? [] : ['  sends: {', ...sends, '  },']), ...(fn.idempotency === null ? [] : [`  idempotency: ${fn.idempotency},`]), ...envPart];
  // Parts are joined by `functionParts`, a call a bundler may drop, never by a spread (runtime/handler/parts.ts).
  const parts = (first: string, second: string) => `${model.runtime}.functionParts(${first}, ${second})`;
  const [only] = fn.envelopes;
  if (fn.envelopes.length === 1 && only !== undefined) {
    return sendsBlock.length === 0 ? only.helper : parts(only.helper, ['{', ...sendsBlock, '}'].join('\n'));
  }
  // Triggers of several kinds: a helper per kind, and `route` to join their handlers into one.
  const routes = fn.envelopes.map((e) => `${e.kind}: ${model.runtime}.AsyncHandler<${e.event}, ${e.result}>`).join('; ');
  return parts(['{', ...fn.envelopes.map((e) => `  ${e.kind}: ${e.helper},`), ...sendsBlock, '}'].join('\n'), `${model.runtime}.router<{ ${routes} }>()`);
}
