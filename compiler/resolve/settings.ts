import type { Suggestion } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/reporter.js';
import { didYouMeanOf, replaceWith, suggest } from '../diagnostics/suggest.js';
import { awsSettingHelp, awsSettingSpelling, awsWordHelp, awsWordSpelling } from '../settings/aws-spellings.js';
import { type SettingsContext, type SettingSpec, settingSchema, stageSettingNames, type ValueSpec } from '../settings/schema.js';
import { checkExistingArn } from '../settings/existing-arn.js';
import { parameterNoun, parameterSources } from '../settings/parameters.js';
import type { CallValue, Setting, SettingsBlock, Value } from '../syntax/ast.js';
import { readPattern } from './pattern.js';
import { checkS3Events } from './s3-events.js';
import { type SettingsMap, settingsMap } from './program.js';
import { orWords, type Scope } from './scope.js';

const contextNoun: Record<SettingsContext, string> = {
  app: 'the app',
  stage: 'a stage',
  fn: 'a function',
  queue: 'a queue',
  topic: 'a topic',
  bus: 'a bus',
  api: 'an api',
  stream: 'a stream',
  table: 'a table',
  bucket: 'a bucket',
  schedule: 'a schedule',
  edge: 'an edge',
};

/**
 * Validates one settings block against the schema: known names (FL2008), each at most once
 * (FL2009), values of the right form (FL2010), references that resolve (FL2001, FL2005).
 * Returns the well-formed settings, and the malformed ones as `poisoned`.
 */
export function resolveSettings(
  block: SettingsBlock | undefined,
  context: SettingsContext,
  owner: string,
  reporter: Reporter,
  scope: Scope,
): SettingsMap {
  const settings = settingsMap();
  if (block === undefined) return settings;
  const schema = settingSchema[context];
  const seen = new Map<string, Setting>();
  for (const setting of block.entries) {
    const name = setting.name.text;
    const spec = schema[name];
    if (setting.quoted) {
      reportQuotedName(setting, reporter);
      continue;
    }
    if (spec === undefined) {
      reportUnknownSetting(setting, context, owner, reporter);
      continue;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      reporter.report('FL2009', setting.name.span, `\`${name}\` is set twice`, {
        label: 'set again here',
        secondary: [{ span: first.name.span, message: 'first set here' }],
        help: 'keep one of the two',
      });
      continue;
    }
    seen.set(name, setting);
    if (setting.call) {
      reporter.report('FL2010', setting.name.span, `\`${name}(…)\` is not how a setting is written`, {
        label: 'a setting is a name and a value',
        help: `write \`${name} = …\``,
      });
      settings.poisoned.set(name, setting);
      continue;
    }
    if (checkValue(setting, spec, owner, reporter, scope)) settings.set(name, setting);
    else settings.poisoned.set(name, setting);
  }
  return settings;
}

/** The names a block of `context` takes: a stage takes the app's too. */
function namesOf(context: SettingsContext): readonly string[] {
  return context === 'stage' ? stageSettingNames() : Object.keys(settingSchema[context]);
}

/** FL2008, with what the name may have meant: a setting of this block, its AWS spelling, or a setting of another block. */
export function reportUnknownSetting(setting: Setting, context: SettingsContext, owner: string, reporter: Reporter): void {
  const name = setting.name.text;
  const elsewhere = (Object.keys(settingSchema) as SettingsContext[]).filter(
    (c) => c !== context && !(context === 'stage' && c === 'app') && settingSchema[c][name] !== undefined,
  );
  const value = setting.value;
  const written = { kind: value.kind === 'NumberValue' ? 'number' : value.kind === 'DurationValue' ? 'duration' : 'other', text: reporter.source.text.slice(value.span.start, value.span.end) } as const;
  const aws = awsSettingSpelling(name, context);
  // An AWS spelling of a setting of this block is renamed in place; one of another block's, or
  // one whose value changes too (`dedupe = content`), is only explained: not a one-span edit.
  const found = aws === undefined ? suggest(name, namesOf(context)) : aws.context === context && !aws.setting.includes(' ') ? [aws.setting] : [];
  let help = awsSettingHelp(name, context, written, (c) => contextNoun[c]) ?? didYouMeanOf(found);
  if (help === undefined && elsewhere.length > 0) {
    help = `\`${name}\` is a setting of ${orWords(elsewhere.map((c) => contextNoun[c]))}${whereHint(name, context, owner, elsewhere)}`;
  }
  if (help === undefined) {
    const known = namesOf(context);
    help = known.length === 0 ? `${contextNoun[context]} has no settings` : `the settings of ${contextNoun[context]} are ${orWords(known.map((k) => `\`${k}\``)).replace(/ or ([^ ]+)$/, ' and $1')}`;
  }
  reporter.report('FL2008', setting.name.span, `unknown setting \`${name}\` for ${contextNoun[context]}`, {
    label: 'not a setting here',
    help,
    suggestions: replaceWith(setting.name.span, found),
  });
}

