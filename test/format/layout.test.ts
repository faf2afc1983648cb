import { describe, expect, test } from 'vitest';
import { formatFlow } from '../../compiler/format/format.js';

function fmt(text: string): string {
  const result = formatFlow(text);
  if (!result.ok) throw new Error(`refused: ${result.problems.map((p) => p.message).join('; ')}`);
  return result.text;
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;

describe('the canonical layout', () => {
  test('spaces: one between tokens, none around `.`, inside brackets, before `:` `?` `,`', () => {
    expect(fmt('app   a\ntype T={a?:int[],b:success<f>,c:(A|B)[]}\nfn f(T)->T{sends=[q,r]}\nf.failure->q')).toBe(
      lines('app a', 'type T = { a?: int[], b: success<f>, c: (A | B)[] }', 'fn f(T) -> T { sends = [q, r] }', 'f.failure -> q'),
    );
  });

  test('tag keys: quoted and hyphenated ones are kept as written, `=` aligned like any setting', () => {
    expect(fmt('app a { tags {\n team="x", "owner:email"  =  "y"\n cost-center="42" } }')).toBe(
      lines('app a {', '  tags {', '    team          = "x"', '    "owner:email" = "y"', '    cost-center   = "42"', '  }', '}'),
    );
  });

  test('pattern operators and comparisons', () => {
    expect(fmt('b -> f { match { detail { n = numeric( >=0,<100 ), s = prefix( "a" ) } } }')).toBe(
      lines('b -> f { match { detail { n = numeric(>= 0, < 100), s = prefix("a") } } }'),
    );
  });

  test('a block written with a line break after `{` stays broken, one setting a line, `=` aligned, commas dropped', () => {
    expect(fmt('queue q {\n  fifo = true, visibility = 3m\n  dlq=dead }')).toBe(lines('queue q {', '  fifo       = true', '  visibility = 3m', '  dlq        = dead', '}'));
    expect(fmt('queue q { fifo = true,\n visibility = 3m }')).toBe(lines('queue q { fifo = true, visibility = 3m }'));
  });

  test('a block too long for 100 columns is broken, nested blocks inside out', () => {
    const settings = Array.from({ length: 9 }, (_, k) => `setting_${k} = ${k}`).join(', ');
    expect(fmt(`fn f { ${settings} }`)).toBe(lines('fn f {', ...Array.from({ length: 9 }, (_, k) => `  setting_${k} = ${k}`), '}'));
  });

  test('a long chain breaks before each `->` after its first edge; a short one stays on its line', () => {
    const names = Array.from({ length: 8 }, (_, k) => `function_number_${k}`);
    expect(fmt(names.join(' -> '))).toBe(lines(`${names[0]} -> ${names[1]}`, ...names.slice(2).map((n) => `  -> ${n}`)));
    expect(fmt('a ->\n  b\n  -> c')).toBe(lines('a -> b -> c'));
  });

  test('a long union breaks before each `|`', () => {
    const words = Array.from({ length: 8 }, (_, k) => `"a_rather_long_word_${k}"`);
    expect(fmt(`type T = ${words.join(' | ')}`)).toBe(lines(`type T = ${words[0]}`, ...words.slice(1).map((w) => `  | ${w}`)));
  });

  test('aligns the `=` of neighbouring type declarations and the first `->` of neighbouring chains', () => {
    expect(fmt('type A = int\ntype Longer = string\n\ntype B = int\na -> b\nlonger.failure -> c -> d')).toBe(
      lines('type A      = int', 'type Longer = string', '', 'type B = int', 'a              -> b', 'longer.failure -> c -> d'),
    );
  });

  test('keeps every comment in place: trailing comments aligned in a run, own-line comments at the indentation of what follows', () => {
    const source = [
      '# header',
      'app a # the app',
      'queue q { # queue',
      '  # own line',
      '  fifo = true # fifo',
      '',
      '',
      '  dlq = dead',
      '  # last',
      '}',
      'q -> f   # edge',
      '# the end',
    ].join('\n');
    expect(fmt(source)).toBe(
      lines('# header', 'app a      # the app', 'queue q {  # queue', '  # own line', '  fifo = true  # fifo', '', '  dlq = dead', '  # last', '}', 'q -> f  # edge', '# the end'),
    );
  });

  test('keeps blank lines between statements, collapsing runs to one, and none at the start or the end', () => {
    expect(fmt('\n\napp a\n\n\n\nqueue q\nfn f\n\n\n')).toBe(lines('app a', '', 'queue q', 'fn f'));
  });

  test('a comment where a line break continues a statement keeps the break', () => {
    expect(fmt('a -> # to b\n  b\ntype T = { a: # field\n int }')).toBe(lines('a ->  # to b', '  b', 'type T = {', '  a:  # field', '    int', '}'));
  });

  test('refuses a text with syntax errors', () => {
    const result = formatFlow('app a\nqueue q { fifo = \n');
    expect(result.ok).toBe(false);
  });

  test('formats an empty text and a text of comments', () => {
    expect(fmt('')).toBe('');
    expect(fmt('  \n\n')).toBe('');
    expect(fmt('# only\n\n\n# comments  \n')).toBe(lines('# only', '', '# comments'));
  });
});
