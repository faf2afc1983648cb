// `flowc sim` and the values of `ssm(…)` and `secret(…)` variables (issue 16 §3): they come from
// the events file's "parameters" and "secrets"; one that is missing is FL9032 before anything runs.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { nodeHost } from '../../compiler/cli/host.js';
import { main } from '../../compiler/cli/main.js';

const FLOW = `app shop { tags { team = "payments" } }
type Order = { id: string }
topic placed: Order
fn charge(Order) {
  env { DB_URL = ssm("/shop/prod/db"), API_KEY = secret("shop/api-key"), MODE = "live" }
}
placed -> charge
`;

const HANDLER = `import { charge, type ChargeHandler } from '../generated/flow.js';
export const handler: ChargeHandler = charge.onMessage(async (order) => {
  console.log(\`\${order.id}: db=\${process.env.DB_URL} key=\${process.env.API_KEY} mode=\${process.env.MODE} name-var=\${process.env.FLOWC_SECRET_API_KEY}\`);
});
`;

async function project(events: object): Promise<{ dir: string; run: () => Promise<{ code: number; out: string; err: string }> }> {
  const dir = mkdtempSync(join(tmpdir(), 'flowc-sim-parameters-'));
  writeFileSync(join(dir, 'shop.flow'), FLOW);
  mkdirSync(join(dir, 'handlers'));
  writeFileSync(join(dir, 'handlers', 'charge.ts'), HANDLER);
  writeFileSync(join(dir, 'events.json'), JSON.stringify(events));
  const host = { ...nodeHost(), cwd: dir, out: '', err: '' };
  const captured = { ...host, stdout: (text: string) => void (captured.out += text), stderr: (text: string) => void (captured.err += text) };
  // The generated module the handler imports.
  const built = await main(['build', join(dir, 'shop.flow'), '-o', join(dir, 'out')], captured);
  expect(built).toBe(0);
  return {
    dir,
    run: async () => {
      captured.out = '';
      captured.err = '';
      const code = await main(['sim', join(dir, 'shop.flow'), '--events', join(dir, 'events.json')], captured);
      return { code, out: captured.out, err: captured.err };
    },
  };
}

const event = { to: 'placed', message: { id: 'o-1' } };

describe('flowc sim: parameters and secrets', () => {
  test('the handler reads the values of the events file in process.env, as on Lambda, and never the secret-name variable', async () => {
    const { run } = await project({ parameters: { '/shop/prod/db': 'postgres://localhost/shop' }, secrets: { 'shop/api-key': 'k-123' }, events: [event] });
    const { code, out, err } = await run();
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('o-1: db=postgres://localhost/shop key=k-123 mode=live name-var=undefined');
  });

  test('FL9032: every missing value is listed, with the variables that read it, and nothing runs', async () => {
    const { run } = await project({ parameters: { '/shop/prod/db': 'postgres://localhost/shop' }, events: [event] });
    const { code, out, err } = await run();
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(
      'flowc: error FL9032: the flow reads a value that events.json does not give: the secret "shop/api-key" (API_KEY of charge)\n' +
        '  = help: give each in the events file, e.g. `"secrets": { "shop/api-key": "…" }`; the simulator reads nothing from AWS\n',
    );
  });

  test('a value that is not a string is a usage error naming it', async () => {
    const { run } = await project({ parameters: { '/shop/prod/db': 5 }, secrets: { 'shop/api-key': 'k' }, events: [event] });
    const { code, err } = await run();
    expect(code).toBe(2);
    expect(err).toContain('events.json: "parameters": the value of "/shop/prod/db" must be a string');
    expect(err).not.toMatch(/\n\s+at /);
  });
});
