// Incremental builds: `flowc watch`'s memory (compiler/cli/build-memory.ts) and `flowc build`'s
// printed texts in .flowc/ (compiler/cli/printed-cache.ts) end exactly as a cold build would.
import fc from 'fast-check';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { BuildMemory } from '../../compiler/cli/build-memory.js';
import { runBuild } from '../../compiler/cli/commands/build.js';
import { runCheck } from '../../compiler/cli/commands/check.js';
import { main } from '../../compiler/cli/main.js';
import { MemoryTexts } from '../../compiler/cli/printed-cache.js';
import { generateFlow } from '../../bench/generate.js';
import { MemoryHost } from '../helpers/memory-host.js';

const BASE = `app shop
type Order = { id: string, total: number }
bus events
queue orders: Order { dlq = orders_dead, max_receives = 5 }
queue orders_dead: Order
fn charge(Order) { sends = [events] }
fn audit(Order)
orders -> charge
events -> audit { match { detail_type = "Charged" } }
`;

/** Edits of one line or a few: moving every statement, a setting, an error of syntax, of a pattern (reported by resolve), a stage. */
const FLOWS = [
  BASE,
  `# a comment that moves every statement\n${BASE}`,
  BASE.replace('max_receives = 5', 'max_receives = 7'),
  BASE.replace('fn audit(Order)', 'fn audit(Order) { memory = 512 }'),
  `${BASE}fn refund(Order)\norders_dead -> refund\n`,
  BASE.replace('queue orders_dead: Order', 'queue orders_dead: Order {'),
  BASE.replace('detail_type = "Charged"', 'detail_type = "Charged", detail_type = "Paid"'),
  // The same mistake, another line edited: the pattern's statement is reused, and must be reported again.
  BASE.replace('detail_type = "Charged"', 'detail_type = "Charged", detail_type = "Paid"').replace('max_receives = 5', 'max_receives = 6'),
  BASE.replace('max_receives = 5', 'max_receives = 5000'),
  `${BASE}stage prod { memory = 1024 }\n`,
];

const HANDLERS = [
  `import { charge, type ChargeHandler } from '../generated/flow.js';

export const handler: ChargeHandler = charge.eachMessage(async (order) => {
  await charge.sends.events.put(order, { detailType: 'Charged' });
});
`,
  `export const main = async () => {};\n`,
  `export const handler = (;\n`,
];

/** The files of a host but flowc's caches, as text. */
function tree(host: MemoryHost): Record<string, string> {
  return Object.fromEntries([...host.files].filter(([path]) => !path.includes('/.flowc/')).map(([path, bytes]) => [path, new TextDecoder().decode(bytes)]).sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1)));
}

/** A host with the same files (caches left out), for the cold build to compare with. */
function coldCopy(host: MemoryHost): MemoryHost {
  const cold = new MemoryHost(host.cwd);
  for (const [path, content] of Object.entries(tree(host))) cold.addFile(path, content);
  return cold;
}

async function captured(host: MemoryHost, run: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const [out, err] = [host.out.length, host.err.length];
  const code = await run();
  return { code, out: host.out.slice(out), err: host.err.slice(err) };
}

/**
 * Runs of each property: a few dozen in the quick suite; `node scripts/fuzz-incremental.js`
 * runs many more with another seed (FLOWC_INCREMENTAL_RUNS, FLOWC_INCREMENTAL_SEED).
 */
const scaled = (runs: number) => ({ numRuns: Number(process.env.FLOWC_INCREMENTAL_RUNS ?? runs), seed: Number(process.env.FLOWC_INCREMENTAL_SEED ?? 2026) });

const buildOptions = (format: 'yaml' | 'json') => ({ outDir: 'out', templateFormat: format, diagnosticFormat: 'pretty' as const, denyWarnings: false, generatedDir: 'generated', typescript: true });

