import { describe, expect, test } from 'vitest';
import { checkText } from '../../compiler/program.js';
import { countArrayScans } from '../helpers/array-scans.js';

/**
 * Issue 11, front end: every input terminates with diagnostics, whatever cycle or depth it
 * holds. Each case here crashed (stack overflow), or passed a mistake silently, before.
 */

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const codesOf = (text: string) => checkText('p.flow', text).diagnostics.map((d) => d.code);

describe('inference ends on every cycle', () => {
  const cycles: [string, string][] = [
    ['a function that is its own success destination', 'app a\ntopic t: string\nfn m\nt -> m -> m\n'],
    ['a function that is its own destination, invoked by nothing else', 'app a\nfn m\nm -> m\n'],
    ['two functions that are each other\'s destination', 'app a\ntopic t: string\nfn f\nfn g\nt -> f -> g -> f\n'],
    ['a function that is its own success and failure destination', 'app a\ntopic t: string\nfn m\nt -> m -> m\nm.failure -> m\n'],
    ['a function whose declared input is its own success record', 'app a\nfn m(success<m>)\nm -> m\n'],
    ['a queue that carries its function\'s own record', 'app a\ntopic t: string\nqueue q\nfn m\nt -> m -> q -> m\n'],
    ['a bus rule that selects a function\'s own records', 'app a\ntopic t: string\nbus b\nfn m\nt -> m -> b -> m\n'],
    ['dead-letter queues in a ring', 'app a\nqueue a1 { dlq = a2 }\nqueue a2 { dlq = a1 }\nfn f\na1 -> f\n'],
    ['a record type that names a function that receives it', 'app a\ntype R = { r: success<m> }\ntopic t: R\nfn m\nt -> m\nm -> t\n'],
  ];
  for (const [name, text] of cycles) {
    test(name, () => {
      const result = checkText('p.flow', text);
      const typed = result.checked?.typed;
      expect(typed).toBeDefined();
      for (const [declaration, symbol] of result.program?.declarations ?? []) {
        expect(typed?.typeOf(declaration).kind).toBeDefined();
        if (symbol.kind === 'fn') expect(typed?.functionRequest(declaration).kind).toBeDefined();
      }
    });
  }

  test('a function that is its own success destination gets a diagnostic, not unknown silence', () => {
    // Its producers, the topic and its own record, send different types.
    expect(codesOf('app a\ntopic t: string\nfn m\nt -> m -> m\n')).toContain('FL3003');
  });

  test('a chain of 3,000 dead-letter queues', () => {
    const queues = range(3000).map((i) => `queue q${i} { dlq = q${i + 1} }`);
    const text = `app a\ntopic t: string\nqueue q0\nt -> q0\n${queues.slice(1).join('\n')}\nqueue q3000\n`;
    const result = checkText('p.flow', text.replace('queue q0\n', 'queue q0 { dlq = q1 }\n'));
    expect(result.checked?.typed.typeOf('q3000')).toEqual({ kind: 'string' });
  });
});

describe('the recursive-loop rule (FL5002) is linear and never stops early', () => {
  const chain = (n: number) => `app a\ntopic t: string\n${range(n).map((i) => `fn f${i} -> string`).join('\n')}\nt -> f0\n${range(n - 1).map((i) => `f${i} -> f${i + 1}`).join('\n')}\n`;

  test('a chain of 5,000 functions by destinations', () => {
    expect(codesOf(chain(5000))).toEqual([]);
  });

  test('a loop after a chain of 3,000 functions is still found', () => {
    const loop = 'fn ga(string)\nfn gb\ntopic lt: string\nlt -> ga\nga -> gb\ngb.failure -> ga\n';
    const diagnostics = checkText('p.flow', chain(3000) + loop).diagnostics;
    const loops = diagnostics.filter((d) => d.code === 'FL5002');
    expect(loops.map((d) => d.message)).toEqual(['`ga` runs again for its own output: `ga → gb → ga`']);
  });

  test('each tangle of loops is reported once', () => {
    const text = 'app a\ntopic t: string\nfn f\nfn g\nfn h\nt -> f -> g -> f\ng.failure -> h\nh -> f\n';
    expect(codesOf(text).filter((c) => c === 'FL5002')).toHaveLength(1);
  });
});

describe('types of any depth are checked or refused, never crash and never pass silently', () => {
  test('5,000 levels of array nesting are refused with FL3010', () => {
    expect(codesOf(`app a\ntype T = string${'[]'.repeat(5000)}\nqueue q: T\nfn f\nq -> f\n`)).toEqual(['FL3010']);
  });

  test('a mismatch 45 levels deep is found (it passed below a depth cut of 40)', () => {
    const deep = (leaf: string) => `${'{ x: '.repeat(45)}${leaf}${' }'.repeat(45)}`;
    const diagnostics = checkText('p.flow', `app a\ntype A = ${deep('string')}\ntype B = ${deep('int')}\nqueue q: A\nfn f(B)\nq -> f\n`).diagnostics;
    expect(diagnostics.map((d) => d.code)).toEqual(['FL3001']);
    expect(diagnostics[0]?.message).toContain(`\`${'.x'.repeat(45)}\`: \`string\` is not \`int\``);
  });

  test('a mismatch at the bottom of two chains of 60 destinations is found', () => {
    // success<f59> holds success<f58> as its requestPayload, and so on down to f0, whose
    // output is a string; the h chain is the same but for an int at the bottom.
    const chainOf = (prefix: string, output: string) =>
      `topic ${prefix}t: string\nfn ${prefix}0 -> ${output}\n${range(59).map((i) => `fn ${prefix}${i + 1}`).join('\n')}\n${prefix}t -> ${prefix}0\n${range(59).map((i) => `${prefix}${i} -> ${prefix}${i + 1}`).join('\n')}\n`;
    const text = `app a\n${chainOf('f', 'string')}${chainOf('h', 'int')}fn z(success<h59>)\nf59 -> z\n`;
    const codes = codesOf(text);
    expect(codes).toContain('FL3002');
  });

  test('a chain of 5,000 type aliases is refused with one FL3011, not cut to unknown', () => {
    const aliases = range(5000).map((i) => `type A${i + 1} = A${i}`).join('\n');
    expect(codesOf(`app a\ntype A0 = string\n${aliases}\nqueue q: A5000\nfn f(int)\nq -> f\n`)).toEqual(['FL3011']);
  });

  test('an alias chain within the limit is followed to its end', () => {
    const aliases = range(40).map((i) => `type A${i + 1} = A${i}`).join('\n');
    expect(codesOf(`app a\ntype A0 = string\n${aliases}\nqueue q: A40\nfn f(int)\nq -> f\n`)).toEqual(['FL3001']);
  });

  test('a union of unions of … is converted once per name, not once per path', () => {
    // L12 = L11 | L11, L11 = L10 | L10, …: each name was converted again for each path to
    // it, 4^12 times for L0; the count of elements searched shows it.
    const unions = range(12).map((i) => `type L${i + 1} = L${i} | L${i}`).join('\n');
    const text = `app a\ntype L0 = "a" | "b"\n${unions}\nqueue q: L12\nfn f(L0)\nq -> f\n`;
    const { result, scanned } = countArrayScans(() => codesOf(text));
    expect(result).toEqual([]);
    expect(scanned).toBeLessThan(10_000);
  });
});
