import { describe, expect, test, vi } from 'vitest';
import type { PayloadType } from '../../runtime/manifest/types.js';
import { renderPretty } from '../../compiler/diagnostics/render/pretty.js';
import { checkText } from '../../compiler/program.js';
import { SourceFile } from '../../compiler/source/source-file.js';
import { isAssignable } from '../../compiler/types/assignable.js';
import type { TypeEnvironment } from '../../compiler/types/environment.js';
import { countArrayScans } from '../helpers/array-scans.js';

/**
 * Issue 11, front end: checking is polynomial, and near-linear where the input is a long list.
 * Each case counts work that does not depend on the machine (lookups of named types, elements
 * looked at by array searches, characters of source lines read by the renderer) and bounds it
 * by a small multiple of the input; before the fix each was quadratic or exponential.
 */

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function renderAll(text: string): { codes: string[]; output: string } {
  const { diagnostics } = checkText('p.flow', text);
  return { codes: diagnostics.map((d) => d.code), output: diagnostics.map((d) => renderPretty(d)).join('\n\n') };
}

describe('type comparison compares each pair of named types once', () => {
  /** T0 = { a: string }, Ti = { a: T(i-1), b: T(i-1) }, and the same family U. */
  function doublingFamily(levels: number, bottomOfU: PayloadType): { env: TypeEnvironment; lookups: () => number } {
    const types = new Map<string, PayloadType>();
    for (const [family, leaf] of [['T', { kind: 'string' }], ['U', bottomOfU]] as const) {
      types.set(`${family}0`, { kind: 'record', fields: [{ name: 'a', type: leaf, optional: false }] });
      for (let i = 1; i <= levels; i++) {
        const previous: PayloadType = { kind: 'ref', name: `${family}${i - 1}` };
        types.set(`${family}${i}`, { kind: 'record', fields: [{ name: 'a', type: previous, optional: false }, { name: 'b', type: previous, optional: false }] });
      }
    }
    let lookups = 0;
    const env: TypeEnvironment = {
      named: (name) => {
        lookups++;
        return types.get(name);
      },
      functionInput: () => ({ kind: 'unknown' }),
      functionRequest: () => ({ kind: 'unknown' }),
      functionOutput: () => null,
    };
    return { env, lookups: () => lookups };
  }

  test('two identical families of 20 doubling levels', () => {
    const { env, lookups } = doublingFamily(20, { kind: 'string' });
    expect(isAssignable({ kind: 'ref', name: 'T20' }, { kind: 'ref', name: 'U20' }, env)).toEqual({ ok: true });
    // Each pair (Ti, Ui) is expanded once: 2 lookups per level; 2^21 before.
    expect(lookups()).toBeLessThanOrEqual(2 * 21 * 2);
  });

  test('a difference at the bottom of the families is found', () => {
    const { env } = doublingFamily(20, { kind: 'int' });
    const result = isAssignable({ kind: 'ref', name: 'T20' }, { kind: 'ref', name: 'U20' }, env);
    expect(result).toEqual({ ok: false, path: `${'.a'.repeat(21)}`, reason: '`string` is not `int`' });
  });

  test('the same families in a .flow file', () => {
    const family = (name: string, leaf: string) =>
      `type ${name}0 = { a: ${leaf} }\n${range(24).map((i) => `type ${name}${i + 1} = { a: ${name}${i}, b: ${name}${i} }`).join('\n')}\n`;
    const text = `app a\n${family('T', 'string')}${family('U', 'string')}queue q: T24\nfn f(U24)\nq -> f\n`;
    const { result, scanned } = countArrayScans(() => checkText('p.flow', text));
    expect(result.diagnostics).toEqual([]);
    expect(scanned).toBeLessThan(20 * text.length);
  });
});

describe('long lists cost a small multiple of their length', () => {
  test('a record of 20,000 fields compared with another', () => {
    const fields = (type: string) => range(20_000).map((i) => `f${i}: ${i === 19_999 ? type : 'string'}`).join(', ');
    const text = `app a\ntype T = { ${fields('string')} }\ntype U = { ${fields('int')} }\nqueue q: T\nfn f(U)\nq -> f\n`;
    const { result, scanned } = countArrayScans(() => renderAll(text));
    expect(result.codes).toEqual(['FL3001']);
    expect(result.output).toContain('`.f19999`: `string` is not `int`');
    // Named fields are looked up, not searched: before, each wanted field scanned the record.
    expect(scanned).toBeLessThan(100 * 40_000);
  });

  test('unions of 20,000 literals converted and compared', () => {
    const members = (prefix: string) => range(20_000).map((i) => `"${prefix}${i}"`).join(' | ');
    const text = `app a\ntype T = ${members('v')} | "v1"\ntype U = ${members('v')}\ntype W = ${members('w')}\nqueue q: T\nqueue r: T\nfn f(U)\nfn g(W)\nq -> f\nr -> g\n`;
    const { result, scanned } = countArrayScans(() => renderAll(text));
    expect(result.codes).toEqual(['FL3001']);
    // The message names a few values and counts the rest.
    expect(result.output).toContain('"v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9" and 19,990 more are not one of `W`');
    expect(result.output.length).toBeLessThan(5000);
    expect(scanned).toBeLessThan(100 * 60_000);
  });

  test('one queue with 20,000 consumers', () => {
    const text = `app a\nqueue q: string\n${range(20_000).map((i) => `fn f${i}\nq -> f${i}`).join('\n')}\n`;
    const { result, scanned } = countArrayScans(() => renderAll(text));
    expect(result.codes).toEqual(['FL5004']);
    expect(result.output).toContain('`q` triggers 20000 functions');
    // 19,999 labels besides the primary one; a frame draws 50.
    expect(result.output).toContain('and 19,950 more places not shown');
    expect(result.output.length).toBeLessThan(20_000);
    expect(scanned).toBeLessThan(100 * 40_000);
  });

  test('5,000 duplicate settings on one line, rendered', () => {
    const text = `app a\nqueue q { ${range(5000).map(() => 'visibility = 30s').join(', ')} }\n`;
    const lineText = vi.spyOn(SourceFile.prototype, 'lineText');
    try {
      const { result, scanned } = countArrayScans(() => renderAll(text));
      expect(result.codes).toEqual(range(4999).map(() => 'FL2009'));
      // Each frame shows a window of the one long line: bounded, whatever the line's length.
      expect(result.output.length).toBeLessThan(4999 * 1500);
      // The line is read once per file, not once per label.
      const read = lineText.mock.results.reduce((sum, r) => sum + String(r.value).length, 0);
      expect(read).toBeLessThan(4 * text.length);
      expect(scanned).toBeLessThan(100 * 5000);
    } finally {
      lineText.mockRestore();
    }
  });

  test('2,000 unknown names among 2,000 declarations', () => {
    const text = `app a\ntopic t\n${range(2000).map((i) => `fn handle${i}`).join('\n')}\n${range(2000).map((i) => `t -> handel${i}`).join('\n')}\n`;
    const { result, scanned } = countArrayScans(() => renderAll(text));
    expect(result.codes).toEqual(range(2000).map(() => 'FL2001'));
    // The first ones get suggestions; past a budget of comparisons per file, the rest do not.
    expect(result.output).toContain('did you mean `handle0`');
    // The candidates are listed once, not once per unknown name.
    expect(scanned).toBeLessThan(100 * 4000);
  });
});
