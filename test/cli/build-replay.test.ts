import fc from 'fast-check';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type * as Original from '../../compiler/cli/commands/build.js';
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

/** The files of a host but flowc's caches, as text. */
function tree(host: MemoryHost): Record<string, string> {
  return Object.fromEntries([...host.files].filter(([path]) => !path.includes('/.flowc/')).map(([path, bytes]) => [path, new TextDecoder().decode(bytes)]).sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1)));
}

describe('an unchanged rebuild is replayed', () => {
  beforeEach(() => {
    compiled = 0;
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
    const [recordFile] = [...host.files.keys()].filter((path) => /\/\.flowc\/build-[\w-]{16}\.json$/.test(path));
    const record = JSON.parse(host.text(recordFile as string) ?? '{}') as { data: { probes: unknown[] } };
    record.data.probes.push({ op: 'read', path: 3 });
    host.addFile(recordFile as string, JSON.stringify(record));
    await build(host);
    expect(compiled).toBe(1);
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
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
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
          const got = await build(incremental, '--format', format);
          if (compiled === before) replays++;
          expect(got).toEqual(expected);
          expect(tree(incremental)).toEqual(tree(cold));
        }
      }),
      { numRuns: 25 },
    );
    // The property is about replays: many of the builds must have been ones.
    expect(replays).toBeGreaterThan(10);
  });
});
