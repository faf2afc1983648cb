import fc from 'fast-check';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { printReplayed } from '../../compiler/cli/build-replay.js';
import type * as Original from '../../compiler/cli/commands/build.js';
import { replayUnchangedBuild } from '../../compiler/cli/early-replay.js';
import { main } from '../../compiler/cli/main.js';
import { MemoryHost } from '../helpers/memory-host.js';

// Counts the builds that compiled: what a replay is there to avoid.
let compiled = 0;
vi.mock('../../compiler/cli/commands/build.js', async (importOriginal) => {
  const original = await importOriginal<typeof Original>();
  return {
    ...original,
    runBuild: (...args: Parameters<typeof original.runBuild>) => {
      compiled++;
      return original.runBuild(...args);
    },
  };
});

const FLOWS = [
  `app shop
type Order = { id: string, total: number }
queue orders: Order { dlq = orders_dead, max_receives = 5 }
queue orders_dead: Order
fn charge(Order)
orders -> charge
`,
  `app shop
type Order = { id: string, total: number }
queue orders: Order { dlq = orders_dead, max_receives = 5 }
queue orders_dead: Order
fn charge(Order) { memory = 512 }
fn refund(Order)
orders -> charge
orders_dead -> refund
`,
  // An error: nothing is written.
  `app shop
type Order = { id: string, total: number }
queue orders: Order { visibility = 99999h }
fn charge(Order)
orders -> charge
`,
];

const HANDLERS = [
  `import { charge, type ChargeHandler } from '../generated/flow.js';

export const handler: ChargeHandler = charge.eachMessage(async (order) => {
  console.log(order.id);
});
`,
  `export const main = async () => {};\n`,
  `export const handler = (;\n`,
];

function project(): MemoryHost {
  const host = new MemoryHost('/work/shop').addFile('shop.flow', FLOWS[0] as string);
  host.env.FLOWC_DEV_BUILD_ID = 'build-1';
  return host;
}

async function build(host: MemoryHost, ...extra: string[]): Promise<{ code: number; out: string; err: string }> {
  const [out, err] = [host.out.length, host.err.length];
  const code = await main(['build', 'shop.flow', '-o', 'out', ...extra], host);
  return { code, out: host.out.slice(out), err: host.err.slice(err) };
}

// Replays before the CLI is loaded, as bin/flowc.js does (early-replay.ts): counted here.
let early = 0;

/** A build as the launcher runs it: the early replay first, the CLI only when it finds no record that holds. */
async function launch(host: MemoryHost, argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const [out, err] = [host.out.length, host.err.length];
  const replayed = replayUnchangedBuild(argv, host);
  if (replayed !== undefined) {
    early++;
    printReplayed(host, replayed);
  }
  const code = replayed?.exitCode ?? (await main(argv, host));
  return { code, out: host.out.slice(out), err: host.err.slice(err) };
}

/** The record of the one command line built, split into its line of JSON and the printed bytes after it. */
function recordOf(host: MemoryHost): { path: string; record: { data: { probes: unknown[] } } & Record<string, unknown>; printed: Uint8Array } {
  const [path] = [...host.files.keys()].filter((p) => /\/\.flowc\/build-[\w-]{16}\.json$/.test(p));
  const bytes = host.files.get(path as string) as Uint8Array;
  const end = bytes.indexOf(0x0a);
  return { path: path as string, record: JSON.parse(new TextDecoder().decode(bytes.subarray(0, end))), printed: bytes.subarray(end + 1) };
}

function withRecord(host: MemoryHost, path: string, record: unknown, printed: Uint8Array): void {
  const line = new TextEncoder().encode(`${JSON.stringify(record)}\n`);
  const bytes = new Uint8Array(line.byteLength + printed.byteLength);
  bytes.set(line);
  bytes.set(printed, line.byteLength);
  host.addFile(path, bytes);
}

/** The files of a host but flowc's caches, as text. */
function tree(host: MemoryHost): Record<string, string> {
  return Object.fromEntries([...host.files].filter(([path]) => !path.includes('/.flowc/')).map(([path, bytes]) => [path, new TextDecoder().decode(bytes)]).sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1)));
}