function whereHint(name: string, context: SettingsContext, owner: string, elsewhere: readonly SettingsContext[]): string {
  if (elsewhere.includes('edge') && context !== 'edge') {
    const source = /^`\w+`$/.test(owner) ? owner.slice(1, -1) : 'source';
    return `: put it on the edge it configures, e.g. \`${source} -> … { ${name} = … }\``;
  }
  if (context === 'edge') return ': put it in the declaration\'s block';
  return '';
}

const expectedWords: Record<ValueSpec['type'], string> = {
  int: 'a whole number',
  number: 'a number',
  bool: '`true` or `false`',
  duration: 'a duration such as `30s`, `5m` or `1h`',
  string: 'a string in double quotes',
  word: 'one of the words',
  ref: 'a name',
  refs: 'a list of names such as `[a, b]`',
  field: 'a field name of the message type, such as `id` or `customer.id`',
  dedupe: '`content` or a field name of the message type',
  runtime: 'a Lambda runtime such as `nodejs24.x`',
  env: 'a block of variables, e.g. `env { STAGE = "prod" }`',
  tags: 'a block of tags, e.g. `tags { team = "payments" }`',
  pattern: 'a block such as `match { source = "shop", detail_type = ["OrderPlaced"], detail { total = numeric(> 100) } }`',
  timestamp: 'an ISO-8601 timestamp string such as `"2026-01-01T00:00:00Z"`',
  strings: 'a list of strings such as `["https://shop.example"]`',
  events: 'a list of S3 events such as `[created, removed]`',
  arn: 'the ARN of the existing resource, in double quotes',
  json: 'a constant: a string, a number, `true`, `false`, a list or a block such as `{ source = "heartbeat" }`',
};

