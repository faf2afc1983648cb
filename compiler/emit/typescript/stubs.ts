/**
 * Handler stubs: one per function at its `handler` path, written once and then the user's.
 * A stub is typed only through the generated module (its `Handler` alias, the helper for its
 * triggers, the payload type on the parameter), so that when the flow changes, `tsc` reports
 * the stub's code that no longer fits instead of flowc rewriting it.
 */
import { basename, posix } from 'node:path';
import type { PayloadType } from '../../../runtime/manifest/types.js';
import { commentSafe, onErrorLine } from './describe.js';
import type { Envelope, FunctionModel, ModuleModel } from './model.js';
import { camelCase, isReservedWord } from './names.js';
import { quote } from './type-text.js';

export const GENERATED_MODULE_FILE = 'flow.ts';

const JAVASCRIPT_FILE = /\.(c|m)?jsx?$/;

/** How every stub starts; `flowc build` looks for it to recognise a stub an interrupted build left incomplete. */
export const STUB_START = '// The handler of `';

export function renderStub(model: ModuleModel, fn: FunctionModel, generatedDir: string): string {
  const source = commentSafe(basename(model.manifest.source));
  // A `.js` handler gets JavaScript: TypeScript's `type` imports and annotations are syntax
  // errors there. It is typed by a JSDoc `@type` instead, which `tsc --checkJs` reads.
  const javascript = JAVASCRIPT_FILE.test(fn.spec.handler);
  const imports = new Set<string>([fn.value]);
  const typeImports = new Set<string>([fn.types.Handler]);
  const taken = new Set<string>([...imports, ...typeImports]);
  const parts = fn.envelopes.map((envelope) => callbackFor(model, fn, envelope, typeImports, taken, javascript));
  const specifier = quote(moduleSpecifier(fn.spec.handler, generatedDir));
  const importNames = javascript ? [...imports].sort() : [...[...imports].sort(), ...[...typeImports].sort().map((t) => `type ${t}`)];
  const declaration = javascript ? `/** @type {import(${specifier}).${fn.types.Handler}} */\nexport const handler =` : `export const handler: ${fn.types.Handler} =`;

  const lines = [
    `${STUB_START}${fn.spec.name}\` (${source}:${fn.spec.origin.line}). flowc created this file once and never`,
    '// overwrites it: it is yours. Its types come from the generated module, which every',
    '// `flowc build` rewrites, so after a change to the flow `tsc` points at the code here',
    '// that no longer fits.',
    `import { ${importNames.join(', ')} } from ${specifier};`,
    '',
  ];
  const about = [
    ...(fn.destinations.success ? [`Its result goes to \`${fn.destinations.success.target}\` (success destination).`] : []),
    ...(fn.sends.length > 0 ? ['It sends with:', ...fn.sends.map((s) => `- \`${fn.value}.sends.${s.target.name}.${s.method}(…)\` (${s.target.kind} \`${s.target.name}\`)`)] : []),
    ...(fn.spec.idempotency !== null
      ? [
          `Its idempotency records go to table \`${fn.spec.idempotency.table}\`: \`const once = ${fn.value}.idempotency({ key: […] })\`,`,
          'then `once.onceFor(payload, work, { context })` runs `work` once per key (docs/runtime.md).',
        ]
      : []),
  ].map((line) => `// ${commentSafe(line)}`);
  const [only] = parts;
  if (parts.length === 1 && only !== undefined) {
    lines.push(...only.comment.map((c) => `// ${c}`), ...about);
    lines.push(`${declaration} ${only.call(fn.value, '')};`);
  } else {
    lines.push(...about);
    lines.push(`${declaration} ${fn.value}.route({`);
    for (const part of parts) {
      lines.push(...part.comment.map((c) => `  // ${c}`));
      lines.push(`  ${part.kind}: ${part.call(`${fn.value}.${part.kind}`, '  ')},`);
    }
    lines.push('});');
  }
  return `${lines.join('\n')}\n`;
}

interface Callback {
  readonly kind: string;
  readonly comment: readonly string[];
  /** The helper call with the user's callback, given the helper expression and the indentation. */
  readonly call: (helper: string, indent: string) => string;
}

/** The helper of a function's value that makes its handler for one kind of trigger (compiler/handlers reads it too). */
export const methodOf = { sqs: 'eachMessage', kinesis: 'eachRecord', dynamodb: 'eachChange', sns: 'onMessage', bus: 'onEvent', http: 'onRequest', s3: 'onEvent', invoke: 'onInvoke' } as const;

