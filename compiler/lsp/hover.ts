import { codes, isCode } from '../diagnostics/codes.js';
import type { Edge, EdgeKind } from '../resolve/program.js';
import { kindNoun } from '../resolve/program.js';
import { type SettingsContext, settingSchema, type ValueSpec } from '../settings/schema.js';
import { printType, printTypeExpr } from '../types/print.js';
import type { Analysis, SettingSite } from './analysis.js';
import { docsPage } from './diagnostics.js';
import { effectiveSettings } from './effective-settings.js';

/** The hover at `offset` as Markdown, or undefined when there is nothing to say. */
export function hoverAt(analysis: Analysis, offset: number): { markdown: string; start: number; end: number } | undefined {
  const code = codeAt(analysis.text, offset);
  if (code !== undefined) return code;
  const occurrence = analysis.occurrenceAt(offset);
  if (occurrence !== undefined) {
    const markdown = occurrence.namespace === 'type' ? typeHover(analysis, occurrence.target) : declarationHover(analysis, occurrence.target);
    if (markdown !== undefined) return { markdown, start: occurrence.span.start, end: occurrence.span.end };
  }
  const edge = analysis.edgeAt(offset);
  if (edge !== undefined) return { markdown: edgeHover(analysis, edge), start: edge.link.arrow.start, end: edge.link.arrow.end };
  const site = analysis.settingAt(offset);
  if (site !== undefined && offset <= site.setting.name.span.end) {
    const markdown = settingHover(site);
    if (markdown !== undefined) return { markdown, start: site.setting.name.span.start, end: site.setting.name.span.end };
  }
  const diagnostic = analysis.diagnostics.find((d) => d.primary.span.start <= offset && offset <= d.primary.span.end);
  if (diagnostic !== undefined) {
    return { ...codeHover(diagnostic.code), start: diagnostic.primary.span.start, end: diagnostic.primary.span.end };
  }
  return undefined;
}

/** A code written in the file (`# FL4021 is expected here`) explains itself. */
function codeAt(text: string, offset: number): { markdown: string; start: number; end: number } | undefined {
  let start = offset;
  while (start > 0 && /[A-Za-z0-9]/.test(text[start - 1] ?? '')) start--;
  const match = /^FL\d{4}/i.exec(text.slice(start, start + 6));
  if (match === null || offset > start + 6) return undefined;
  return { ...codeHover(match[0].toUpperCase()), start, end: start + 6 };
}

function codeHover(code: string): { markdown: string } {
  if (!isCode(code)) return { markdown: `\`${code}\` is not a flowc diagnostic code (\`flowc explain\` lists them)` };
  const info = codes[code];
  const page = docsPage(code);
  return {
    markdown: `**${code}** ${info.severity} (${info.slug}): ${info.title}${page === undefined ? '' : `\n\n[${code} explained](${page}) · \`flowc explain ${code}\``}`,
  };
}

function declarationHover(analysis: Analysis, name: string): string | undefined {
  const { program, checked } = analysis.result;
  const symbol = program?.declarations.get(name);
  if (symbol === undefined) return undefined;
  const lines = [`**${kindNoun[symbol.kind]}** \`${name}\``];
  if (checked !== undefined && !program?.damagedNames.has(name)) {
    const typed = checked.typed;
    const declared = typed.isDeclared(name);
    lines.push(`${symbol.kind === 'fn' ? 'input' : 'payload'}: \`${printType(typed.typeOf(name))}\`${declared ? '' : ' (inferred)'}`);
    if (symbol.kind === 'fn' && symbol.decl.kind === 'FnDecl' && symbol.decl.output) lines.push(`output: \`${printTypeExpr(symbol.decl.output)}\``);
  }
  const effective = effectiveSettings(analysis, name);
  if (effective !== undefined) {
    lines.push('', 'effective settings (AWS defaults applied):', '```', ...Object.entries(effective).map(([k, v]) => `${k} = ${JSON.stringify(v)}`), '```');
  } else if (symbol.settings.size > 0) {
    lines.push('', 'settings as written (the effective ones show once the file has no errors):', '```', ...[...symbol.settings.values()].map((s) => analysis.text.slice(s.span.start, s.span.end)), '```');
  }
  return lines.join('\n');
}

function typeHover(analysis: Analysis, name: string): string | undefined {
  const decl = analysis.result.program?.types.get(name);
  if (decl === undefined) return undefined;
  return `**type** \`${name}\`\n\n\`\`\`flow\ntype ${name} = ${printTypeExpr(decl.type)}\n\`\`\``;
}

const edgeWords: Record<EdgeKind, string> = {
  destination: 'a Lambda destination (asynchronous invocations only)',
  'queue-trigger': 'an SQS event source mapping',
  'stream-trigger': 'a Kinesis event source mapping',
  'table-trigger': 'a DynamoDB stream event source mapping',
  subscription: 'an SNS subscription',
  rule: 'an EventBridge rule',
  route: 'an HTTP API route (a Lambda proxy integration: a synchronous invocation)',
  notification: 'an S3 event notification',
  'schedule-target': 'an EventBridge Scheduler target (a function is invoked asynchronously)',
};