function checkValue(setting: Setting, spec: SettingSpec, owner: string, reporter: Reporter, scope: Scope): boolean {
  const value = setting.value;
  if (value.kind === 'InvalidValue') return false; // already reported by the lexer
  const shape = spec.value;
  switch (shape.type) {
    case 'int':
      if (value.kind === 'DurationValue') {
        return wrongForm(setting, shape, reporter, undefined, `write the number without a unit: \`${setting.name.text} = ${value.amount}\``, rewriteTo(setting, String(value.amount), 'maybe-incorrect'));
      }
      if (value.kind !== 'NumberValue') return wrongForm(setting, shape, reporter);
      return Number.isInteger(value.value) ? true : wrongForm(setting, shape, reporter);
    case 'number':
      return value.kind === 'NumberValue' ? true : wrongForm(setting, shape, reporter);
    case 'bool':
      return value.kind === 'BooleanValue' ? true : wrongForm(setting, shape, reporter);
    case 'duration':
      if (value.kind === 'NumberValue') {
        return wrongForm(setting, shape, reporter, undefined, `give the unit: \`${setting.name.text} = ${value.raw}s\` (units: ms, s, m, h, d)`, rewriteTo(setting, `${value.raw}s`, 'maybe-incorrect'));
      }
      return value.kind === 'DurationValue' ? true : wrongForm(setting, shape, reporter);
    case 'string':
      // `account = 123456789012`: a number where a string goes is quoted as written (leading zeros kept).
      if (value.kind === 'NumberValue') return wrongForm(setting, shape, reporter, undefined, `write it in quotes: \`${setting.name.text} = "${value.raw}"\``, rewriteTo(setting, `"${value.raw}"`, 'machine-applicable'));
      return value.kind === 'StringValue' ? true : wrongForm(setting, shape, reporter);
    case 'timestamp':
      if (value.kind !== 'StringValue') return wrongForm(setting, shape, reporter);
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value.value) &&
        !Number.isNaN(Date.parse(value.value))
        ? true
        : wrongForm(setting, shape, reporter, 'with a date, a time and a zone');
    case 'word':
      if (value.kind === 'PathValue' && shape.words.includes(value.text)) return true;
      if (value.kind === 'StringValue' && shape.words.includes(value.value)) return true;
      {
        const text = value.kind === 'PathValue' ? value.text : value.kind === 'StringValue' ? value.value : undefined;
        const aws = text === undefined ? undefined : awsWordSpelling(setting.name.text, text, shape.words);
        const found = text === undefined ? [] : aws !== undefined ? [aws] : suggest(text, shape.words);
        const close = text === undefined ? undefined : (awsWordHelp(setting.name.text, text, shape.words) ?? didYouMeanOf(found));
        return wrongForm(setting, shape, reporter, undefined, close, replaceWith(value.span, found));
      }
    case 'runtime':
      if (value.kind === 'PathValue' || value.kind === 'StringValue') return true;
      return wrongForm(setting, shape, reporter);
    case 'field':
      if (value.kind === 'StringValue' && /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(value.value)) {
        return wrongForm(setting, shape, reporter, undefined, `write the field without quotes: \`${setting.name.text} = ${value.value}\``, rewriteTo(setting, value.value, 'machine-applicable'));
      }
      return value.kind === 'PathValue' ? true : wrongForm(setting, shape, reporter, undefined, value.kind === 'StringValue' ? `write the field without quotes: \`${setting.name.text} = ${value.value}\`` : undefined);
    case 'dedupe':
      return value.kind === 'PathValue' ? true : wrongForm(setting, shape, reporter);
    case 'ref':
      if (value.kind !== 'PathValue' || value.segments.length !== 1) return wrongForm(setting, shape, reporter);
      return scope.resolve(value.segments[0]!, shape.kinds, `\`${setting.name.text}\` of ${owner}`) !== undefined;
    case 'refs': {
      const items = value.kind === 'ListValue' ? value.items : value.kind === 'PathValue' ? [value] : undefined;
      if (items === undefined) return wrongForm(setting, shape, reporter);
      let ok = true;
      for (const item of items) {
        if (item.kind !== 'PathValue' || item.segments.length !== 1) {
          reporter.report('FL2010', item.span, `each entry of \`${setting.name.text}\` must be a name`, { label: `found ${describeValue(item)}` });
          ok = false;
          continue;
        }
        if (scope.resolve(item.segments[0]!, shape.kinds, `an entry of \`${setting.name.text}\` of ${owner}`) === undefined) ok = false;
      }
      return ok;
    }
    case 'strings': {
      const items = value.kind === 'ListValue' ? value.items : value.kind === 'StringValue' ? [value] : undefined;
      if (items === undefined) return wrongForm(setting, shape, reporter);
      let ok = true;
      for (const item of items) {
        if (item.kind === 'StringValue') continue;
        if (item.kind !== 'InvalidValue') reporter.report('FL2010', item.span, `each entry of \`${setting.name.text}\` must be a string in double quotes`, { label: `found ${describeValue(item)}` });
        ok = false;
      }
      return ok;
    }
    case 'events': {
      const events = checkS3Events(setting, value, shape, reporter);
      return events === 'wrong-form' ? wrongForm(setting, shape, reporter) : events === 'ok';
    }
    case 'env':
      return checkEnv(setting, value, reporter) || false;
    case 'tags':
      return checkTags(setting, value, reporter);
    case 'json':
      return checkJson(setting, value, reporter);
    case 'arn':
      if (value.kind !== 'StringValue') return wrongForm(setting, shape, reporter);
      return checkExistingArn(setting, value, shape.kind, owner, reporter);
    case 'pattern':
      return value.kind === 'SettingsBlock' ? readPattern(value, reporter, shape.aliases === undefined ? {} : { aliases: shape.aliases }) !== undefined : wrongForm(setting, shape, reporter);
  }
}

/**
 * FL2010 for a value of the wrong form; false, for `checkValue` to return. Module functions
 * rather than closures in `checkValue`, which runs for every setting of the file.
 */
function wrongForm(setting: Setting, shape: ValueSpec, reporter: Reporter, detail?: string, help?: string, suggestions: readonly Suggestion[] = []): false {
  const value = setting.value;
  const expected = shape.type === 'word' ? orWords(shape.words.map((w) => `\`${w}\``)) : expectedWords[shape.type];
  reporter.report('FL2010', value.span, `\`${setting.name.text}\` must be ${expected}${detail ? `, ${detail}` : ''}`, {
    label: `found ${describeValue(value)}`,
    ...(help === undefined ? {} : { help }),
    suggestions,
  });
  return false;
}