const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flow' as const), index: fc.nat(FLOWS.length - 1) }) },
  fc.record({ kind: fc.constant('handler' as const), index: fc.nat(HANDLERS.length - 1), name: fc.constantFrom('charge', 'audit', 'old') }),
  fc.record({ kind: fc.constant('remove' as const), path: fc.constantFrom('out/template.yaml', 'out/template.json', 'generated/flow.ts', 'handlers/audit.ts') }),
  fc.record({ kind: fc.constant('format' as const), format: fc.constantFrom('yaml' as const, 'json' as const) }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function apply(host: MemoryHost, s: Step): void {
  if (s.kind === 'flow') host.addFile('shop.flow', FLOWS[s.index] as string);
  if (s.kind === 'handler') host.addFile(`handlers/${s.name}.ts`, HANDLERS[s.index] as string);
  if (s.kind === 'remove' && host.files.has(`/work/shop/${s.path}`)) host.removeFile(`/work/shop/${s.path}`);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("flowc watch's memory", () => {
  test('a build from memory prints and leaves what a cold build of the same files does (random edits)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const incremental = new MemoryHost('/work/shop').addFile('shop.flow', BASE);
        const memory = new BuildMemory();
        let format: 'yaml' | 'json' = 'yaml';
        await runBuild(incremental, ['shop.flow'], { ...buildOptions(format), memory });
        for (const s of steps) {
          apply(incremental, s);
          if (s.kind === 'format') format = s.format;
          const cold = coldCopy(incremental);
          const expected = await captured(cold, () => runBuild(cold, ['shop.flow'], buildOptions(format)));
          const got = await captured(incremental, () => runBuild(incremental, ['shop.flow'], { ...buildOptions(format), memory }));
          expect(got).toEqual(expected);
          expect(tree(incremental)).toEqual(tree(cold));
        }
      }),
      scaled(30),
    );
  });

  test('a check from memory reports what a cold check does (random edits)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(FLOWS.length - 1), { minLength: 1, maxLength: 12 }), async (indexes) => {
        const incremental = new MemoryHost('/work/shop').addFile('shop.flow', BASE).addFile('handlers/charge.ts', HANDLERS[0] as string);
        const memory = new BuildMemory();
        for (const index of indexes) {
          incremental.addFile('shop.flow', FLOWS[index] as string);
          const cold = coldCopy(incremental);
          const expected = await captured(cold, () => runCheck(cold, ['shop.flow'], { format: 'short', denyWarnings: false }));
          const got = await captured(incremental, () => runCheck(incremental, ['shop.flow'], { format: 'short', denyWarnings: false, memory }));
          expect(got).toEqual(expected);
        }
      }),
      // Enough runs that consecutive edits share statements with diagnostics of resolve (FLOWS 6 and 7).
      scaled(60),
    );
  });

  test('a mistake in a pattern is reported again by a compile from memory', () => {
    const memory = new BuildMemory();
    const bytes = new TextEncoder().encode(FLOWS[6] as string);
    const first = memory.compile('shop.flow', bytes).diagnostics.map((d) => d.code);
    expect(first).toContain('FL2009');
    // Another edit elsewhere, same length: every statement is reused, the pattern's included.
    const edited = new TextEncoder().encode((FLOWS[6] as string).replace('max_receives = 5', 'max_receives = 6'));
    expect(memory.compile('shop.flow', edited).diagnostics.map((d) => d.code)).toEqual(first);
  });

  test('after a one-line edit, only the nested stacks that changed are printed and written', async () => {
    // 200 functions: a root template and several nested stacks.
    const text = generateFlow(200);
    const host = new MemoryHost('/work/bench').addFile('app.flow', text);
    const memory = new BuildMemory();
    await runBuild(host, ['app.flow'], { ...buildOptions('yaml'), memory });
    const templates = [...host.files.keys()].filter((path) => path.startsWith('/work/bench/out/'));
    expect(templates.length).toBeGreaterThan(3);

    const printed = vi.spyOn(MemoryTexts.prototype, 'set');
    const written = vi.spyOn(host, 'writeFileAtomic');
    const edited = text.replace('memory = 256', 'memory = 320');
    host.addFile('app.flow', edited);
    const got = await captured(host, () => runBuild(host, ['app.flow'], { ...buildOptions('yaml'), memory }));
    const changed = written.mock.calls.map(([path]) => path).filter((path) => path.startsWith('/work/bench/out/'));
    // The function's stack (and the root, were its resources changed): not all of them.
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(templates.length);
    expect(printed.mock.calls).toHaveLength(changed.length);

    const cold = coldCopy(host);
    expect(got).toEqual(await captured(cold, () => runBuild(cold, ['app.flow'], buildOptions('yaml'))));
    expect(tree(host)).toEqual(tree(cold));
  });

  test('after a handler edit, the flow is neither compiled nor emitted again', async () => {
    const host = new MemoryHost('/work/shop').addFile('shop.flow', BASE);
    const memory = new BuildMemory();
    await runBuild(host, ['shop.flow'], { ...buildOptions('json'), memory });
    const compile = vi.spyOn(memory, 'compile');
    const parse = vi.spyOn(JSON, 'stringify');
    host.addFile('handlers/charge.ts', HANDLERS[0] as string);
    const got = await captured(host, () => runBuild(host, ['shop.flow'], { ...buildOptions('json'), memory }));
    // Asked for, and given from memory: the template is not printed (one JSON.stringify) again.
    expect(compile).toHaveBeenCalledTimes(1);
    expect(parse.mock.calls.filter(([value]) => typeof value === 'object' && value !== null && 'Resources' in value)).toEqual([]);
    parse.mockRestore();
    const cold = coldCopy(host);
    expect(got).toEqual(await captured(cold, () => runBuild(cold, ['shop.flow'], buildOptions('json'))));
    expect(tree(host)).toEqual(tree(cold));
  });
});

describe("flowc build's caches", () => {
  const project = () => {
    const host = new MemoryHost('/work/shop').addFile('shop.flow', BASE);
    host.env.FLOWC_DEV_BUILD_ID = 'build-1';
    return host;
  };
  const build = (host: MemoryHost, ...extra: string[]) => captured(host, () => main(['build', 'shop.flow', '-o', 'out', ...extra], host));

  // The replay, the handlers' facts, and outputs that hold their bytes already left unwritten.
  test('a build with the caches of .flowc/ prints and leaves what a cold build does (random edits)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const incremental = project();
        let format: 'yaml' | 'json' = 'yaml';
        await build(incremental);
        for (const s of steps) {
          apply(incremental, s);
          if (s.kind === 'format') format = s.format;
          const cold = coldCopy(incremental);
          const expected = await build(cold, '--format', format, '--no-cache');
          expect(await build(incremental, '--format', format)).toEqual(expected);
          expect(tree(incremental)).toEqual(tree(cold));
        }
      }),
      scaled(20),
    );
  });
});