/** What the receiving side gets, around the payload. */
function envelope(edge: Edge): string {
  const target = edge.target.kind;
  switch (edge.kind) {
    case 'destination':
      return target === 'fn' ? 'an invocation record (`success<f>`/`failure<f>`): the request and the response or error' : 'an invocation record, as the message body';
    case 'queue-trigger':
      return 'an SQS batch (`SQSEvent`): each record\'s `body` is the payload, as JSON';
    case 'stream-trigger':
      return 'a Kinesis batch (`KinesisStreamEvent`): each record\'s `kinesis.data` is the payload, base64 JSON';
    case 'table-trigger':
      return 'a DynamoDB stream batch (`DynamoDBStreamEvent`): each record\'s images are items of the table';
    case 'subscription':
      return target === 'fn' ? 'an SNS event (`SNSEvent`): `Records[0].Sns.Message` is the payload, as JSON' : 'an SQS message whose body is the payload (raw delivery) or the SNS notification around it';
    case 'rule':
      return target === 'fn' ? 'an EventBridge event (`EventBridgeEvent`): `detail` is the payload' : 'an SQS message whose body is the EventBridge event';
    case 'route':
      return 'an HTTP request (`APIGatewayProxyEventV2`): the JSON body is the payload (the query string on GET, HEAD and OPTIONS), the result the response';
    case 'notification':
      return target === 'fn' ? 'an S3 event (`S3Event`): `Records[].s3.object.key` is the key' : `an ${target === 'queue' ? 'SQS message' : 'SNS message'} whose body is the S3 event (or S3's \`s3:TestEvent\`)`;
    case 'schedule-target':
      return target === 'fn' ? "the schedule's input itself, as the event" : target === 'bus' ? "an event whose `detail` is the schedule's input" : "a message whose body is the schedule's input, as JSON";
  }
}

function edgeHover(analysis: Analysis, edge: Edge): string {
  const lines = [`**edge** \`${edge.source.name}${edge.port ? `.${edge.port}` : ''} -> ${edge.target.name}\`: ${edgeWords[edge.kind]}`];
  const typed = analysis.result.checked?.typed;
  if (typed !== undefined && !analysis.result.program?.damagedNames.has(edge.source.name)) {
    lines.push(`payload: \`${printType(typed.edgePayload(edge))}\``);
    const delivered = typed.deliveredType(edge);
    if (delivered !== undefined && edge.target.kind === 'queue') lines.push(`stored in \`${edge.target.name}\` as: ${printType(delivered)}`);
  }
  lines.push(`${edge.target.kind === 'fn' ? `\`${edge.target.name}\` receives` : 'delivered as'}: ${envelope(edge)}`);
  return lines.join('\n\n');
}

const valueWords: Record<ValueSpec['type'], string> = {
  int: 'a whole number',
  number: 'a number',
  bool: '`true` or `false`',
  duration: 'a duration (`ms`, `s`, `m`, `h`, `d`)',
  string: 'a string',
  word: 'one of the words',
  ref: 'a name',
  refs: 'a list of names',
  strings: 'a list of strings',
  field: 'a field path of the message type',
  dedupe: '`content` or a field path of the message type',
  runtime: 'a Lambda runtime identifier',
  env: 'a block of variables',
  tags: 'a block of tags, `key = "value"`',
  pattern: 'an EventBridge content pattern',
  timestamp: 'an ISO-8601 timestamp string',
  events: 'a list of S3 events (`created`, `removed`, `restored`, …)',
  json: 'a constant (string, number, boolean, list or block)',
  arn: 'the ARN of an existing resource, as a string',
};

function settingContext(site: Pick<SettingSite, 'owner'>): SettingsContext | undefined {
  const owner = site.owner;
  if (owner === undefined) return 'edge';
  return owner.kind === 'app' || owner.kind === 'stage' || owner.kind === 'edge' ? owner.kind : owner.symbol.kind;
}

/** The doc line of a setting with its value's form, unit and range, and the AWS property it sets. */
export function settingDoc(context: SettingsContext, name: string): string | undefined {
  const spec = settingSchema[context][name];
  if (spec === undefined) return undefined;
  const value = spec.value;
  const form = value.type === 'word' ? value.words.map((w) => `\`${w}\``).join(', ') : value.type === 'ref' || value.type === 'refs' ? `${valueWords[value.type]} of ${value.kinds.map((k) => kindNoun[k]).join(', ')}` : valueWords[value.type];
  const property = /\(([A-Z][A-Za-z]+)\)/.exec(spec.doc)?.[1];
  const unit = /\bin (MB|bytes|Unix seconds)\b/.exec(spec.doc)?.[1] ?? (value.type === 'duration' ? 'a duration, converted to the unit of the AWS property' : undefined);
  const range = /(\d[\d.]*\s?[a-zA-Z]*\s?[–-]\s?\d[\d.]*\s?[a-zA-Z]*)/.exec(spec.doc)?.[1];
  return [
    spec.doc,
    `value: ${form}`,
    ...(unit === undefined ? [] : [`unit: ${unit}`]),
    ...(range === undefined ? [] : [`range: ${range}`]),
    ...(property === undefined ? [] : [`AWS property: \`${property}\``]),
  ].join('\n\n');
}

function settingHover(site: SettingSite): string | undefined {
  if (site.parents.length > 0) return undefined; // a key of a pattern, not a setting
  const context = settingContext(site);
  if (context === undefined) return undefined;
  const doc = settingDoc(context, site.setting.name.text);
  if (doc === undefined) return undefined;
  const where = context === 'edge' || context === 'app' || context === 'stage' ? context : kindNoun[context];
  return `**${site.setting.name.text}** (${where} setting)\n\n${doc}`;
}