function callbackFor(model: ModuleModel, fn: FunctionModel, envelope: Envelope, typeImports: Set<string>, taken: Set<string>, javascript: boolean): Callback {
  const param = parameterName(envelope, taken);
  const paramType = envelope.kind === 'dynamodb' || envelope.kind === 's3' || javascript ? null : parameterType(model, fn, envelope);
  if (paramType !== null) typeImports.add(paramType);
  const returnsResult = ['sns', 'bus', 'http', 's3', 'invoke'].includes(envelope.kind) && fn.types.Output !== null;
  // A route's handler may also return `respond(…)`, so its result is left to inference.
  const returnType = returnsResult && !javascript && envelope.kind !== 'http' ? resultTypeName(model, fn) : null;
  if (returnType !== null) typeImports.add(returnType);
  const signature = `async (${param}${paramType === null ? '' : `: ${paramType}`})${returnType === null ? '' : `: Promise<${returnType}>`}`;
  const message = templateText(`${fn.spec.name} is not implemented yet (${fn.spec.handler}): `);
  const body = `throw new Error(\`${message}\${JSON.stringify(${param})}\`);`;
  return {
    kind: envelope.kind,
    comment: [...whatItGets(envelope, param, fn.types.Output !== null, fn.value), onErrorLine(envelope, fn)],
    call: (helper, indent) => `${helper}.${methodOf[envelope.kind]}(${signature} => {\n${indent}  ${body}\n${indent}})`,
  };
}

/** What the callback's parameter holds, in a sentence. */
function whatItGets(envelope: Envelope, param: string, returnsResult: boolean, helper: string): string[] {
  const returns = returnsResult ? "; return the function's result" : '';
  switch (envelope.kind) {
    case 'sqs':
      return [`\`${param}\` is one decoded message body; the messages of a batch come one at a time, in order.`];
    case 'kinesis':
      return [`\`${param}\` is one decoded record; the records of a batch come one at a time, in shard order.`];
    case 'dynamodb':
      return [`\`${param}\` is one item change (\`newImage\`, \`oldImage\`, decoded as the stream view allows), in order.`];
    case 'sns':
      return [`\`${param}\` is the decoded message of one notification${returns}.`];
    case 'bus':
      return [`\`${param}\` is the \`detail\` of one event${returns}.`];
    case 'http':
      return [
        `\`${param}\` is the request's JSON body (the query string on GET, HEAD and OPTIONS), checked against its type; the second parameter has \`params\`, \`query\` and \`headers\`.`,
        `Return the response body (200${returnsResult ? '' : ', or 204 without one'}), \`${helper}.respond(status, body, { headers })\`, or \`httpError(status, message)\` from flowc/runtime.`,
      ];
    case 's3':
      return [`\`${param}\` are the objects of one S3 event, keys decoded (\`key\`, \`size\`, \`eventName\`)${returns}.`];
    case 'invoke':
      if (envelope.edges.length === 0) return [`\`${param}\` is the input it is invoked with${returns}.`];
      if (envelope.edges.every((e) => e.kind === 'schedule-target')) return [`\`${param}\` is the input of the schedule that invokes it${returns}.`];
      return [`\`${param}\` is the record Lambda delivered${returns}.`];
  }
}

/** A name for the payload: the declared type's, or what kind of record it is. */
function parameterName(envelope: Envelope, taken: Set<string>): string {
  const wanted = envelope.kind === 'dynamodb' ? 'change' : envelope.kind === 's3' ? 'objects' : nameForPayload(envelope.payloadType);
  const name = isReservedWord(wanted) || taken.has(wanted) ? 'payload' : wanted;
  return name;
}

function nameForPayload(type: PayloadType | null): string {
  switch (type?.kind) {
    case 'ref':
      return camelCase(type.name);
    case 'invocation':
      return type.condition;
    case 'streamFailure':
      return 'failure';
    case 'snsEnvelope':
      return 'notification';
    case 'eventBridgeEvent':
      return 'event';
    case 's3Notification':
      return 'notification';
    default:
      return 'payload';
  }
}

/** The parameter's type, by a name the generated module exports: the declared type, or the function's input. */
function parameterType(model: ModuleModel, fn: FunctionModel, envelope: Envelope): string | null {
  if (envelope.payloadType?.kind === 'ref') return model.declared.get(envelope.payloadType.name) ?? null;
  return envelope.payload === fn.types.Input ? fn.types.Input : null;
}

function resultTypeName(model: ModuleModel, fn: FunctionModel): string | null {
  const output = fn.spec.output;
  if (output?.kind === 'ref') return model.declared.get(output.name) ?? null;
  return fn.types.Output;
}

/** moduleSpecifier's answers by generated folder and handler folder (a few per project). */
const specifiers = new Map<string, string>();

/** `../generated/flow.js` from `handlers/charge.ts`. */
export function moduleSpecifier(handlerPath: string, generatedDir: string): string {
  const folder = posix.dirname(toPosix(handlerPath));
  // Worked out once per folder: the stubs of a flow are mostly in one, and `posix.relative`
  // resolves both paths against the working directory each time.
  const key = `${generatedDir}\n${folder}`;
  let specifier = specifiers.get(key);
  if (specifier === undefined) {
    const relative = posix.relative(folder, posix.join(toPosix(generatedDir), GENERATED_MODULE_FILE.replace(/\.ts$/, '.js')));
    specifier = relative.startsWith('.') ? relative : `./${relative}`;
    specifiers.set(key, specifier);
  }
  return specifier;
}

/** Text for inside a template literal. */
function templateText(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${');
}

function toPosix(path: string): string {
  return path.replaceAll('\\', '/');
}