function rewriteTo(setting: Setting, replacement: string, applicability: Suggestion['applicability']): Suggestion[] {
  return [{ title: `write \`${setting.name.text} = ${replacement}\``, edits: [{ span: setting.value.span, replacement }], applicability }];
}

/** A constant (`input = { … }`): strings, numbers, booleans, lists and blocks of them; names only `null`. */
function checkJson(setting: Setting, value: Value, reporter: Reporter): boolean {
  switch (value.kind) {
    case 'StringValue':
    case 'NumberValue':
    case 'BooleanValue':
      return true;
    case 'ListValue':
      return value.items.map((item) => checkJson(setting, item, reporter)).every(Boolean);
    case 'SettingsBlock': {
      let ok = true;
      const seen = new Set<string>();
      for (const entry of value.entries) {
        if (seen.has(entry.name.text)) {
          reporter.report('FL2009', entry.name.span, `field \`${entry.name.text}\` is set twice`, { label: 'set again here' });
          ok = false;
        }
        seen.add(entry.name.text);
        if (entry.call) {
          reporter.report('FL2010', entry.name.span, `\`${entry.name.text}(…)\` is not a constant`, { label: 'a field of a constant is a name and a value', help: `write \`${entry.name.text} = …\`` });
          ok = false;
          continue;
        }
        if (!checkJson(setting, entry.value, reporter)) ok = false;
      }
      return ok;
    }
    case 'PathValue':
      if (value.text === 'null') return true;
      break;
    case 'InvalidValue':
      return false;
    default:
      break;
  }
  reporter.report('FL2010', value.span, `\`${setting.name.text}\` must be ${expectedWords.json}`, {
    label: `found ${describeValue(value)}`,
    ...(value.kind === 'PathValue' ? { help: `a word is not a constant: quote it, \`"${value.text}"\`` } : value.kind === 'DurationValue' ? { help: `write the duration as a number or a string: \`"${value.raw}"\`` } : {}),
  });
  return false;
}

function checkEnv(setting: Setting, value: Value, reporter: Reporter): boolean {
  if (value.kind !== 'SettingsBlock') {
    reporter.report('FL2010', value.span, `\`${setting.name.text}\` must be ${expectedWords.env}`, { label: `found ${describeValue(value)}` });
    return false;
  }
  let ok = true;
  const seen = new Set<string>();
  for (const entry of value.entries) {
    const v = entry.value;
    if (seen.has(entry.name.text)) {
      reporter.report('FL2009', entry.name.span, `environment variable \`${entry.name.text}\` is set twice`, { label: 'set again here' });
      ok = false;
    }
    seen.add(entry.name.text);
    if (entry.quoted) {
      reportQuotedName(entry, reporter);
      ok = false;
      continue;
    }
    if (v.kind === 'CallValue') {
      if (!checkParameter(entry, v, reporter)) ok = false;
      continue;
    }
    if (v.kind !== 'StringValue' && v.kind !== 'NumberValue' && v.kind !== 'BooleanValue') {
      if (v.kind !== 'InvalidValue') {
        reporter.report('FL2010', v.span, `environment variable \`${entry.name.text}\` must be a string, a number or a boolean`, {
          label: `found ${describeValue(v)}`,
          help: 'environment variables are text: quote the value, or read it with `ssm("/name")` or `secret("name")`',
        });
      }
      ok = false;
    }
  }
  return ok;
}

/**
 * FL2021: a quoted name is a key that is not a name (`"cost-center" = "42"`), for a block of
 * tags; a setting or a variable has a name of letters, digits and `_`, so quotes there are a
 * mistake, reported once instead of as an unknown setting.
 */
function reportQuotedName(setting: Setting, reporter: Reporter): void {
  const name = setting.name.text;
  const bare = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
  reporter.report('FL2021', setting.name.span, `\`"${name}"\` is quoted, and only the keys of \`tags\` are`, {
    label: 'a quoted name',
    help: bare ? `write the name without quotes: \`${name}\`` : 'names of settings and variables are letters, digits and `_`; quote only the keys of a `tags { … }` block',
    suggestions: bare ? [{ title: `write \`${name}\``, edits: [{ span: setting.name.span, replacement: name }], applicability: 'machine-applicable' }] : [],
  });
}

