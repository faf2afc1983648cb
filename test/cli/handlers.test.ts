import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../compiler/cli/main.js';
import { MemoryHost } from '../helpers/memory-host.js';
import { nodeHost, type Host } from '../../compiler/cli/host.js';
import { writeFlow } from '../deploy/helpers.js';

const FLOW = `app shop
type Order = { id: string, total: number }
queue orders: Order { dlq = orders_dead, max_receives = 5 }
queue orders_dead: Order
fn charge(Order)
orders -> charge
`;

const TYPED = `import { charge, type ChargeHandler } from '../generated/flow.js';

export const handler: ChargeHandler = charge.eachMessage(async (order) => {
  console.log(order.id);
});
`;

function shop(files: Record<string, string> = {}): MemoryHost {
  const host = new MemoryHost('/work/shop').addFile('shop.flow', FLOW);
  for (const [path, text] of Object.entries(files)) host.addFile(path, text);
  return host;
}

describe('flowc check reads the handlers', () => {
  test('a typed handler checks clean', async () => {
    const host = shop({ 'handlers/charge.ts': TYPED });
    expect(await main(['check', 'shop.flow'], host), host.out).toBe(0);
    expect(host.err).toBe('no problems\n');
  });

  test('a missing export is an error at the handler, related to the function\'s line', async () => {
    const host = shop({ 'handlers/charge.ts': TYPED.replace('export const handler', 'export const main') });
    expect(await main(['check', '--diagnostics', 'short', 'shop.flow'], host)).toBe(1);
    expect(host.out).toBe('handlers/charge.ts:1:1: error FL6001: the handler file of `charge` does not export `handler`, the function Lambda calls\n');
    const json = shop({ 'handlers/charge.ts': TYPED.replace('export const handler', 'export const main') });
    await main(['check', '--diagnostics', 'json', 'shop.flow'], json);
    const [diagnostic] = JSON.parse(json.out) as { file: string; related: { file: string; line: number; column: number }[] }[];
    expect(diagnostic?.file).toBe('handlers/charge.ts');
    expect(diagnostic?.related).toEqual([{ file: 'shop.flow', message: 'the function this file is the handler of', line: 5, column: 4, endLine: 5, endColumn: 10 }]);
  });

  test('a handler copied from another function is told apart from an untyped one', async () => {
    const host = shop({ 'handlers/charge.ts': 'import { audit } from "../generated/flow.js";\nexport const handler = audit.eachMessage(async () => {});\n' });
    await main(['check', '--diagnostics', 'short', 'shop.flow'], host);
    expect(host.out).toBe('handlers/charge.ts:2:14: warning FL6002: the `handler` of `charge` is not typed with `ChargeHandler`\n');
    const flow = FLOW.replace('fn charge(Order)', 'fn charge(Order)\nfn refund(Order)').replace('orders -> charge', 'orders -> charge\norders_dead -> refund');
    const copied = new MemoryHost('/work/shop').addFile('shop.flow', flow).addFile('handlers/refund.ts', TYPED.replace('refund', 'charge')).addFile('handlers/charge.ts', TYPED);
    await main(['check', '--diagnostics', 'short', 'shop.flow'], copied);
    expect(copied.out).toBe('handlers/refund.ts:3:14: warning FL6002: the `handler` of `refund` is typed `ChargeHandler`, the handler type of `charge`\n');
  });

  test('an untyped handler gets a suggested edit when the type is imported; a function declaration does not', async () => {
    const host = shop({ 'handlers/charge.ts': 'import { type ChargeHandler } from "../generated/flow.js";\nexport const handler = async () => {};\n' });
    await main(['check', '--diagnostics', 'json', 'shop.flow'], host);
    const [diagnostic] = JSON.parse(host.out) as { suggestions?: { edits: { replacement: string; line: number; column: number }[] }[] }[];
    expect(diagnostic?.suggestions?.[0]?.edits).toEqual([{ line: 2, column: 21, endLine: 2, endColumn: 21, replacement: ': ChargeHandler' }]);
    const declared = shop({ 'handlers/charge.ts': 'export async function handler() {}\n' });
    await main(['check', '--diagnostics', 'short', 'shop.flow'], declared);
    expect(declared.out).toBe('handlers/charge.ts:1:23: warning FL6002: the `handler` of `charge` is a function declaration, not typed with `ChargeHandler`\n');
  });

  test('JavaScript handlers and re-exports are not judged for their type; CommonJS exports count', async () => {
    const flow = FLOW.replace('fn charge(Order)', 'fn charge(Order) { handler = "handlers/charge.cjs" }');
    const cjs = new MemoryHost('/work/shop').addFile('shop.flow', flow).addFile('handlers/charge.cjs', 'exports.handler = async () => {};\n');
    expect(await main(['check', 'shop.flow'], cjs), cjs.out).toBe(0);
    const reexport = shop({ 'handlers/charge.ts': "export { handler } from './impl.js';\n" });
    expect(await main(['check', 'shop.flow'], reexport), reexport.out).toBe(0);
  });

  test('a renamed function: the fresh stub is a warning, the old handler an orphan whose help moves it over the stub', async () => {
    const host = shop({ 'handlers/charge.ts': `// The handler of \`charge\` (shop.flow:5). flowc created this file once\n${TYPED}` });
    host.addFile('shop.flow', FLOW.replaceAll('charge', 'bill'));
    expect(await main(['build', 'shop.flow', '-o', 'out'], host)).toBe(0);
    expect(host.text('handlers/bill.ts')).toContain('bill is not implemented yet');
    expect(host.text('handlers/charge.ts')).toContain('console.log(order.id)');
    host.out = '';
    host.err = '';
    expect(await main(['check', '--diagnostics', 'short', 'shop.flow'], host)).toBe(0);
    expect(host.out).toBe(
      'handlers/bill.ts:10:3: warning FL6003: the handler of `bill` is still the stub flowc wrote: it throws "not implemented"\n' +
        'handlers/charge.ts:1:1: warning FL6004: no function of `shop.flow` has this file as its handler: it was written for `charge`, which the flow no longer declares\n',
    );
    await main(['check', '--diagnostics', 'json', 'shop.flow'], (host.out = '', host));
    const orphan = (JSON.parse(host.out) as { code: string; help: string }[]).find((d) => d.code === 'FL6004');
    expect(orphan?.help).toContain('`mv handlers/charge.ts handlers/bill.ts`');
    expect(await main(['check', '--deny-warnings', 'shop.flow'], host)).toBe(1);
  });

  test('a send the handler never uses is a warning, unless the file reaches `sends` some other way or delegates', async () => {
    const flow = FLOW.replace('fn charge(Order)', 'queue receipts: Order\nfn charge(Order) { sends = [receipts] }');
    const check = async (handler: string) => {
      const host = new MemoryHost('/work/shop').addFile('shop.flow', flow).addFile('handlers/charge.ts', handler);
      await main(['check', '--diagnostics', 'short', 'shop.flow'], host);
      return host.out;
    };
    expect(await check(TYPED)).toBe('handlers/charge.ts:3:14: warning FL6007: the handler of `charge` never uses its client for `receipts`\n');
    expect(await check(TYPED.replace('console.log(order.id);', 'await charge.sends.receipts.send(order);'))).toBe('');
    expect(await check(TYPED.replace('console.log(order.id);', 'const { receipts } = charge.sends;\n  await receipts.send(order);'))).toBe('');
    expect(await check(`import { forward } from './forward.js';\n${TYPED.replace('console.log(order.id);', 'await forward(order);')}`)).toBe('');
  });

  test('a flow with errors is not followed by its handlers\' diagnostics', async () => {
    const host = shop({ 'handlers/charge.ts': 'export const main = 1;\n' });
    host.addFile('shop.flow', `${FLOW}orders -> nowhere\n`);
    expect(await main(['check', '--diagnostics', 'short', 'shop.flow'], host)).toBe(1);
    expect(host.out).not.toContain('FL6');
  });
});

