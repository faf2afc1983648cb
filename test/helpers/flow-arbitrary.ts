import fc from 'fast-check';

/**
 * Random .flow programs built from the grammar, for the front end's fuzz test
 * (test/property/front-end.prop.test.ts) and its long run (scripts/fuzz-front-end.js): a few
 * names of each kind, so that references resolve and chains meet; declarations with nested
 * (and sometimes recursive) types and settings; chains with ports, self-loops and cycles;
 * `app` usually first. `size` scales the counts, for the long run's larger inputs.
 */

const functions = ['f0', 'f1', 'f2', 'f3', 'f4'];
const queues = ['q0', 'q1', 'q2'];
const topics = ['t0', 't1'];
const buses = ['b0'];
const streams = ['s0'];
const tables = ['d0'];
const schedules = ['c0'];
const apis = ['a0'];
const buckets = ['k0'];
const types = ['T0', 'T1', 'T2', 'T3'];
const resources = [...queues, ...topics, ...buses, ...streams, ...tables, ...schedules, ...apis, ...buckets];
const everything = [...functions, ...resources, 'nope'];
const fields = ['id', 'customer', 'total', 'at', 'items', 'nope'];

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);

/** A type expression, nested up to `depth` (records, arrays, unions, parentheses, records of destinations). */
const typeExpr: fc.Arbitrary<string> = fc.letrec<{ type: string }>((tie) => ({
  type: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'type' },
    pick(['string', 'int', 'number', 'boolean', 'timestamp', 'unknown_type', ...types]),
    fc.array(pick(['"card"', '"invoice"', '"x"', '""']), { minLength: 1, maxLength: 4 }).map((ls) => ls.join(' | ')),
    fc.tuple(pick(['success', 'failure', 'list']), pick(functions)).map(([c, f]) => `${c}<${f}>`),
    tie('type').map((t) => `${t}[]`),
    tie('type').map((t) => `(${t})`),
    fc.tuple(tie('type'), tie('type')).map(([a, b]) => `${a} | ${b}`),
    fc
      .array(fc.tuple(pick(fields), fc.boolean(), tie('type')), { maxLength: 4 })
      .map((fs) => `{ ${fs.map(([n, optional, t]) => `${n}${optional ? '?' : ''}: ${t}`).join(', ')} }`),
  ),
})).type;

const value = fc.oneof(
  pick(['256', '1024', '0', '-1', '10', '10000', '30s', '5m', '1h', '15m', '0s', '1.5', 'true', 'false', '"handlers/x.ts"', '"../x"', 'latest', 'allow', 'content', 'per_group']),
  pick([...everything, ...fields]),
  fc.array(pick(everything), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
  // The forms of schedules, APIs, buckets, existing resources, parameters and secrets.
  pick([
    '"0 3 * * ? *"', '"0 18 L * ? *"', '"*/5 * * * ? *"', '"0 9 ? * MON#2 *"', '"bad cron"', '"Europe/Berlin"', '"Mars/Olympus"',
    '"POST /orders"', '"GET /orders/{id}"', '"$default"', '"GET /a/{id}/{id}"', '["https://shop.example"]', '["*"]', '[created, removed]',
    '[restored, nope]', '"in/"', '".csv"', '"arn:aws:sqs:eu-west-1:123456789012:legacy"', '"arn:aws:sns:eu-west-1:123456789012:t.fifo"',
    '"arn:nope"', 'ssm("/app/key")', 'secret("db")', 'disabled', 'enabled', '{ source = "x", every = "1h" }', '{ }',
  ]),
);

const settingNames = [
  'memory', 'timeout', 'runtime', 'handler', 'retries', 'max_age', 'concurrency', 'sends', 'recursion', 'fifo', 'group', 'dedupe',
  'visibility', 'retention', 'delay', 'dlq', 'max_receives', 'shards', 'partition', 'key', 'sort', 'stream', 'batch', 'window',
  'parallel', 'bisect', 'start', 'on_failure', 'raw', 'report_failures', 'nope',
  'cron', 'every', 'timezone', 'input', 'state', 'cors', 'route', 'versioned', 'retain', 'events', 'prefix', 'suffix', 'arn', 'region', 'account',
];

const setting = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(pick(settingNames), value).map(([n, v]) => `${n} = ${v}`) },
  { weight: 1, arbitrary: fc.tuple(pick(['source', 'detail_type', 'status']), pick(['"shop"', '["A", "B"]', '{ prefix = "a" }'])).map(([k, v]) => `match { ${k} = ${v}, detail { status = "failed" } }`) },
  { weight: 1, arbitrary: pick(['env { STAGE = "prod", N = 3 }', 'env { }', 'env { KEY = ssm("/k"), DB = secret("db") }']) },
  { weight: 1, arbitrary: pick(['tags { team = "shop" }', 'tags { }', 'tags { "aws:x" = "y" }']) },
  {
    weight: 1,
    arbitrary: fc.tuple(pick(['filter', 'match']), pick(fields), pick(['"vip"', 'prefix("vip-")', 'numeric(> 100)', 'wildcard("a*")', 'cidr("10.0.0.0/8")', 'exists(false)', '["a", 1]']))
      .map(([block, field, condition]) => `${block} { ${field} = ${condition} }`),
  },
);