/** FL2020: `ssm("…")` or `secret("…")`, with exactly one string, the parameter's or secret's name. */
function checkParameter(entry: Setting, value: CallValue, reporter: Reporter): boolean {
  const callee = value.callee.text;
  const source = parameterSources.find((s) => s === callee);
  if (source === undefined) {
    const found = suggest(callee, parameterSources);
    reporter.report('FL2020', value.callee.span, `\`${callee}(…)\` is not a source of an environment variable`, {
      label: 'unknown source',
      help: didYouMeanOf(found) ?? 'read a value with `ssm("/name")` (an SSM String parameter) or `secret("name")` (a Secrets Manager secret)',
      suggestions: replaceWith(value.callee.span, found),
    });
    return false;
  }
  const [argument, ...rest] = value.args;
  if (argument?.kind === 'StringValue' && rest.length === 0) return true;
  if (argument?.kind === 'InvalidValue') return false;
  reporter.report('FL2020', argument === undefined ? value.span : argument.kind === 'StringValue' ? (rest[0] ?? argument).span : argument.span, `\`${source}(…)\` takes one string, ${parameterNoun[source]}`, {
    label: argument === undefined ? 'no name given' : argument.kind === 'StringValue' ? 'one argument too many' : `found ${argument.kind === 'Comparison' ? 'a comparison' : describeValue(argument)}`,
    help: source === 'ssm' ? `e.g. \`${entry.name.text} = ssm("/app/prod/${entry.name.text.toLowerCase()}")\`` : `e.g. \`${entry.name.text} = secret("app/${entry.name.text.toLowerCase().replaceAll('_', '-')}")\``,
  });
  return false;
}

/**
 * A block of tags: `key = "value"` entries, each key once (FL2009), values strings (FL2010: a
 * number is quoted by a suggested edit, since AWS tag values are text). AWS's rules for keys and
 * values (lengths, characters, the `aws:` prefix) are FL4055, checked later.
 */
function checkTags(setting: Setting, value: Value, reporter: Reporter): boolean {
  if (value.kind !== 'SettingsBlock') {
    reporter.report('FL2010', value.span, `\`${setting.name.text}\` must be ${expectedWords.tags}`, { label: `found ${describeValue(value)}` });
    return false;
  }
  let ok = true;
  const seen = new Map<string, Setting>();
  for (const entry of value.entries) {
    const key = entry.name.text;
    const first = seen.get(key);
    if (first !== undefined) {
      reporter.report('FL2009', entry.name.span, `the tag \`${key}\` is set twice`, {
        label: 'set again here',
        secondary: [{ span: first.name.span, message: 'first set here' }],
        help: 'keep one of the two',
      });
      ok = false;
      continue;
    }
    seen.set(key, entry);
    const v = entry.value;
    if (v.kind === 'StringValue' || v.kind === 'InvalidValue') {
      if (v.kind === 'InvalidValue') ok = false;
      continue;
    }
    const text = v.kind === 'NumberValue' ? v.raw : v.kind === 'BooleanValue' ? String(v.value) : v.kind === 'PathValue' ? v.text : undefined;
    const quoted = text === undefined ? undefined : JSON.stringify(text);
    reporter.report('FL2010', entry.call ? entry.span : v.span, `the value of the tag \`${key}\` must be a string`, {
      label: `found ${describeValue(v)}`,
      help: quoted === undefined ? 'a tag is `key = "value"`' : `tag values are text: write \`${quoted}\``,
      suggestions: quoted === undefined ? [] : [{ title: `write ${quoted}`, edits: [{ span: v.span, replacement: quoted }], applicability: 'machine-applicable' }],
    });
    ok = false;
  }
  return ok;
}

export function describeValue(value: Value): string {
  switch (value.kind) {
    case 'StringValue':
      return 'a string';
    case 'NumberValue':
      return Number.isInteger(value.value) ? `the number ${value.raw}` : `the number ${value.raw}`;
    case 'DurationValue':
      return `the duration ${value.raw}`;
    case 'BooleanValue':
      return `\`${value.value}\``;
    case 'PathValue':
      return `\`${value.text}\``;
    case 'ListValue':
      return 'a list';
    case 'SettingsBlock':
      return 'a block';
    case 'CallValue':
      return `\`${value.callee.text}(…)\``;
    case 'InvalidValue':
      return 'an invalid value';
  }
}
