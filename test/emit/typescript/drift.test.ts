// Drift: stubs and handler code are never regenerated, so when the flow changes, `tsc` must
// reject the code that no longer fits. Each case edits shop.flow, regenerates only the generated
// module, and type-checks the handlers written against the old one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../../compiler/emit/typescript/index.js';
import { formatErrors, manifestOf, repoRoot, typeCheck } from './type-check.js';

const flowPath = 'examples/shop/shop.flow';
const original = readFileSync(join(repoRoot, flowPath), 'utf8');
const folder = join(repoRoot, '.flowc-virtual/drift');

/** A stub as a user filled it in: it reads the order and builds the receipt. */
const filledCharge = `import { charge, type ChargeHandler, type Order } from '../generated/flow.js';

export const handler: ChargeHandler = charge.onMessage(async (order: Order) => ({ order: order.id, charged: order.total }));
`;

function emit(text: string) {
  return emitTypeScript(manifestOf(flowPath, text), { generatedDir: 'generated' });
}

/** The handlers of the original flow (the stubs, and charge filled in) against the module of `text`. */
function checkOldHandlersAgainst(text: string) {
  const files = new Map<string, string>();
  for (const [path, stub] of emit(original).scaffold) files.set(join(folder, path), stub);
  files.set(join(folder, 'handlers/charge.ts'), filledCharge);
  for (const [path, module] of emit(text).generated) files.set(join(folder, path), module);
  return typeCheck(files).map((e) => ({ ...e, file: e.file.slice(folder.length + 1) }));
}

function edit(text: string, replacements: readonly (readonly [string, string])[]): string {
  return replacements.reduce((out, [from, to]) => {
    expect(out).toContain(from);
    return out.replaceAll(from, to);
  }, text);
}

describe('after a change to the flow, tsc rejects the old handler code', () => {
  it('(without a change, the stubs and the filled handler type-check)', () => {
    expect(formatErrors(checkOldHandlersAgainst(original))).toBe('');
  });

  it('a field of a result type renamed: the handler that builds the result', () => {
    const errors = checkOldHandlersAgainst(edit(original, [['type Receipt = { order: string, charged: number }', 'type Receipt = { order: string, amount: number }']]));
    expect(errors.map((e) => e.file)).toEqual(['handlers/charge.ts']);
    expect(errors[0]?.message).toMatch(/'charged' does not exist in type 'Receipt'|Property 'amount' is missing/);
  });

  it('a type renamed: every stub that names it', () => {
    const errors = checkOldHandlersAgainst(edit(original, [['Click', 'Visit']]));
    expect(errors.map((e) => `${e.file}: ${e.message}`)).toEqual([`handlers/sessionize.ts: Module '"../generated/flow.js"' has no exported member 'Click'.`]);
  });

  it("a function's input changed: the stub's parameter", () => {
    const errors = checkOldHandlersAgainst(
      edit(original, [
        ['queue payouts: Receipt {', 'queue payouts: Order {'],
        ['group        = order ', 'group        = customer '],
        ['queue payouts_dead: Receipt', 'queue payouts_dead: Order'],
        ['fn payout(Receipt)', 'fn payout(Order)'],
      ]),
    );
    expect(errors.map((e) => e.file)).toEqual(['handlers/payout.ts']);
    expect(errors[0]?.message).toContain("Type 'Order' is missing the following properties from type 'Receipt': order, charged");
  });

  it('a function that no longer returns a result: the handler that returns one', () => {
    const errors = checkOldHandlersAgainst(edit(original, [['fn charge(Order) -> Receipt', 'fn charge(Order)']]));
    expect(errors.map((e) => e.file)).toEqual(['handlers/charge.ts']);
    expect(errors[0]?.message).toContain("is not assignable to type 'Promise<void>'");
  });
});
