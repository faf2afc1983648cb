import { beforeEach, describe, expect, test, vi } from 'vitest';
import { main } from '../../compiler/cli/main.js';
import type * as Original from '../../compiler/handlers/read-facts.js';
import { MemoryHost } from '../helpers/memory-host.js';

// Counts the handler files parsed with ts-morph: what the cache is there to avoid.
const parsed: string[] = [];
vi.mock('../../compiler/handlers/read-facts.js', async (importOriginal) => {
  const original = await importOriginal<typeof Original>();
  return {
    readHandlerFacts: (files: readonly { path: string; text: string }[]) => {
      parsed.push(...files.map((f) => f.path));
      return original.readHandlerFacts(files);
    },
  };
});

const FLOW = `app shop
type Order = { id: string, total: number }
bus events
queue orders: Order { dlq = orders_dead, max_receives = 5 }
queue orders_dead: Order
fn charge(Order) { sends = [events] }
fn refund(Order)
fn audit(Order)
orders -> charge
orders_dead -> refund
events -> audit { match { detail_type = "Charged" } }
`;

const CHARGE = `import { charge, type ChargeHandler } from '../generated/flow.js';

export const handler: ChargeHandler = charge.eachMessage(async (order) => {
  await charge.sends.events.put(order, { detailType: 'Chraged' });
});
`;
const BROKEN = `export const handler = (;\n`;
const ORPHAN = `export const handler = async () => {};\n`;
const CACHE = '/work/shop/.flowc/shop.flow.handlers.json';

function project(): MemoryHost {
  const host = new MemoryHost('/work/shop').addFile('shop.flow', FLOW).addFile('handlers/charge.ts', CHARGE).addFile('handlers/refund.ts', BROKEN).addFile('handlers/old.ts', ORPHAN);
  host.env.FLOWC_DEV_BUILD_ID = 'build-1';
  return host;
}

/** A build, with the diagnostics it printed (`--diagnostics short`: one line each, on stdout). */
async function build(host: MemoryHost): Promise<{ code: number; err: string }> {
  const before = host.out.length;
  const code = await main(['build', 'shop.flow', '-o', 'out', '--diagnostics', 'short'], host);
  return { code, err: host.out.slice(before) };
}

describe('the cache of the handlers\' facts', () => {
  beforeEach(() => {
    parsed.length = 0;
  });

  test('a second build parses no handler, and reports exactly what the first did', async () => {
    const host = project();
    const first = await build(host);
    // charge, refund (a syntax error) and the orphan; audit's fresh stub is judged from the
    // stub's layout (handlers/stub-facts.ts), not parsed.
    expect(parsed.sort()).toEqual(['/work/shop/handlers/charge.ts', '/work/shop/handlers/old.ts', '/work/shop/handlers/refund.ts']);
    expect(first.err).toMatch(/handlers\/audit\.ts:\d+:\d+: warning FL6003/);
    expect(first.err).toMatch(/FL6008/);
    expect(first.err).toMatch(/FL6005/);
    expect(first.err).toMatch(/FL6004/);
    expect(first.err).toMatch(/FL6003/);
    parsed.length = 0;
    const second = await build(host);
    expect(parsed).toEqual([]);
    expect(second).toEqual(first);
  });

  test('an edited handler is the only one parsed again', async () => {
    const host = project();
    await build(host);
    parsed.length = 0;
    host.addFile('handlers/charge.ts', CHARGE.replace('Chraged', 'Charged'));
    const after = await build(host);
    expect(parsed).toEqual(['/work/shop/handlers/charge.ts']);
    expect(after.err).toMatch(/FL6005/);
    expect(after.err).not.toMatch(/FL6008/);
  });

  test('the judgement follows the flow, not the cache: a flow edit changes the diagnostics of an unchanged handler', async () => {
    const host = project();
    await build(host);
    parsed.length = 0;
    host.addFile('shop.flow', FLOW.replace('detail_type = "Charged"', 'detail_type = "Chraged"'));
    const after = await build(host);
    expect(parsed).toEqual([]);
    expect(after.err).toMatch(/FL6005/);
    expect(after.err).not.toMatch(/FL6008/);
  });

  test('a cache written by another build of flowc is ignored', async () => {
    const host = project();
    await build(host);
    parsed.length = 0;
    host.env.FLOWC_DEV_BUILD_ID = 'build-2';
    await build(host);
    expect(parsed).toHaveLength(3);
    expect(JSON.parse(host.text(CACHE) ?? '{}').flowc).toBe('build-2');
  });

  test('a cache with one malformed entry is not trusted at all', async () => {
    const host = project();
    const first = await build(host);
    const cache = JSON.parse(host.text(CACHE) ?? '{}') as { data: Record<string, { stubThrows: unknown[] }> };
    const [hash] = Object.keys(cache.data);
    cache.data[hash as string] = { ...cache.data[hash as string], stubThrows: [{ start: -1, end: 'x', text: 3 }] } as never;
    host.addFile(CACHE, JSON.stringify(cache));
    // The cache is not an input of the build (a replay does not look at it): the flow changes
    // (a blank line at its end) so that the build runs and reads the cache.
    let edits = 0;
    const touchFlow = () => host.addFile('shop.flow', `${FLOW}${'\n'.repeat(++edits)}`);
    touchFlow();
    parsed.length = 0;
    const second = await build(host);
    expect(parsed).toHaveLength(3);
    expect(second).toEqual(first);
    for (const text of ['not json', '{"format":"flowc handler facts","flowc":"build-1","data":[]}', 'null']) {
      host.addFile(CACHE, text);
      touchFlow();
      parsed.length = 0;
      expect(await build(host)).toEqual(first);
      expect(parsed).toHaveLength(3);
    }
  });

  test('a file at the cache\'s path that flowc did not write is never replaced', async () => {
    const host = project().addFile(CACHE, 'my notes\n');
    await build(host);
    expect(host.text(CACHE)).toBe('my notes\n');
  });

  test('`flowc check` reads the cache and never writes it', async () => {
    const host = project();
    expect(await main(['check', 'shop.flow'], host)).toBe(1);
    expect(host.text(CACHE)).toBeUndefined();
    await build(host);
    parsed.length = 0;
    expect(await main(['check', 'shop.flow'], host)).toBe(1);
    expect(parsed).toEqual([]);
  });

  test('the cache holds the handlers of the last build only', async () => {
    const host = project();
    await build(host);
    expect(Object.keys(JSON.parse(host.text(CACHE) ?? '{}').data)).toHaveLength(4);
    host.removeFile('/work/shop/handlers/old.ts');
    await build(host);
    expect(Object.keys(JSON.parse(host.text(CACHE) ?? '{}').data)).toHaveLength(3);
  });

  test('without a build of flowc to name (flowc run from its sources) there is no cache', async () => {
    const host = project();
    host.env.FLOWC_DEV_BUILD_ID = undefined;
    await build(host);
    expect(host.text(CACHE)).toBeUndefined();
    parsed.length = 0;
    await build(host);
    expect(parsed).toHaveLength(3);
  });
});