describe('flowc package and deploy refuse a stub unless --allow-stubs', () => {
  test('package: the stub is an error, nothing is bundled or written', async () => {
    const host = shop();
    expect(await main(['build', 'shop.flow', '-o', 'out'], host)).toBe(0);
    host.out = '';
    host.err = '';
    expect(await main(['package', 'shop.flow', '-o', 'pkg'], host)).toBe(1);
    expect(host.out).toContain('error[FL6003]: the handler of `charge` is still the stub flowc wrote');
    expect(host.out).toContain('or pass `--allow-stubs` to ship it anyway');
    expect(host.err).toBe('1 error; nothing packaged\n');
    expect([...host.files.keys()].some((path) => path.startsWith('/work/shop/pkg'))).toBe(false);
  });

  test('deploy: refused before any AWS call', async () => {
    const host = shop();
    await main(['build', 'shop.flow', '-o', 'out'], host);
    host.err = '';
    expect(await main(['deploy', 'shop.flow', '--stack', 'shop', '--yes', '--region', 'eu-west-1'], host)).toBe(1);
    expect(host.err).toBe('1 error; nothing deployed\n');
  });

  test('package --allow-stubs ships it, with the warning', async () => {
    // Without the generated module, which needs flowc/runtime installed beside the flow to bundle.
    const flow = writeFlow('export const handler = async (event: unknown) => {\n  throw new Error(`work is not implemented yet (handlers/work.ts): ${JSON.stringify(event)}`);\n};\n');
    const out = mkdtempSync(join(tmpdir(), 'flowc-stubs-'));
    const refused = capturing();
    expect(await main(['package', flow.flowFile, '-o', out], refused)).toBe(1);
    const host = capturing();
    expect(await main(['package', flow.flowFile, '-o', out, '--allow-stubs'], host), host.err).toBe(0);
    expect(host.out).toContain('warning[FL6003]');
    expect(readdirSync(join(out, 'assets', 'shop'))).toHaveLength(1);
    expect(readFileSync(join(out, 'template.yaml'), 'utf8')).toContain('WorkFunction');
  });
});