describe('an unchanged rebuild is replayed', () => {
  beforeEach(() => {
    compiled = 0;
    early = 0;
  });

  test('once nothing changes, a build prints what the last one did and compiles nothing', async () => {
    const host = project();
    await build(host); // creates the stub, the module, the template
    await build(host); // reads what the first one wrote: records a build that changed nothing
    compiled = 0;
    const before = tree(host);
    const third = await build(host);
    const fourth = await build(host);
    expect(compiled).toBe(0);
    expect(third).toEqual(fourth);
    expect(third.code).toBe(0);
    expect(third.err).toMatch(/template: out\/template\.yaml/);
    expect(third.out).toMatch(/FL6003/);
    expect(tree(host)).toEqual(before);
  });

  test.each([
    ['the .flow file changes', (host: MemoryHost) => host.addFile('shop.flow', FLOWS[1] as string)],
    ['a handler changes', (host: MemoryHost) => host.addFile('handlers/charge.ts', HANDLERS[0] as string)],
    ['a file appears in the handlers folder', (host: MemoryHost) => host.addFile('handlers/old.ts', HANDLERS[0] as string)],
    ['a template is removed', (host: MemoryHost) => host.removeFile('/work/shop/out/template.yaml')],
    ['the generated module is edited', (host: MemoryHost) => host.addFile('generated/flow.ts', `${host.text('generated/flow.ts') ?? ''}// mine\n`)],
  ])('the build runs again when %s', async (_what, change) => {
    const host = project();
    await build(host);
    await build(host);
    change(host);
    compiled = 0;
    await build(host);
    expect(compiled).toBe(1);
  });

  test('`--no-cache` neither replays nor writes a cache', async () => {
    const host = project();
    await build(host, '--no-cache');
    await build(host, '--no-cache');
    expect([...host.files.keys()].filter((path) => path.includes('/.flowc/'))).toEqual([]);
    await build(host);
    await build(host);
    compiled = 0;
    await build(host, '--no-cache');
    expect(compiled).toBe(1);
  });

  test('the records of the last 8 command lines are kept, the others removed', async () => {
    const host = project();
    for (let i = 0; i < 10; i++) await build(host, '--generated', `gen${i}`);
    const records = () => [...host.files.keys()].filter((path) => /\/\.flowc\/build-/.test(path));
    expect(records()).toHaveLength(8);
    host.env.FLOWC_DEV_BUILD_ID = 'build-2';
    await build(host);
    // Another build of flowc: its index starts anew, and the older build's records go.
    expect(records()).toHaveLength(1);
  });

  test('each command line has its own record', async () => {
    const host = project();
    for (const format of ['yaml', 'json', 'yaml', 'json']) await build(host, '--format', format);
    compiled = 0;
    await build(host, '--format', 'json');
    await build(host, '--format', 'yaml');
    expect(compiled).toBe(0);
  });

  test('`--type-check` always runs, and records of another build of flowc or malformed ones are not used', async () => {
    const host = project();
    await build(host);
    await build(host);
    compiled = 0;
    await build(host, '--type-check');
    expect(compiled).toBe(1);
    host.env.FLOWC_DEV_BUILD_ID = 'build-2';
    await build(host);
    expect(compiled).toBe(2);
    await build(host);
    compiled = 0;
    const { path, record, printed } = recordOf(host);
    record.data.probes.push({ op: 'read', path: 3 });
    withRecord(host, path, record, printed);
    await build(host);
    expect(compiled).toBe(1);
  });

  test('what a build printed is kept as bytes after the record, and bytes that are not those it describes void it', async () => {
    const host = project();
    await build(host);
    const second = await build(host);
    const { path, record, printed } = recordOf(host);
    expect(new TextDecoder().decode(printed)).toBe(second.out + second.err);
    compiled = 0;
    withRecord(host, path, record, printed.subarray(0, printed.byteLength - 1));
    await build(host);
    expect(compiled).toBe(1);
    const changed = Uint8Array.from(printed);
    changed[0] = (changed[0] as number) ^ 1;
    withRecord(host, path, record, changed);
    await build(host);
    expect(compiled).toBe(2);
  });
});

