// The validators of the generated module: a schema per declared type, and each handler helper
// handed the schema of its payload unless the function says `validate = false`.
import { describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../../compiler/emit/typescript/index.js';
import { compileText } from '../../../compiler/program.js';

function moduleOf(flow: string): string {
  const { manifest, diagnostics } = compileText('test.flow', flow);
  if (manifest === undefined) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return emitTypeScript(manifest, { generatedDir: 'generated' }).generated.get('generated/flow.ts')!;
}

const FLOW = `app shop
type Order = { id: string, total: number }
type Currency = "EUR" | "USD"
topic placed: Order
queue prices: Currency
fn charge(Order) VALIDATE
fn quote(Currency)
placed -> charge
prices -> quote
`;

describe('the validators of the generated module', () => {
  const text = moduleOf(FLOW.replace('VALIDATE', ''));

  it('holds the flow\'s types as data and a schema per declared type, before the functions that use them', () => {
    expect(text).toContain("const payloadTypes: runtime.PayloadTypes = {\n  Currency: { kind: 'union', members: [{ kind: 'literal', value: 'EUR' }, { kind: 'literal', value: 'USD' }] },\n");
    expect(text).toContain("  Currency: /* @__PURE__ */ runtime.payloadSchema<Currency>('Currency', payloadTypes),\n");
    expect(text).toContain("  Order: /* @__PURE__ */ runtime.payloadSchema<Order>('Order', payloadTypes),\n");
    expect(text.indexOf('export const schemas')).toBeLessThan(text.indexOf('export const charge'));
  });

  it('hands each helper the schema of its payload', () => {
    expect(text).toContain("export const charge = /* @__PURE__ */ runtime.snsTrigger<ChargeInput, void>({ schema: /* @__PURE__ */ runtime.payloadSchema<ChargeInput>('Order', payloadTypes) });");
    expect(text).toContain(
      "export const quote = /* @__PURE__ */ runtime.sqsTrigger<QuoteInput>({ fifo: false, reportFailures: false, schema: /* @__PURE__ */ runtime.payloadSchema<QuoteInput>('Currency', payloadTypes) });",
    );
  });

  it('leaves the schema out for a function with `validate = false`, and only for it', () => {
    const off = moduleOf(FLOW.replace('VALIDATE', '{ validate = false }'));
    expect(off).toContain('export const charge = /* @__PURE__ */ runtime.snsTrigger<ChargeInput, void>();');
    expect(off).toContain("payloadSchema<QuoteInput>('Currency', payloadTypes)");
  });

  it('gives an inline payload type its own schema, and claims no name a declared type has', () => {
    const inline = moduleOf('app a\ntype schemas = { id: string }\nqueue q: { n: int }\nfn f\nq -> f\n');
    expect(inline).toContain('export interface schemas {');
    expect(inline).toContain('export const schemas_ = {');
    expect(inline).toContain("schema: /* @__PURE__ */ runtime.payloadSchema<FInput>({ kind: 'record', fields: [{ name: 'n', type: { kind: 'int' }, optional: false }] }, payloadTypes)");
  });
});
