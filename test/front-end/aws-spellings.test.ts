// Issue 12 §4: settings and values spelled as AWS spells them get a hint that says what to write
// in flowc (compiler/settings/aws-spellings.ts), and `memory = 512MB` is a size, not a duration
// (compiler/syntax/size-literal.ts).
import { describe, expect, test } from 'vitest';
import { compileText } from '../../compiler/program.js';

/** Each diagnostic of `flow` at `line` as `CODE message · help`. */
function said(flow: string, line: number): string[] {
  const { diagnostics } = compileText('t.flow', flow);
  return diagnostics.filter((d) => d.source.position(d.primary.span.start).line === line).map((d) => `${d.code} ${d.message} · ${d.help ?? ''}`);
}

const head = 'app a\ntype Job = { id: string }\n';

describe('AWS spellings of settings', () => {
  test.each([
    ['queue jobs: Job { FifoQueue = true }', "FL2008 unknown setting `FifoQueue` for a queue · `FifoQueue` is the AWS name; flowc's setting is `fifo`: write `fifo = true`"],
    ['queue jobs: Job { VisibilityTimeout = 30 }', "FL2008 unknown setting `VisibilityTimeout` for a queue · `VisibilityTimeout` is the AWS name; flowc's setting is `visibility`: write `visibility = 30s`"],
    ['queue jobs: Job { fifo = true, ContentBasedDeduplication = true }', "FL2008 unknown setting `ContentBasedDeduplication` for a queue · `ContentBasedDeduplication` is the AWS name; flowc's setting is `dedupe`: write `dedupe = content`"],
    ['fn work(Job) { MemorySize = 512 }', "FL2008 unknown setting `MemorySize` for a function · `MemorySize` is the AWS name; flowc's setting is `memory`: write `memory = 512`"],
    ['fn work(Job) { batch_size = 5 }', "FL2008 unknown setting `batch_size` for a function · `batch_size` is the AWS name; flowc's setting is `batch`, a setting of an edge: write `batch = 5`"],
  ])('%s', (line, expected) => {
    expect(said(`${head}${line}\n`, 3)).toEqual([expected]);
  });

  test('on an edge: BatchSize, batch_size, parallelization_factor, bisect_on_error', () => {
    const flow = `${head}stream s: Job { shards = 1, partition = id }\nfn t(Job)\ns -> t { start = latest, retries = 1, max_age = 1h, BatchSize = 10, batch_size = 5, parallelization_factor = 2, bisect_on_error = true }\n`;
    expect(said(flow, 5).map((text) => text.split(' · ')[1])).toEqual([
      "`BatchSize` is the AWS name; flowc's setting is `batch`: write `batch = 10`",
      "`batch_size` is the AWS name; flowc's setting is `batch`: write `batch = 5`",
      "`parallelization_factor` is the AWS name; flowc's setting is `parallel`: write `parallel = 2`",
      "`bisect_on_error` is the AWS name; flowc's setting is `bisect`: write `bisect = true`",
    ]);
  });

  // The schema and the spellings are looked up by the name as written: one of Object.prototype's
  // members is a name like any other (it crashed the compiler, FL9002).
  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('%s is an unknown setting, on a queue, a function and an edge', (name) => {
    const flow = `${head}queue jobs: Job { ${name} = 1 }\nfn work(Job) { ${name} = 1 }\njobs -> work { ${name} = 1 }\n`;
    const { diagnostics } = compileText('t.flow', flow);
    expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      `FL2008 unknown setting \`${name}\` for a queue`,
      `FL2008 unknown setting \`${name}\` for a function`,
      `FL2008 unknown setting \`${name}\` for an edge`,
    ]);
  });

  test('a name that is no AWS spelling keeps its did-you-mean', () => {
    expect(said(`${head}queue jobs: Job { visiblity = 30s }\n`, 3)).toEqual(['FL2008 unknown setting `visiblity` for a queue · did you mean `visibility`?']);
  });
});

describe('AWS spellings of values', () => {
  test.each([
    ['NEW_IMAGE', 'new'],
    ['new_image', 'new'],
    ['NEW_AND_OLD_IMAGES', 'new_and_old'],
    ['KEYS_ONLY', 'keys'],
  ])('stream = %s: write `stream = %s`', (value, word) => {
    const help = said(`${head}table t: Job { key = id, stream = ${value} }\n`, 3).find((text) => text.startsWith('FL2010'));
    expect(help).toBe(`FL2010 \`stream\` must be \`new_and_old\`, \`new\`, \`old\` or \`keys\` · \`${value}\` is the AWS value; flowc writes it \`stream = ${word}\``);
  });

  test('start = TRIM_HORIZON', () => {
    const flow = `${head}stream s: Job { shards = 1, partition = id }\nfn t(Job)\ns -> t { start = TRIM_HORIZON, retries = 1, max_age = 1h }\n`;
    expect(said(flow, 5).filter((text) => text.startsWith('FL2010'))).toEqual(['FL2010 `start` must be `latest`, `trim_horizon` or `at_timestamp` · `TRIM_HORIZON` is the AWS value; flowc writes it `start = trim_horizon`']);
  });
});

describe('sizes written with a unit', () => {
  test.each([
    ['memory = 512MB', 'FL1004 `512MB` is not a duration: `memory` is a whole number of MB, written without a unit · write `memory = 512`'],
    ['memory = 1GB', 'FL1004 `1GB` is not a duration: `memory` is a whole number of MB, written without a unit · write `memory = 1024`'],
  ])('fn work(Job) { %s }', (setting, expected) => {
    expect(said(`${head}fn work(Job) { ${setting} }\n`, 3)).toEqual([expected]);
  });

  test('max_size = 256KB is in bytes', () => {
    expect(said(`${head}queue jobs: Job { max_size = 256KB }\n`, 3)).toEqual(['FL1004 `256KB` is not a duration: `max_size` is a whole number of bytes, written without a unit · write `max_size = 262144`']);
  });

  test('a unit that is no size is still not a unit of duration', () => {
    expect(said(`${head}queue jobs: Job { visibility = 30sec }\n`, 3)[0]).toMatch(/^FL1004 `30sec` is not a duration: `sec` is not a unit · /);
  });
});