describe('--types: the TypeScript checker over the handlers', () => {
  const root = new URL('../../', import.meta.url).pathname;

  test('check --types reports a handler that no longer fits the flow, against the module the flow makes now', async () => {
    // A flow inside the repository, so `flowc/runtime` resolves (to this package) as in a project that installed it.
    const dir = 'test/fixtures/invalid/FL6006-handler-type-error';
    const host = capturing();
    expect(await main(['check', '--diagnostics', 'short', join(root, dir, 'input.flow')], host)).toBe(0);
    expect(host.out).toBe('');
    expect(await main(['check', '--types', '--diagnostics', 'short', join(root, dir, 'input.flow')], host)).toBe(1);
    expect(host.out).toBe(`${dir}/handlers/charge.ts:5:47: error FL6006: TS2339: Property 'coupon' does not exist on type 'Order'.\n`);
  });

  test('package refuses code that does not type-check; --no-type-check ships it', async () => {
    const flow = writeFlow('export const handler = async (event: { Records: unknown[] }) => {\n  const count: string = event.Records.length;\n  return { batchItemFailures: [], count };\n};\n');
    const out = mkdtempSync(join(tmpdir(), 'flowc-types-'));
    const refused = capturing();
    expect(await main(['package', flow.flowFile, '-o', out], refused)).toBe(1);
    expect(refused.out).toContain("error[FL6006]: TS2322: Type 'number' is not assignable to type 'string'.");
    expect(refused.err).toBe('1 error, 1 warning; nothing packaged\n');
    expect(readdirSync(out)).toEqual([]);
    const host = capturing();
    expect(await main(['package', flow.flowFile, '-o', out, '--no-type-check'], host), host.err).toBe(0);
    expect(host.out).not.toContain('FL6006');
    expect(readdirSync(join(out, 'assets', 'shop'))).toHaveLength(1);
  });
});

function capturing(): Host & { out: string; err: string } {
  const host = { ...nodeHost(), out: '', err: '' };
  host.stdout = (text: string) => void (host.out += text);
  host.stderr = (text: string) => void (host.err += text);
  return host;
}