const settingsBlock = fc.option(fc.array(setting, { minLength: 0, maxLength: 4 }).map((ss) => ` { ${ss.join(', ')} }`), { nil: '' });

const declaration = fc.oneof(
  fc.tuple(pick(types), typeExpr).map(([n, t]) => `type ${n} = ${t}`),
  fc.tuple(pick(functions), fc.option(typeExpr, { nil: undefined }), fc.option(typeExpr, { nil: undefined }), settingsBlock).map(
    ([n, input, output, s]) => `fn ${n}${input === undefined ? '' : `(${input})`}${output === undefined ? '' : ` -> ${output}`}${s}`,
  ),
  // A stage block: app-level settings and overrides of a declaration's.
  fc.tuple(pick(['dev', 'prod', 'app', 'nope']), settingsBlock, fc.option(fc.tuple(pick(everything), settingsBlock), { nil: undefined })).map(
    ([name, s, override]) => `stage ${name}${override === undefined ? s : ` { ${override[0]}${override[1] || ' { }'} }`}`,
  ),
  fc.tuple(pick(['queue', 'topic', 'bus', 'stream', 'table', 'schedule', 'api', 'bucket'] as const), fc.option(typeExpr, { nil: undefined }), settingsBlock).chain(([kind, t, s]) => {
    const names = { queue: queues, topic: topics, bus: buses, stream: streams, table: tables, schedule: schedules, api: apis, bucket: buckets }[kind];
    return pick(names).map((n) => `${kind} ${n}${t === undefined ? '' : `: ${t}`}${s}`);
  }),
);

const endpoint = fc.tuple(pick(everything), fc.constantFrom('', '', '', '.success', '.failure', '.nope')).map(([n, port]) => `${n}${port}`);

const chain = fc.oneof(
  fc.array(endpoint, { minLength: 2, maxLength: 5 }).chain((path) => settingsBlock.map((s) => path.join(' -> ') + s)),
  // Self-loops and cycles, which inference and the loop rule must get through.
  pick(functions).map((f) => `${f} -> ${f}`),
  fc.tuple(pick(functions), pick([...queues, ...topics, ...buses]), pick(functions)).map(([a, r, b]) => `${a} -> ${r} -> ${b} -> ${a}`),
  fc.tuple(pick(topics), pick(functions)).map(([t, f]) => `${t} -> ${f} -> ${f}`),
);

/** A program: usually an `app` first, then declarations and chains in any order. */
export function flowProgram(size = 1): fc.Arbitrary<string> {
  const statement = fc.oneof({ weight: 3, arbitrary: declaration }, { weight: 2, arbitrary: chain });
  const header = fc.constantFrom('app shop\n', 'app shop\n', 'app shop\n', 'app shop { memory = 256 }\n', '', 'app a\napp b\n');
  return fc
    .tuple(header, fc.array(statement, { maxLength: 24 * size }), fc.constantFrom('\n', ' ', '\t', '\r\n'))
    .map(([head, statements, separator]) => head + statements.join(separator === ' ' ? '\n' : `${separator === '\t' ? '\t' : ''}\n`) + '\n');
}

/** Words and symbols of the language, so random soup often gets deep into the grammar. */
export const vocabulary = [
  'app', 'type', 'fn', 'queue', 'topic', 'bus', 'stream', 'table', 'schedule', 'api', 'bucket', 'stage', 'success', 'failure', 'true', 'false',
  'x', 'Order', 'charge', '->', '{', '}', '[', ']', '(', ')', '<', '>', ',', ':', '=', '.', '?', '|', '\n', ' ',
  '"s"', '"', '10', '-1', '0.5', '30s', '5min', '1.5h', '#', 'batch', 'fifo', 'dlq', 'env', '\u2192', '\t', '\\',
  'cron', 'every', 'route', 'events', 'filter', 'match', 'tags', 'arn', 'ssm', 'secret', '"POST /x"', '"0 3 * * ? *"',
];

export const tokenSoup = (maxLength = 60) => fc.array(fc.constantFrom(...vocabulary), { maxLength }).map((words) => words.join(' '));

/** Edits of a text: deletions, insertions of a word of the vocabulary, duplications of a stretch. */
export function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    kind: fc.constantFrom('delete', 'insert', 'duplicate'),
    length: fc.integer({ min: 1, max: 12 }),
    text: fc.constantFrom(...vocabulary),
  });
  return fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([text, edits]) => {
    let out = text;
    for (const e of edits) {
      const at = Math.floor(e.at * out.length);
      if (e.kind === 'delete') out = out.slice(0, at) + out.slice(at + e.length);
      else if (e.kind === 'insert') out = out.slice(0, at) + e.text + out.slice(at);
      else out = out.slice(0, at) + out.slice(at, at + e.length).repeat(2) + out.slice(at + e.length);
    }
    return out;
  });
}