describe('the launcher replays an unchanged build before it loads the CLI', () => {
  const argv = ['build', 'shop.flow', '-o', 'out'];

  beforeEach(() => {
    compiled = 0;
    early = 0;
  });

  test('it prints what the CLI would, and leaves the files as they were', async () => {
    const host = project();
    await build(host);
    await build(host);
    compiled = 0;
    const before = tree(host);
    const cli = await build(host);
    const launched = await launch(host, argv);
    expect(early).toBe(1);
    expect(compiled).toBe(0);
    expect(launched).toEqual(cli);
    expect(tree(host)).toEqual(before);
  });

  test('any order of the words finds the record: options before or after the files, with values that are words', async () => {
    const host = project();
    for (const line of [['build', '-o', 'out', 'shop.flow'], ['build', '--format', 'json', 'shop.flow', '-o', 'out'], ['--debug', 'build', 'shop.flow', '--out=out']]) {
      await main(line, host);
      await main(line, host);
      compiled = 0;
      const replayed = await launch(host, line);
      expect([compiled, replayed.code]).toEqual([0, 0]);
    }
    expect(early).toBe(3);
  });

  test('`--no-cache`, `--type-check`, another command and another build of flowc are not replayed', async () => {
    const host = project();
    for (const extra of [[], ['--no-cache'], ['--type-check']]) {
      await build(host, ...extra);
      await build(host, ...extra);
    }
    expect(replayUnchangedBuild([...argv, '--no-cache'], host)).toBeUndefined();
    expect(replayUnchangedBuild([...argv, '--type-check'], host)).toBeUndefined();
    expect(replayUnchangedBuild(['check', 'shop.flow', 'build'], host)).toBeUndefined();
    expect(replayUnchangedBuild(argv, host)).toBeDefined();
    host.env.FLOWC_DEV_BUILD_ID = 'build-2';
    expect(replayUnchangedBuild(argv, host)).toBeUndefined();
    host.env.FLOWC_DEV_BUILD_ID = undefined;
    expect(replayUnchangedBuild(argv, host)).toBeUndefined();
  });

  test('a record is used only from where its own first .flow file puts it', async () => {
    const host = project();
    host.addFile('other/x.flow', FLOWS[0] as string);
    const line = ['build', 'other/x.flow', '-o', 'out'];
    await main(line, host);
    await main(line, host);
    expect(replayUnchangedBuild(line, host)).toBeDefined();
    // The record moved to where another word of the command line (`out`) points: the CLI would not look there.
    const { path, record, printed } = recordOf(host);
    host.removeFile(path);
    withRecord(host, path.replace('/work/shop/other/.flowc/', '/work/shop/.flowc/'), record, printed);
    expect(replayUnchangedBuild(line, host)).toBeUndefined();
    withRecord(host, path, record, printed);
    expect(replayUnchangedBuild(line, host)).toBeDefined();
  });

  test('a replayed build ends as a cold build of the same files would (random edits)', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('flow' as const), index: fc.nat(FLOWS.length - 1) }),
      fc.record({ kind: fc.constant('handler' as const), index: fc.nat(HANDLERS.length - 1), name: fc.constantFrom('charge', 'refund', 'old') }),
      fc.record({ kind: fc.constant('remove' as const), path: fc.constantFrom('out/template.yaml', 'out/template.json', 'generated/flow.ts', 'handlers/charge.ts') }),
      fc.record({ kind: fc.constant('format' as const), format: fc.constantFrom('yaml', 'json') }),
      fc.record({ kind: fc.constant('nothing' as const) }),
    );
    let replays = 0;
    const launched = fc.record({ launcher: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(step, launched).map(([s, l]) => ({ ...s, ...l })), { minLength: 1, maxLength: 6 }), async (steps) => {
        const incremental = project();
        let format = 'yaml';
        await build(incremental);
        for (const s of steps) {
          if (s.kind === 'flow') incremental.addFile('shop.flow', FLOWS[s.index] as string);
          if (s.kind === 'handler') incremental.addFile(`handlers/${s.name}.ts`, HANDLERS[s.index] as string);
          if (s.kind === 'remove' && incremental.files.has(`/work/shop/${s.path}`)) incremental.removeFile(`/work/shop/${s.path}`);
          if (s.kind === 'format') format = s.format;
          // A cold build: the same files, without flowc's caches.
          const cold = new MemoryHost('/work/shop');
          for (const [path, content] of Object.entries(tree(incremental))) cold.addFile(path, content);
          const expected = await build(cold, '--format', format);
          const before = compiled;
          // Half of the builds as the launcher runs them (the early replay first), half by the CLI alone.
          const got = s.launcher ? await launch(incremental, ['build', 'shop.flow', '-o', 'out', '--format', format]) : await build(incremental, '--format', format);
          if (compiled === before) replays++;
          expect(got).toEqual(expected);
          expect(tree(incremental)).toEqual(tree(cold));
        }
      }),
      // A fixed seed: the count of replays below depends on the steps drawn.
      { numRuns: 25, seed: 2026 },
    );
    // The property is about replays: many of the builds must have been ones, by the launcher too.
    expect(replays).toBeGreaterThan(10);
    expect(early).toBeGreaterThan(5);
  });
});
