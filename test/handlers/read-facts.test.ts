import { describe, expect, test } from 'vitest';
import { readHandlerFacts } from '../../compiler/handlers/read-facts.js';

describe('the facts of a handler\'s syntax', () => {
  test('a typed handler that sends: its export, imports, clients and detail-types', () => {
    const text = `import { charge as c, type ChargeHandler } from '../generated/flow.js';
export const handler: ChargeHandler = c.eachMessage(async (order) => {
  await c.sends.events.put(order, { detailType: 'Charged' });
  await c.sends.events.putBatch([{ detail: order, detailType: \`Refunded\` }]);
});
`;
    const facts = readHandlerFacts([{ path: '/p/charge.ts', text }]).get('/p/charge.ts');
    expect(facts?.syntaxError).toBeUndefined();
    expect(facts?.export).toMatchObject({ kind: 'variable', typeName: 'ChargeHandler', helper: { value: 'charge', method: 'eachMessage' } });
    expect(facts?.imported).toEqual([
      ['c', 'charge'],
      ['ChargeHandler', 'ChargeHandler'],
    ]);
    expect(facts?.sendsUsed).toEqual(['events']);
    expect(facts?.stubThrows).toEqual([]);
    expect(facts?.detailTypePuts.map((p) => [p.client, p.detailType, text.slice(p.place.start, p.place.end)])).toEqual([
      ['events', 'Charged', "'Charged'"],
      ['events', 'Refunded', '`Refunded`'],
    ]);
  });

  test('a file that does not parse has its first syntax error and nothing else', () => {
    const facts = readHandlerFacts([{ path: '/p/x.ts', text: 'export const handler = (;\n' }]).get('/p/x.ts');
    expect(facts?.syntaxError).toMatchObject({ start: 24 });
    expect(facts?.export).toEqual({ kind: 'missing' });
  });

  test('the facts survive JSON, as the cache keeps them', () => {
    const text = "export function handler() { throw new Error(`x is not implemented yet (see)`); }\n";
    const facts = readHandlerFacts([{ path: '/p/y.ts', text }]).get('/p/y.ts');
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
    expect(facts?.export.kind).toBe('function');
    expect(facts?.stubThrows).toHaveLength(1);
  });
});
